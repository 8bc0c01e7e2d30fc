#pragma once
// The media type of a request body: Content-Type without its parameters, compared case-blind.

#include <string_view>

#include "gongping/server/http/types.hpp"

namespace gp::server::http {

// "application/json; charset=utf-8" -> "application/json" (at most what the header holds).
std::string_view media_type_of(const Request& request);
bool has_media_type(const Request& request, std::string_view expected);

}  // namespace gp::server::http
