#include "gongping/server/db/sql_arrays.hpp"

namespace gp::server::db {
namespace {

void append_element(std::string& out, const std::string& value) {
  out += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string pg_bigint_array(const std::vector<std::int64_t>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(values[i]);
  }
  return out + "}";
}

std::string pg_text_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    append_element(out, values[i]);
  }
  return out + "}";
}

std::string pg_text_array(const std::vector<std::optional<std::string>>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    if (values[i]) {
      append_element(out, *values[i]);
    } else {
      out += "NULL";
    }
  }
  return out + "}";
}

std::vector<std::string> parse_pg_text_array(std::string_view printed) {
  std::vector<std::string> out;
  if (printed.size() < 2) return out;
  std::string current;
  bool quoted = false, escaped = false, any = false;
  for (std::size_t i = 1; i + 1 < printed.size(); ++i) {
    const char c = printed[i];
    if (escaped) {
      current += c;
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == '"') {
      quoted = !quoted;
      any = true;
    } else if (c == ',' && !quoted) {
      out.push_back(std::move(current));
      current.clear();
      any = false;
    } else {
      current += c;
      any = true;
    }
  }
  if (any || !current.empty()) out.push_back(std::move(current));
  return out;
}

}  // namespace gp::server::db
