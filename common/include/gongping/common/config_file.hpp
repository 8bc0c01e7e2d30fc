#pragma once
// ConfigFile: `key = value` lines, `#` comments, blank lines ignored. Keys are [a-z0-9_.]+.
// Values are taken verbatim after trimming; no quoting or escapes. Later keys override earlier ones.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "gongping/common/result.hpp"

namespace gp::common {

class ConfigFile {
 public:
  // A validation_failed error names the line ("line 3") and the problem.
  static Result<ConfigFile> parse(std::string_view text);

  std::optional<std::string> get(std::string_view key) const;
  const std::map<std::string, std::string, std::less<>>& entries() const { return entries_; }
  void set(std::string key, std::string value) { entries_[std::move(key)] = std::move(value); }

 private:
  std::map<std::string, std::string, std::less<>> entries_;
};

}  // namespace gp::common
