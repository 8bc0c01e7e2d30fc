#include "gongping/approvals/project_code.hpp"

#include <cstdio>

namespace gp::approvals {
namespace {

bool valid_region(std::string_view region) {
  if (region.size() < 2 || region.size() > 4) return false;
  for (char c : region) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

std::optional<int> parse_digits(std::string_view text, std::size_t count) {
  if (text.size() != count) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::optional<std::string> format_project_code(const ProjectCode& code) {
  if (!valid_region(code.region) || code.year < 2000 || code.year > 9999 || code.sequence < 1 ||
      code.sequence > 999999) {
    return std::nullopt;
  }
  char tail[16];
  std::snprintf(tail, sizeof tail, "-%04d-%06d", code.year, static_cast<int>(code.sequence));
  return code.region + tail;
}

std::optional<ProjectCode> parse_project_code(std::string_view text) {
  const auto first = text.find('-');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = text.find('-', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  ProjectCode code;
  code.region = std::string(text.substr(0, first));
  const auto year = parse_digits(text.substr(first + 1, second - first - 1), 4);
  const auto sequence = parse_digits(text.substr(second + 1), 6);
  if (!year || !sequence) return std::nullopt;
  code.year = *year;
  code.sequence = *sequence;
  if (!format_project_code(code)) return std::nullopt;
  return code;
}

}  // namespace gp::approvals
