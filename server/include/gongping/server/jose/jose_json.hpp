#pragma once
// JSON <-> JOSE values (ARCHITECTURE.md rule 2: the adapter parses, the domain checks): the bid
// JWE's protected header, P-256 and Ed25519 JWKs (RFC 7517, RFC 8037) and a bid's decrypted content
// (specs/sealed-bid.md). Pure functions over text; thread-safe.
//
// Every parser refuses input that is not the expected JSON shape with an Error whose code is the
// one given (envelope_invalid for bids, key_invalid for keys) and a detail naming the member.

#include <optional>
#include <string>
#include <string_view>

#include "gongping/bidding/sealed_bid.hpp"
#include "gongping/common/ed25519.hpp"
#include "gongping/common/p256.hpp"
#include "gongping/common/result.hpp"

namespace gp::server::jose {

struct ParsedEnvelopeHeader {
  bidding::EnvelopeHeader header;
  common::P256PublicKey epk;  // valid only when header.has_epk
  std::string apu;            // decoded "apu", empty when absent
  std::string apv;
};

common::Result<ParsedEnvelopeHeader> parse_envelope_header(std::string_view json);

// A P-256 JWK: public coordinates, the kid if any and the private scalar if "d" is present.
struct P256Jwk {
  common::P256PublicKey public_key;
  std::string kid;
  std::optional<common::P256PrivateKey> private_key;
};
// key_invalid unless kty EC, crv P-256, x and y of 32 bytes on the curve; when d is present it must
// be the private key of (x, y).
common::Result<P256Jwk> parse_p256_jwk(std::string_view json);
// The JWK with "d" (for key files): kty, crv, x, y, d, kid.
std::string p256_private_jwk(const common::P256KeyPair& pair, std::string_view kid);

// An Ed25519 JWK with its private "d" (the platform's signing key file).
struct Ed25519Jwk {
  common::Ed25519KeyPair pair;
  std::string kid;
};
common::Result<Ed25519Jwk> parse_ed25519_private_jwk(std::string_view json);
std::string ed25519_private_jwk(const common::Ed25519KeyPair& pair, std::string_view kid);

// A decrypted bid; the detail says what is malformed (it becomes the undecryptable reason).
common::Result<bidding::BidContent> parse_bid_content(std::string_view json);

}  // namespace gp::server::jose
