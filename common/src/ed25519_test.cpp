#include "gongping/common/ed25519.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include "gongping/common/crypto.hpp"

using namespace gp::common;

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> array_from_base64url(std::string_view text) {
  const auto bytes = base64url_decode_fixed<N>(text);
  REQUIRE(bytes);
  return *bytes;
}

// RFC 8037 Appendix A.1 (key) and A.4 (signature of the JWS signing input).
constexpr std::string_view kSeed = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
constexpr std::string_view kPublic = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
constexpr std::string_view kSigningInput = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
constexpr std::string_view kSignature =
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

}  // namespace

TEST_CASE("Ed25519 follows RFC 8037 Appendix A", "[common][ed25519]") {
  const auto key = ed25519_from_seed(array_from_base64url<32>(kSeed));
  CHECK(base64url_encode(key.public_key.data(), key.public_key.size()) == kPublic);
  const auto signature = ed25519_sign(key, kSigningInput);
  CHECK(base64url_encode(signature.data(), signature.size()) == kSignature);
  CHECK(ed25519_verify(key.public_key, kSigningInput, array_from_base64url<64>(kSignature)));
  // The prepared signer signs the very same bytes.
  const Ed25519Signer signer(key);
  CHECK(signer.public_key() == key.public_key);
  CHECK(base64url_encode(signer.sign(kSigningInput).data(), 64) == kSignature);
}

TEST_CASE("Ed25519 verification refuses a changed message, signature or key", "[common][ed25519]") {
  const auto public_key = array_from_base64url<32>(kPublic);
  const auto signature = array_from_base64url<64>(kSignature);
  std::string message(kSigningInput);
  message.back() = 'n';
  CHECK_FALSE(ed25519_verify(public_key, message, signature));
  auto changed_signature = signature;
  changed_signature[0] ^= 0x01;
  CHECK_FALSE(ed25519_verify(public_key, kSigningInput, changed_signature));
  const auto other = generate_ed25519();
  CHECK_FALSE(ed25519_verify(other.public_key, kSigningInput, signature));
}

TEST_CASE("generated Ed25519 keys sign and verify, and differ", "[common][ed25519]") {
  const auto a = generate_ed25519();
  const auto b = generate_ed25519();
  CHECK_FALSE(a.seed == b.seed);
  CHECK(ed25519_from_seed(a.seed).public_key == a.public_key);
  const auto signature = ed25519_sign(a, "receipt");
  CHECK(ed25519_verify(a.public_key, "receipt", signature));
  CHECK_FALSE(ed25519_verify(b.public_key, "receipt", signature));
}

TEST_CASE("the Ed25519 public JWK", "[common][ed25519]") {
  const auto public_key = array_from_base64url<32>(kPublic);
  CHECK(ed25519_public_jwk(public_key, "sig-2026-01") ==
        R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",)"
        R"("use":"sig","alg":"EdDSA","kid":"sig-2026-01"})");
}
