#include "gongping/server/http/media_type.hpp"

#include <algorithm>
#include <cctype>

namespace gp::server::http {

std::string_view media_type_of(const Request& request) {
  const std::string_view type = request[beast_http::field::content_type];
  auto media = type.substr(0, type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  return media;
}

bool has_media_type(const Request& request, std::string_view expected) {
  const auto media = media_type_of(request);
  return media.size() == expected.size() &&
         std::equal(media.begin(), media.end(), expected.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace gp::server::http
