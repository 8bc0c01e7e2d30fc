#pragma once
// ExactJson: a small JSON tree that keeps every number as the text it was written in, so that
// decimals such as 18.5 or 0.0001 reach the evaluation core exactly (a DOM would hand out doubles).
// Parsed by RapidJSON's SAX reader; no RapidJSON type appears in this header.
//
// Objects keep their members in document order, duplicates included (readers refuse those).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace gp::matching::engine {

struct ExactJson {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool flag = false;
  std::string text;  // a number's text, or a string's value
  std::vector<ExactJson> items;
  std::vector<std::pair<std::string, ExactJson>> members;

  // The first member named `name`, or null when absent (objects only).
  const ExactJson* find(std::string_view name) const;
};

inline constexpr std::size_t kMaxExactJsonDepth = 32;

struct ExactJsonError {
  std::size_t offset = 0;
  std::string message;
};

// The document, or where and why it is not JSON (also when nested deeper than kMaxExactJsonDepth).
std::variant<ExactJson, ExactJsonError> parse_exact_json(std::string_view text);

// Compact JSON text of a value, numbers written exactly as they were read.
std::string write_exact_json(const ExactJson& value);

}  // namespace gp::matching::engine
