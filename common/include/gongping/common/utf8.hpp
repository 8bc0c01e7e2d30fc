#pragma once
// UTF-8 as text people type: utf8_length counts the code points of well-formed UTF-8 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), and answers nullopt for anything else, so
// a limit like "100 characters" means what a person counts, in Chinese as in English.

#include <cstddef>
#include <optional>
#include <string_view>

namespace gp::common {

std::optional<std::size_t> utf8_length(std::string_view text);

}  // namespace gp::common
