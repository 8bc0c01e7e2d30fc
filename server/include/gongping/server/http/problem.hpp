#pragma once
// RFC 9457 problem details: the one table that maps every common::ErrorCode to an HTTP status, a
// stable `type` and a title, and the function that turns an Error into a response.
//
// Body: {"type","title","status","detail","instance","request_id"[,"errors":[{"field","detail"}]]}
// with Content-Type application/problem+json. Error::log_detail never leaves the server.

#include <string>
#include <string_view>

#include "gongping/common/error.hpp"
#include "gongping/server/http/types.hpp"

namespace gp::server::http {

struct ProblemKind {
  Status status;
  std::string_view slug;  // the type is "/problems/<slug>"
  std::string_view title;
};

// Every ErrorCode has a row; codes added without one map to 500 and fail problem_test.
ProblemKind problem_kind(common::ErrorCode code);
bool has_problem_kind(common::ErrorCode code);

Response problem_response(const common::Error& error, std::string_view instance, std::string_view request_id,
                          unsigned http_version);

}  // namespace gp::server::http
