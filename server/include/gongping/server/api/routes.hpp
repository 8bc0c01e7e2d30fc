#pragma once
// The REST API's route table: every route, its method, its roles and its handler, in one place.
// server/api/openapi.json documents each of them (api_routes_test checks that it does).

#include <string>
#include <vector>

#include "gongping/server/http/router.hpp"

namespace gp::server::api {

// `upload_limit_bytes` bounds each streamed upload (uploads.max_bytes).
inline constexpr std::size_t kDefaultUploadLimitBytes = 200 * 1024 * 1024;
std::vector<http::Route> api_routes(std::size_t upload_limit_bytes = kDefaultUploadLimitBytes);

// The OpenAPI 3.1 document compiled into the binary (server/api/openapi.json).
std::string bundled_openapi();

// The table as JSON, for `gongping-server --print-routes` and the role-matrix tests:
// [{"method":"GET","path":"/healthz","roles":"anyone"|["admin",...]}, ...]
std::string routes_as_json(const std::vector<http::Route>& routes);

}  // namespace gp::server::api
