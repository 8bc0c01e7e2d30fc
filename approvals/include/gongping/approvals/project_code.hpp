#pragma once
// Project codes issued when an informatization project is filed: "<REGION>-<YEAR>-<SEQUENCE>",
// e.g. "GD-2026-000123". REGION is 2 to 4 capital letters (the province by default), YEAR four
// digits, SEQUENCE six digits (1..999999) counting within the region and year.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gp::approvals {

struct ProjectCode {
  std::string region;
  int year = 0;
  std::int32_t sequence = 0;

  bool operator==(const ProjectCode&) const = default;
};

// nullopt when any part is out of range.
std::optional<std::string> format_project_code(const ProjectCode& code);
std::optional<ProjectCode> parse_project_code(std::string_view text);

}  // namespace gp::approvals
