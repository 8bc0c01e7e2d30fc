#include "gongping/common/password_hash.hpp"

#include <catch2/catch.hpp>

using gp::common::PasswordHasher;

TEST_CASE("a password verifies against its own hash only", "[common][password]") {
  const PasswordHasher hasher({.log2_n = 10, .r = 8, .p = 1});
  const std::string stored = hasher.hash("correct horse battery");
  CHECK(stored.rfind("$scrypt$ln=10,r=8,p=1$", 0) == 0);
  CHECK(stored.find("correct") == std::string::npos);
  CHECK(hasher.verify("correct horse battery", stored));
  CHECK_FALSE(hasher.verify("correct horse batterY", stored));
  CHECK_FALSE(hasher.verify("", stored));
  // Same password, new salt, different hash.
  CHECK(hasher.hash("correct horse battery") != stored);
}

TEST_CASE("a hash made at another cost still verifies and asks for a rehash", "[common][password]") {
  const PasswordHasher cheap({.log2_n = 10, .r = 8, .p = 1});
  const PasswordHasher dearer({.log2_n = 11, .r = 8, .p = 1});
  const std::string stored = cheap.hash("pässwörd-中文");
  CHECK(dearer.verify("pässwörd-中文", stored));
  CHECK(dearer.needs_rehash(stored));
  CHECK_FALSE(cheap.needs_rehash(stored));
}

TEST_CASE("malformed stored hashes never verify", "[common][password]") {
  const PasswordHasher hasher({.log2_n = 10, .r = 8, .p = 1});
  CHECK_FALSE(hasher.verify("x", ""));
  CHECK_FALSE(hasher.verify("x", "$scrypt$ln=10,r=8,p=1$AAAA"));
  CHECK_FALSE(hasher.verify("x", "$scrypt$ln=40,r=8,p=1$AAAA$AAAA"));
  CHECK_FALSE(hasher.verify("x", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"));
}
