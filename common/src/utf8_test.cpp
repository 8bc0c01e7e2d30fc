#include "gongping/common/utf8.hpp"

#include <catch2/catch.hpp>

using gp::common::utf8_length;

TEST_CASE("utf8_length counts code points of well-formed UTF-8 only", "[common][utf8]") {
  CHECK(utf8_length("") == 0u);
  CHECK(utf8_length("switch") == 6u);
  CHECK(utf8_length("交换机") == 3u);  // 9 bytes, 3 characters
  CHECK(utf8_length("政务云 IPv6") == 8u);
  CHECK(utf8_length("\xF0\x9F\x98\x80") == 1u);  // U+1F600, four bytes
  CHECK_FALSE(utf8_length("\xFF"));
  CHECK_FALSE(utf8_length("\x80"));              // a continuation byte alone
  CHECK_FALSE(utf8_length("\xE4\xBA"));          // cut short
  CHECK_FALSE(utf8_length("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(utf8_length("\xE0\x80\xAF"));      // overlong, three bytes
  CHECK_FALSE(utf8_length("\xED\xA0\x80"));      // a surrogate
  CHECK_FALSE(utf8_length("\xF4\x90\x80\x80"));  // above U+10FFFF
}
