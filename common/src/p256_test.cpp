#include "gongping/common/p256.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <new>

#include "gongping/common/crypto.hpp"

using namespace gp::common;

namespace {

std::array<std::uint8_t, 32> bytes32(std::string_view base64url) {
  const auto bytes = base64url_decode(base64url);
  REQUIRE(bytes);
  REQUIRE(bytes->size() == 32);
  std::array<std::uint8_t, 32> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

std::array<std::uint8_t, 32> hex32(std::string_view hex) {
  const auto bytes = from_hex(hex);
  REQUIRE(bytes);
  REQUIRE(bytes->size() == 32);
  std::array<std::uint8_t, 32> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

P256PublicKey public_key(std::string_view x, std::string_view y) { return P256PublicKey{bytes32(x), bytes32(y)}; }

// RFC 7518 Appendix C: Alice's ephemeral key and Bob's key, and their shared secret Z.
P256PrivateKey alice_private() { return P256PrivateKey{bytes32("0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo")}; }
P256PrivateKey bob_private() { return P256PrivateKey{bytes32("VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw")}; }
P256PublicKey alice_public() {
  return public_key("gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0", "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps");
}
P256PublicKey bob_public() {
  return public_key("weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ", "e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck");
}
constexpr std::array<std::uint8_t, 32> kZ = {158, 86,  217, 29,  129, 113, 53,  211, 114, 131, 66,
                                             131, 191, 132, 38,  156, 251, 49,  110, 163, 218, 128,
                                             106, 72,  246, 218, 167, 121, 140, 254, 144, 196};

constexpr std::string_view kOrderHex = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
constexpr std::string_view kPrimeHex = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";

// Hands out the given byte strings in turn, then zeros.
class ScriptedRandom final : public Random {
 public:
  explicit ScriptedRandom(std::vector<std::array<std::uint8_t, 32>> draws) : draws_(std::move(draws)) {}
  void fill(std::uint8_t* out, std::size_t size) override {
    std::fill(out, out + size, std::uint8_t{0});
    if (next_ < draws_.size()) std::copy_n(draws_[next_].begin(), std::min<std::size_t>(size, 32), out);
    ++next_;
  }

 private:
  std::vector<std::array<std::uint8_t, 32>> draws_;
  std::size_t next_ = 0;
};

}  // namespace

TEST_CASE("public keys of the RFC 7518 Appendix C private keys", "[common][p256]") {
  CHECK(p256_public_key_of(alice_private()).value() == alice_public());
  CHECK(p256_public_key_of(bob_private()).value() == bob_public());
  CHECK_FALSE(p256_public_key_of(alice_private()).value() == bob_public());
}

TEST_CASE("ECDH gives the RFC 7518 Appendix C shared secret from either side", "[common][p256]") {
  CHECK(p256_ecdh(alice_private(), bob_public()).value() == kZ);
  CHECK(p256_ecdh(bob_private(), alice_public()).value() == kZ);
}

TEST_CASE("generated key pairs are consistent and fresh", "[common][p256]") {
  const auto a = generate_p256_key_pair();
  const auto b = generate_p256_key_pair();
  CHECK(p256_public_key_of(a.private_key).value() == a.public_key);
  CHECK(p256_point_is_valid(a.public_key));
  CHECK_FALSE(a.private_key.d == b.private_key.d);
  CHECK(p256_ecdh(a.private_key, b.public_key).value() == p256_ecdh(b.private_key, a.public_key).value());
}

TEST_CASE("key generation from a Random skips out-of-range scalars", "[common][p256]") {
  std::array<std::uint8_t, 32> all_ones{};
  all_ones.fill(0xff);  // above n
  ScriptedRandom random({all_ones, hex32(kOrderHex), alice_private().d});
  const auto pair = generate_p256_key_pair(random);
  CHECK(pair.private_key.d == alice_private().d);
  CHECK(pair.public_key == alice_public());

  ScriptedRandom zeros({});
  CHECK_THROWS_AS(generate_p256_key_pair(zeros), std::runtime_error);
}

TEST_CASE("private scalars 0 and n and above are refused; n - 1 is accepted", "[common][p256]") {
  const P256PrivateKey zero{};
  CHECK(p256_public_key_of(zero).error().code == ErrorCode::key_invalid);
  CHECK(p256_ecdh(zero, bob_public()).error().code == ErrorCode::key_invalid);

  const P256PrivateKey order{hex32(kOrderHex)};
  CHECK(p256_public_key_of(order).error().code == ErrorCode::key_invalid);
  std::array<std::uint8_t, 32> all_ones{};
  all_ones.fill(0xff);
  CHECK(p256_public_key_of(P256PrivateKey{all_ones}).error().code == ErrorCode::key_invalid);

  // (n - 1)·G = -G: the generator's x, and y = p - Gy.
  auto n_minus_1 = hex32(kOrderHex);
  n_minus_1[31] -= 1;
  const auto minus_g = p256_public_key_of(P256PrivateKey{n_minus_1}).value();
  CHECK(minus_g.x == hex32("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"));
  CHECK(minus_g.y == hex32("b01cbd1c01e58065711814b583f061e9d431cca994cea1313449bf97c840ae0a"));
}

TEST_CASE("points off the curve or out of the field are refused", "[common][p256]") {
  CHECK(p256_point_is_valid(alice_public()));

  auto off_curve = alice_public();
  off_curve.y[31] ^= 1;
  CHECK_FALSE(p256_point_is_valid(off_curve));
  CHECK(p256_ecdh(bob_private(), off_curve).error().code == ErrorCode::key_invalid);

  CHECK_FALSE(p256_point_is_valid(P256PublicKey{}));  // (0, 0)

  // (0, y) is on the curve; (p, y) names the same point modulo p but is not a canonical encoding.
  const auto y0 = hex32("66485c780e2f83d72433bd5d84a06bb6541c2af31dae871728bf856a174f93f4");
  CHECK(p256_point_is_valid(P256PublicKey{{}, y0}));
  CHECK_FALSE(p256_point_is_valid(P256PublicKey{hex32(kPrimeHex), y0}));
  CHECK(p256_ecdh(bob_private(), P256PublicKey{hex32(kPrimeHex), y0}).error().code == ErrorCode::key_invalid);
}

TEST_CASE("the public JWK has a fixed member order and omits empty members", "[common][p256]") {
  CHECK(p256_public_jwk(alice_public(), "tender-key-1", "enc", "ECDH-ES") ==
        R"({"kty":"EC","crv":"P-256","x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0",)"
        R"("y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps","use":"enc","alg":"ECDH-ES","kid":"tender-key-1"})");
  CHECK(p256_public_jwk(bob_public()) ==
        R"({"kty":"EC","crv":"P-256","x":"weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ",)"
        R"("y":"e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck"})");
}

TEST_CASE("the private key wipes its scalar when destroyed", "[common][p256]") {
  alignas(P256PrivateKey) unsigned char storage[sizeof(P256PrivateKey)];
  auto* key = new (storage) P256PrivateKey(alice_private().d);
  key->~P256PrivateKey();
  const auto* bytes = storage + offsetof(P256PrivateKey, d);
  CHECK(std::all_of(bytes, bytes + 32, [](unsigned char b) { return b == 0; }));
}
