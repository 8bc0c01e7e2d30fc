#pragma once
// Reading query-string parameters ("a=1&b=x"). Values are taken as they are: no percent-decoding,
// so these suit parameters whose values are plain tokens (numbers, enum names).

#include <optional>
#include <string_view>

namespace gp::server::api {

// A non-negative integer parameter: `fallback` when absent, nullopt when malformed or above `max`.
std::optional<int> query_int(std::string_view query, std::string_view name, int fallback, int max);

// The parameter's raw value, empty when absent.
std::string_view query_text(std::string_view query, std::string_view name);

}  // namespace gp::server::api
