#pragma once
// The system registry's records and their import (issue 5: "Import from CSV and JSON (`gongping
// registry import FILE`), with a clear report of rejected rows").
//
// A registered system: owner department, name, functions as text, the data resources it holds,
// where it is hosted, and its status. A file is read row by row; each row is accepted whole or
// rejected with every problem it has, so that an operator can mend the file and import it again.
//
// CSV: RFC 4180 (quoted fields, doubled quotes, CRLF or LF, an optional UTF-8 byte order mark), a
// header row naming the columns owner_department, name, functions, data_resources, hosting, status
// (any order; other columns are refused). data_resources is a list separated by ';' or '；'.
// Pure.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gongping/approvals/compliance.hpp"
#include "gongping/common/result.hpp"

namespace gp::approvals {

enum class SystemStatus { in_use, under_construction, retired };
std::string_view to_string(SystemStatus status);
std::optional<SystemStatus> parse_system_status(std::string_view text);

inline constexpr std::size_t kMaxDepartmentBytes = 200;
inline constexpr std::size_t kMaxSystemNameBytes = 200;
inline constexpr std::size_t kMaxFunctionsBytes = 20000;
inline constexpr std::size_t kMaxDataResources = 200;
inline constexpr std::size_t kMaxResourceNameBytes = 200;

struct RegistrySystem {
  std::string owner_department;
  std::string name;
  std::string functions;
  std::vector<std::string> data_resources;
  Hosting hosting = Hosting::provincial_government_cloud;
  SystemStatus status = SystemStatus::in_use;
};

// A record as read from a file, before validation.
struct SystemFields {
  std::string owner_department;
  std::string name;
  std::string functions;
  std::vector<std::string> data_resources;
  std::string hosting;  // as to_string(Hosting); empty is refused
  std::string status;   // as to_string(SystemStatus); empty means in_use
};

// validation_failed naming every bad field (empty, too long, not valid UTF-8, unknown name).
common::Result<RegistrySystem> validate_system(const SystemFields& fields);

// The text of a system the duplicate check compares: name, functions and data resources.
std::string system_matching_text(const RegistrySystem& system);

struct RejectedRow {
  std::size_t row = 0;  // 1-based data row (the CSV header is row 0)
  std::vector<common::FieldError> problems;
};

struct ImportReport {
  std::vector<std::pair<std::size_t, RegistrySystem>> accepted;  // with their row numbers
  std::vector<RejectedRow> rejected;
};

// Splits RFC 4180 text into rows of fields; validation_failed ("line N") for an unterminated quote
// or a stray quote inside an unquoted field.
common::Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text);

// Reads a CSV registry file; a bad header fails the whole file, a bad row is reported and skipped.
common::Result<ImportReport> read_systems_csv(std::string_view text);

}  // namespace gp::approvals
