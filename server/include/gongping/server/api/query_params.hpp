#pragma once
// Reading query-string parameters ("a=1&b=x"). query_int and query_text take values as they are
// (plain tokens: numbers, enum names); query_decoded percent-decodes (file names).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongping/common/error.hpp"
#include "gongping/common/instant.hpp"

namespace gp::server::api {

// A non-negative integer parameter: `fallback` when absent, nullopt when malformed or above `max`.
std::optional<int> query_int(std::string_view query, std::string_view name, int fallback, int max);

// The parameter's raw value, empty when absent.
std::string_view query_text(std::string_view query, std::string_view name);

// The parameter percent-decoded ('+' is a space); nullopt when absent or badly encoded.
std::optional<std::string> query_decoded(std::string_view query, std::string_view name);

// An RFC 3339 UTC time parameter: nullopt when absent or empty; a problem for `errors` (and nullopt)
// when it does not parse.
std::optional<common::Instant> query_instant(std::string_view query, std::string_view name,
                                             std::vector<common::FieldError>& errors);

}  // namespace gp::server::api
