#pragma once
// EC P-256 (secp256r1) keys over OpenSSL 3: key generation, ECDH, point validation and JWK text, for
// tender opening keys and officer keys (shared/specs/sealed-bid.md).
//
// Scalars and coordinates are 32 bytes, big-endian, as in JWK. All functions are thread-safe. Bad
// inputs come back as ErrorCode::key_invalid; an OpenSSL failure that no input explains (allocation)
// is a broken invariant and throws std::runtime_error.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "gongping/common/random.hpp"
#include "gongping/common/result.hpp"

namespace gp::common {

struct P256PublicKey {
  std::array<std::uint8_t, 32> x{};
  std::array<std::uint8_t, 32> y{};

  friend bool operator==(const P256PublicKey&, const P256PublicKey&) = default;
};

// The private scalar d. Wiped with OPENSSL_cleanse when destroyed; copies are independent and each
// wipes its own bytes, so keep copies few.
struct P256PrivateKey {
  std::array<std::uint8_t, 32> d{};

  P256PrivateKey() = default;
  explicit P256PrivateKey(const std::array<std::uint8_t, 32>& scalar) : d(scalar) {}
  P256PrivateKey(const P256PrivateKey&) = default;
  P256PrivateKey(P256PrivateKey&&) = default;
  P256PrivateKey& operator=(const P256PrivateKey&) = default;
  P256PrivateKey& operator=(P256PrivateKey&&) = default;
  ~P256PrivateKey();
};

struct P256KeyPair {
  P256PrivateKey private_key;
  P256PublicKey public_key;
};

// A fresh key pair from OpenSSL's random generator.
P256KeyPair generate_p256_key_pair();
// A key pair whose scalar is drawn from `random` (uniform in [1, n-1] by rejection), so that tests
// with a deterministic Random replay exactly. Production callers pass CryptoRandom.
P256KeyPair generate_p256_key_pair(Random& random);

// d·G. key_invalid if d is 0 or not below the group order n.
Result<P256PublicKey> p256_public_key_of(const P256PrivateKey& key);

// True when (x, y) are both below the field prime and the point lies on the curve (an affine point
// is never the point at infinity).
bool p256_point_is_valid(const P256PublicKey& key);

// The ECDH shared secret Z: the x coordinate of d·peer. key_invalid if the scalar or the peer point is
// not valid.
Result<std::array<std::uint8_t, 32>> p256_ecdh(const P256PrivateKey& key, const P256PublicKey& peer);

// The public key as a JWK (RFC 7517/7518) with members in this order: kty, crv, x, y, then use, alg,
// kid, each only when non-empty. Compact JSON, e.g.
// {"kty":"EC","crv":"P-256","x":"...","y":"...","use":"enc","alg":"ECDH-ES","kid":"..."}.
std::string p256_public_jwk(const P256PublicKey& key, std::string_view kid = {}, std::string_view use = {},
                            std::string_view alg = {});

}  // namespace gp::common
