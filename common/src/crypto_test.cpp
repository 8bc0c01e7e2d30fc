#include "gongping/common/crypto.hpp"

#include <catch2/catch.hpp>

using namespace gp::common;

namespace {
std::string as_text(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }
const std::uint8_t* data_of(std::string_view s) { return reinterpret_cast<const std::uint8_t*>(s.data()); }
}  // namespace

TEST_CASE("SHA-256 matches the FIPS 180-2 vectors", "[common][crypto]") {
  CHECK(to_hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(to_hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("SHA-256 over pieces equals SHA-256 of the whole", "[common][crypto]") {
  // FIPS 180-2's two-block message, fed in uneven pieces.
  const std::string message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  Sha256Stream stream;
  stream.update(message.substr(0, 1));
  stream.update(message.substr(1, 30));
  stream.update(message.substr(31));
  CHECK(to_hex(stream.finish()) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256Stream empty;
  CHECK(empty.finish() == sha256(""));
}

TEST_CASE("base64 and base64url follow RFC 4648", "[common][crypto]") {
  const std::string_view inputs[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const std::string_view padded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (std::size_t i = 0; i < 7; ++i) {
    CHECK(base64_encode(data_of(inputs[i]), inputs[i].size()) == padded[i]);
    CHECK(as_text(*base64_decode(padded[i])) == inputs[i]);
    auto url = std::string(padded[i]);
    url.erase(url.find_last_not_of('=') + 1);
    CHECK(base64url_encode(data_of(inputs[i]), inputs[i].size()) == url);
    CHECK(as_text(*base64url_decode(url)) == inputs[i]);
  }
  const std::uint8_t high[] = {0xfb, 0xff};
  CHECK(base64url_encode(high, 2) == "-_8");
  CHECK_FALSE(base64_decode("Zg="));
  CHECK_FALSE(base64_decode("Zh=="));  // non-zero leftover bits
  CHECK_FALSE(base64url_decode("Z"));
  CHECK_FALSE(base64url_decode("Zm9v+"));
}

TEST_CASE("hex round-trips and rejects junk", "[common][crypto]") {
  const std::uint8_t bytes[] = {0x00, 0xab, 0xff};
  CHECK(to_hex(bytes, 3) == "00abff");
  CHECK(*from_hex("00ABff") == Bytes{0x00, 0xab, 0xff});
  CHECK_FALSE(from_hex("0g"));
  CHECK_FALSE(from_hex("abc"));
}

TEST_CASE("random bytes differ between calls", "[common][crypto]") {
  CHECK(random_bytes(32).size() == 32);
  CHECK(random_bytes(32) != random_bytes(32));
}

TEST_CASE("constant-time comparison", "[common][crypto]") {
  CHECK(constant_time_equal("token", "token"));
  CHECK_FALSE(constant_time_equal("token", "tokem"));
  CHECK_FALSE(constant_time_equal("token", "token2"));
}
