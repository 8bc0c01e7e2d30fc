#include "gongping/common/config_file.hpp"

namespace gp::common {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool valid_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) return false;
  }
  return true;
}

}  // namespace

Result<ConfigFile> ConfigFile::parse(std::string_view text) {
  ConfigFile config;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const auto newline = text.find('\n');
    std::string_view line = trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    if (line.empty() || line.front() == '#') continue;
    const auto eq = line.find('=');
    const std::string where = "line " + std::to_string(line_number);
    if (eq == std::string_view::npos) {
      return Error::validation({{where, "expected `key = value`"}});
    }
    const auto key = trim(line.substr(0, eq));
    if (!valid_key(key)) {
      return Error::validation({{where, "key must be lower-case letters, digits, `_` or `.`"}});
    }
    config.entries_[std::string(key)] = std::string(trim(line.substr(eq + 1)));
  }
  return config;
}

std::optional<std::string> ConfigFile::get(std::string_view key) const {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

}  // namespace gp::common
