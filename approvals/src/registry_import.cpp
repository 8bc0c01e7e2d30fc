#include "gongping/approvals/registry_import.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "gongping/common/enum_names.hpp"

namespace gp::approvals {
namespace {

constexpr std::array<std::string_view, 3> kStatusNames = {"in_use", "under_construction", "retired"};
constexpr std::array<std::string_view, 6> kColumns = {"owner_department", "name",    "functions",
                                                      "data_resources",   "hosting", "status"};

// Whether `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned min = 0, cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, min = 0x80, cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, min = 0x800, cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, min = 0x10000, cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

std::string trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

void check_text(std::vector<common::FieldError>& errors, const char* field, const std::string& value,
                std::size_t max_bytes) {
  if (value.empty()) {
    errors.push_back({field, "is required"});
  } else if (value.size() > max_bytes) {
    errors.push_back({field, "is longer than " + std::to_string(max_bytes) + " bytes"});
  } else if (!valid_utf8(value)) {
    errors.push_back({field, "is not valid UTF-8"});
  }
}

// Splits "a;b；c" on ';' and the full-width '；', trimming each part and dropping empty ones.
std::vector<std::string> split_list(const std::string& text) {
  static const std::string kFullWidthSemicolon = "\xEF\xBC\x9B";
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == ';') {
      parts.push_back(trim(current)), current.clear(), ++i;
    } else if (text.compare(i, kFullWidthSemicolon.size(), kFullWidthSemicolon) == 0) {
      parts.push_back(trim(current)), current.clear(), i += kFullWidthSemicolon.size();
    } else {
      current += text[i++];
    }
  }
  parts.push_back(trim(current));
  parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
  return parts;
}

}  // namespace

std::string_view to_string(SystemStatus status) { return common::enum_name(kStatusNames, status); }

std::optional<SystemStatus> parse_system_status(std::string_view text) {
  return common::enum_from_name<SystemStatus>(kStatusNames, text);
}

common::Result<RegistrySystem> validate_system(const SystemFields& fields) {
  std::vector<common::FieldError> errors;
  RegistrySystem s;
  s.owner_department = trim(fields.owner_department);
  s.name = trim(fields.name);
  s.functions = trim(fields.functions);
  check_text(errors, "owner_department", s.owner_department, kMaxDepartmentBytes);
  check_text(errors, "name", s.name, kMaxSystemNameBytes);
  check_text(errors, "functions", s.functions, kMaxFunctionsBytes);
  if (fields.data_resources.size() > kMaxDataResources) {
    errors.push_back({"data_resources", "lists more than 200 resources"});
  }
  std::set<std::string> seen;
  for (const auto& r : fields.data_resources) {
    const auto name = trim(r);
    if (name.empty()) continue;
    if (!valid_utf8(name)) {
      errors.push_back({"data_resources", "a resource name is not valid UTF-8"});
    } else if (name.size() > kMaxResourceNameBytes) {
      errors.push_back({"data_resources", "a resource name is longer than 200 bytes"});
    } else if (seen.insert(name).second) {
      s.data_resources.push_back(name);
    }
  }
  const auto hosting = parse_hosting(trim(fields.hosting));
  if (!hosting) {
    errors.push_back({"hosting", "must be provincial_government_cloud, own_machine_room, own_servers or other_cloud"});
  } else {
    s.hosting = *hosting;
  }
  const auto status_text = trim(fields.status);
  const auto status = status_text.empty() ? std::optional(SystemStatus::in_use) : parse_system_status(status_text);
  if (!status) {
    errors.push_back({"status", "must be in_use, under_construction or retired"});
  } else {
    s.status = *status;
  }
  if (!errors.empty()) return common::Error::validation(std::move(errors));
  return s;
}

std::string system_matching_text(const RegistrySystem& system) {
  std::string text = system.name + "\n" + system.functions;
  for (const auto& r : system.data_resources) text += "\n" + r;
  return text;
}

common::Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, field_started = false, after_quote = false;
  std::size_t line = 1, quote_line = 1;
  const auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = after_quote = false;
  };
  const auto end_row = [&] {
    end_field();
    const bool blank = row.size() == 1 && row[0].empty();
    if (!blank) rows.push_back(std::move(row));
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      ++line;
    } else if (c == '"') {
      if (field_started || after_quote) {
        return common::Error::validation({{"line " + std::to_string(line), "a quote inside an unquoted field"}});
      }
      quoted = true;
      quote_line = line;
    } else {
      if (after_quote) {
        return common::Error::validation({{"line " + std::to_string(line), "text after a closing quote"}});
      }
      field += c;
      field_started = true;
    }
  }
  if (quoted) return common::Error::validation({{"line " + std::to_string(quote_line), "a quote is never closed"}});
  if (field_started || after_quote || !row.empty()) end_row();
  return rows;
}

common::Result<ImportReport> read_systems_csv(std::string_view text) {
  auto table = parse_csv(text);
  if (!table) return table.error();
  auto& rows = table.value();
  if (rows.empty())
    return common::Error::validation({{"header", "the file is empty; the first row names the columns"}});
  std::map<std::string, std::size_t> column;
  std::vector<common::FieldError> header_errors;
  for (std::size_t i = 0; i < rows[0].size(); ++i) {
    const auto name = trim(rows[0][i]);
    if (std::find(kColumns.begin(), kColumns.end(), name) == kColumns.end()) {
      header_errors.push_back({"header", "unknown column \"" + name + "\""});
    } else if (!column.emplace(name, i).second) {
      header_errors.push_back({"header", "column \"" + name + "\" appears twice"});
    }
  }
  for (const auto required : {"owner_department", "name", "functions", "hosting"}) {
    if (!column.count(required))
      header_errors.push_back({"header", "column \"" + std::string(required) + "\" is missing"});
  }
  if (!header_errors.empty()) return common::Error::validation(std::move(header_errors));

  ImportReport report;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& cells = rows[r];
    if (cells.size() != rows[0].size()) {
      report.rejected.push_back({r,
                                 {{"row", "has " + std::to_string(cells.size()) + " fields; the header has " +
                                              std::to_string(rows[0].size())}}});
      continue;
    }
    const auto cell = [&](const char* name) { return column.count(name) ? cells[column.at(name)] : std::string(); };
    auto system = validate_system({cell("owner_department"), cell("name"), cell("functions"),
                                   split_list(cell("data_resources")), cell("hosting"), cell("status")});
    if (system) {
      report.accepted.emplace_back(r, std::move(system.value()));
    } else {
      report.rejected.push_back({r, system.error().fields});
    }
  }
  return report;
}

}  // namespace gp::approvals
