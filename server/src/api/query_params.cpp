#include "gongping/server/api/query_params.hpp"

namespace gp::server::api {

std::string_view query_text(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

std::optional<int> query_int(std::string_view query, std::string_view name, int fallback, int max) {
  const auto text = query_text(query, name);
  if (text.empty()) return fallback;
  if (text.size() > 9) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

std::optional<std::string> query_decoded(std::string_view query, std::string_view name) {
  const auto text = query_text(query, name);
  if (text.empty()) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] != '%') {
      out += text[i];
    } else {
      if (i + 2 >= text.size()) return std::nullopt;
      auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      const int hi = digit(text[i + 1]), lo = digit(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
  }
  return out;
}

std::optional<common::Instant> query_instant(std::string_view query, std::string_view name,
                                             std::vector<common::FieldError>& errors) {
  const auto text = query_decoded(query, name);
  if (!text || text->empty()) return std::nullopt;
  const auto at = common::Instant::parse_rfc3339(*text);
  if (!at) errors.push_back({std::string(name), "must be an RFC 3339 UTC time like 2026-11-27T02:00:00Z"});
  return at;
}

}  // namespace gp::server::api
