#pragma once
// JsonWriter: builds compact JSON text in a fixed key order, for formats that are hashed or signed
// byte for byte (audit entries, receipts). Domain code uses it instead of a JSON library.
//
// The caller is responsible for well-formed nesting (begin/end pairs, key before each value in an
// object); strings are escaped per RFC 8259 and must be valid UTF-8 (not checked here).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongping/common/instant.hpp"

namespace gp::common {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(bool flag);
  JsonWriter& null();
  // The value, or null when there is none: an absent optional, or empty text where empty means
  // "none" (text_or_null).
  JsonWriter& value_or_null(const std::optional<std::string>& text);
  JsonWriter& value_or_null(std::optional<std::int64_t> number);
  JsonWriter& value_or_null(const std::optional<Instant>& at);  // RFC 3339
  JsonWriter& text_or_null(std::string_view text);
  // An array of strings: ["a","b"].
  JsonWriter& string_array(const std::vector<std::string>& items);
  // Inserts already-serialized JSON (e.g. a nested object produced by another writer).
  JsonWriter& raw(std::string_view json);

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

  static std::string quote(std::string_view text);
  // Appends `text` as a quoted, escaped JSON string to `out` (no allocation beyond out's growth).
  static void append_quoted(std::string& out, std::string_view text);

 private:
  void separate();
  std::string out_;
  bool need_comma_ = false;
};

}  // namespace gp::common
