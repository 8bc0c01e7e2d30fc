#pragma once
// Reading query-string parameters ("a=1&b=x"). query_int and query_text take values as they are
// (plain tokens: numbers, enum names); query_decoded percent-decodes (file names).

#include <optional>
#include <string>
#include <string_view>

namespace gp::server::api {

// A non-negative integer parameter: `fallback` when absent, nullopt when malformed or above `max`.
std::optional<int> query_int(std::string_view query, std::string_view name, int fallback, int max);

// The parameter's raw value, empty when absent.
std::string_view query_text(std::string_view query, std::string_view name);

// The parameter percent-decoded ('+' is a space); nullopt when absent or badly encoded.
std::optional<std::string> query_decoded(std::string_view query, std::string_view name);

}  // namespace gp::server::api
