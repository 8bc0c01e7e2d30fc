#pragma once
// JsonBody: reads a JSON object request body field by field and reports every problem at once.
//
//   auto body = JsonBody::parse(request);            // 415 / 400 as Error values
//   if (!body) return problem(body.error());
//   auto& f = body.value();
//   std::string login = f.required_string("login", 64);
//   if (auto done = f.finish(); !done) return problem(done.error());   // 422 naming each field
//
// Missing fields, wrong types, over-long strings and unknown fields (any member that no accessor
// asked for) are collected and returned by finish() as one validation_failed error.
// Nesting deeper than 32 levels is refused as malformed. Not thread-safe (one request).

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gongping/common/result.hpp"
#include "gongping/server/http/types.hpp"

namespace gp::server::http {

class JsonBody {
 public:
  static common::Result<JsonBody> parse(const Request& request);
  static common::Result<JsonBody> parse_text(std::string_view text);

  JsonBody(JsonBody&&) noexcept;
  JsonBody& operator=(JsonBody&&) noexcept;
  ~JsonBody();

  // Strings are UTF-8 as received; max_bytes bounds their length in bytes. A required string may
  // not be empty: "" is refused as it would be when absent (so callers parsing an enum from it
  // never mistake "" for a missing member).
  std::string required_string(std::string_view field, std::size_t max_bytes);
  std::optional<std::string> optional_string(std::string_view field, std::size_t max_bytes);
  // Integers must be JSON integers (no fraction, no exponent) within [min, max].
  std::int64_t required_int(std::string_view field, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optional_int(std::string_view field, std::int64_t min, std::int64_t max);
  std::optional<bool> optional_bool(std::string_view field);
  // An array of strings, at most max_items of at most max_bytes each.
  std::vector<std::string> string_array(std::string_view field, std::size_t max_items, std::size_t max_bytes,
                                        bool required);
  // A nested object, re-serialized compactly; nullopt (and a problem) when absent or not an object.
  std::optional<std::string> required_object_text(std::string_view field);
  // Records a problem for `field` (for checks only the handler can make), unless the field has one
  // already: each field is named once, with its first problem.
  void reject(std::string_view field, std::string problem);

  common::Result<void> finish();

 private:
  struct Impl;
  explicit JsonBody(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gp::server::http
