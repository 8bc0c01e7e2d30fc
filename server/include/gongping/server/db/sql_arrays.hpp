#pragma once
// PostgreSQL array literals, for statements that insert or look up many rows in one round trip:
//
//   INSERT INTO t (a, b) SELECT * FROM unnest(CAST(:a AS bigint[]), CAST(:b AS text[]))
//
// bound with soci::use(pg_bigint_array(...)), soci::use(pg_text_array(...)). Elements are quoted
// and escaped as the array input syntax requires, so any text (quotes, backslashes, braces, commas,
// CJK) round-trips. nullopt elements become NULL.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gp::server::db {

std::string pg_bigint_array(const std::vector<std::int64_t>& values);
std::string pg_text_array(const std::vector<std::string>& values);
std::string pg_text_array(const std::vector<std::optional<std::string>>& values);

// The elements of a text[] as PostgreSQL prints it (`column::text`): {a,"b c","d\"e"}. Elements are
// unquoted and unescaped; a NULL element reads as the text NULL (our arrays have none).
std::vector<std::string> parse_pg_text_array(std::string_view printed);

}  // namespace gp::server::db
