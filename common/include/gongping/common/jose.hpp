#pragma once
// Compact JWE (RFC 7516) with "alg":"ECDH-ES", "enc":"A256GCM" (RFC 7518 sections 4.6 and 5.3) for
// sealed bids and opening shares, and compact JWS (RFC 7515) with "alg":"EdDSA" (RFC 8037) for
// receipts; see shared/specs/sealed-bid.md.
//
// common/ has no JSON parser: reading a JWE's protected header (alg, enc, kid, epk, apu, apv, ...) is
// the caller's job, with its own JSON library; these functions take what it found there. Headers
// written here are compact JSON from JsonWriter. Functions are thread-safe; an OpenSSL failure that
// no input explains throws std::runtime_error.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gongping/common/crypto.hpp"
#include "gongping/common/ed25519.hpp"
#include "gongping/common/p256.hpp"
#include "gongping/common/random.hpp"
#include "gongping/common/result.hpp"

namespace gp::common {

// Larger compact JWEs are refused before any decoding.
inline constexpr std::size_t kMaxCompactJweSize = std::size_t{8} * 1024 * 1024;

// The five parts of a compact JWE, base64url-decoded, except protected_b64 which is kept as received
// because it is the AAD.
struct CompactJwe {
  std::string protected_b64;
  Bytes protected_json_bytes;  // the protected header's JSON text, for the caller to parse
  Bytes encrypted_key;         // empty: ECDH-ES is direct key agreement
  Bytes iv;                    // 12 bytes
  Bytes ciphertext;
  Bytes tag;  // 16 bytes
};

// Splits and decodes a compact JWE. envelope_invalid, saying which part is wrong, when the text is
// over kMaxCompactJweSize, has other than five dot-separated parts, a part is not unpadded base64url,
// the protected header is empty, the encrypted key is not empty, the IV is not 12 bytes or the tag
// not 16. Does not look inside the header.
Result<CompactJwe> parse_compact_jwe(std::string_view compact);

// The Concat KDF of NIST SP 800-56A as JWA uses it (RFC 7518 section 4.6.2), with SHA-256:
// key_bits / 8 bytes from Z, AlgorithmID = algorithm_id, PartyUInfo = apu, PartyVInfo = apv (each
// length-prefixed; apu and apv are the DECODED header values, empty when absent), SuppPubInfo =
// key_bits as 32-bit big-endian, SuppPrivInfo empty. key_bits must be a positive multiple of 8
// (std::invalid_argument otherwise).
Bytes concat_kdf(const std::array<std::uint8_t, 32>& z, std::string_view algorithm_id, std::size_t key_bits,
                 std::string_view apu, std::string_view apv);
// The content key for "alg":"ECDH-ES" with "enc":"A256GCM" (AlgorithmID "A256GCM", 256 bits).
std::array<std::uint8_t, 32> concat_kdf_a256gcm(const std::array<std::uint8_t, 32>& z, std::string_view apu = {},
                                                std::string_view apv = {});

// Decrypts an ECDH-ES + A256GCM JWE to `recipient`. `epk` is the header's ephemeral public key and
// apu / apv the header's decoded values, as the caller parsed them; the AAD is protected_b64.
// key_invalid when epk is not a point of P-256 or the recipient's scalar is out of range;
// decryption_failed when the tag does not verify (wrong recipient, or any part changed, including the
// header); envelope_invalid when iv or tag have the wrong size.
Result<std::string> open_jwe_ecdh_es_a256gcm(const CompactJwe& jwe, const P256PrivateKey& recipient,
                                             const P256PublicKey& epk, std::string_view apu = {},
                                             std::string_view apv = {});

// Seals `plaintext` to `recipient` as a compact JWE. The protected header is
// {"alg":"ECDH-ES","enc":"A256GCM","epk":{"kty":"EC","crv":"P-256","x":"...","y":"..."}} followed by
// each of extra_string_members, in order, as a string member (e.g. kid, cty, gp_tender). The
// ephemeral key and the IV are drawn from `random`. No apu / apv are used. std::invalid_argument if
// the recipient is not a valid point or an extra member names alg, enc, epk, apu, apv, zip or crit.
std::string seal_jwe_ecdh_es_a256gcm(const P256PublicKey& recipient,
                                     const std::vector<std::pair<std::string, std::string>>& extra_string_members,
                                     std::string_view plaintext, Random& random);

// A compact JWS of `payload` whose protected header is exactly {"alg":"EdDSA","kid":"<kid>"}.
std::string sign_jws_eddsa(const Ed25519Signer& key, std::string_view kid, std::string_view payload);

struct VerifiedJws {
  std::string header_json;  // the protected header's JSON text, unparsed
  std::string payload;
};

// Verifies a compact JWS with Ed25519 under `public_key` and returns its decoded header and payload.
// signature_invalid, saying why, when the text has other than three parts, a part is not unpadded
// base64url, the signature is not 64 bytes, or it does not verify. The header is not interpreted
// (only Ed25519 is ever tried); a caller that cares checks its alg and kid.
Result<VerifiedJws> verify_jws_eddsa(std::string_view compact, const Ed25519PublicKey& public_key);

}  // namespace gp::common
