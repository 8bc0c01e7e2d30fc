#pragma once
// Ed25519 (RFC 8032) over OpenSSL 3: the platform's signing keys for receipts and audit checkpoints
// (shared/specs/sealed-bid.md), published as OKP JWKs (RFC 8037).
//
// Functions are thread-safe. An OpenSSL failure that no input explains is a broken invariant and
// throws std::runtime_error.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace gp::common {

using Ed25519PublicKey = std::array<std::uint8_t, 32>;
using Ed25519Signature = std::array<std::uint8_t, 64>;

// The 32-byte private seed (RFC 8032's private key, JWK "d") and its public key. The seed is wiped
// with OPENSSL_cleanse when the pair is destroyed; each copy wipes its own.
struct Ed25519KeyPair {
  std::array<std::uint8_t, 32> seed{};
  Ed25519PublicKey public_key{};

  Ed25519KeyPair() = default;
  Ed25519KeyPair(const Ed25519KeyPair&) = default;
  Ed25519KeyPair(Ed25519KeyPair&&) = default;
  Ed25519KeyPair& operator=(const Ed25519KeyPair&) = default;
  Ed25519KeyPair& operator=(Ed25519KeyPair&&) = default;
  ~Ed25519KeyPair();
};

// A fresh key pair from OpenSSL's random generator.
Ed25519KeyPair generate_ed25519();
// The key pair of a stored seed.
Ed25519KeyPair ed25519_from_seed(const std::array<std::uint8_t, 32>& seed);

Ed25519Signature ed25519_sign(const Ed25519KeyPair& key, std::string_view message);

// A key pair made ready for signing many messages: the OpenSSL key is derived from the seed once
// (ed25519_sign derives it on every call, which doubles its cost). Signs the same bytes as
// ed25519_sign. Thread-safe: sign() only reads the key. Copies share the key.
class Ed25519Signer {
 public:
  explicit Ed25519Signer(const Ed25519KeyPair& pair);
  Ed25519Signature sign(std::string_view message) const;
  const Ed25519PublicKey& public_key() const { return public_key_; }

 private:
  std::shared_ptr<void> key_;  // the EVP_PKEY, freed (and its secret wiped) by OpenSSL
  Ed25519PublicKey public_key_{};
};
// False for a wrong signature and for a public key that is not a valid Ed25519 point.
bool ed25519_verify(const Ed25519PublicKey& public_key, std::string_view message, const Ed25519Signature& signature);

// {"kty":"OKP","crv":"Ed25519","x":"...","use":"sig","alg":"EdDSA","kid":"..."}; kid omitted when
// empty.
std::string ed25519_public_jwk(const Ed25519PublicKey& public_key, std::string_view kid);

}  // namespace gp::common
