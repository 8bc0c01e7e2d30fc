#pragma once
// Opening shares (specs/sealed-bid.md, "Opening shares"): the tender opening key's 32-byte private
// scalar split with Shamir's scheme over GF(2^8) (reduction polynomial x^8 + x^4 + x^3 + x + 1),
// byte by byte, threshold k of n, at x = 1..n; share text "gp-share-v1.<tender id>.<x>.<base64url y>".
//
// Pure functions. combine_shares() interpolates whatever shares it is given: with fewer than k it
// returns a wrong scalar, which the caller detects by comparing with the published public key.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gongping/common/random.hpp"
#include "gongping/common/result.hpp"

namespace gp::bidding {

using Secret32 = std::array<std::uint8_t, 32>;

struct OpeningShare {
  std::uint8_t x = 0;  // 1..9
  Secret32 y{};
};

inline constexpr int kMaxOpeningOfficers = 9;

// validation_failed unless 1 <= k <= n <= 9. Draws the polynomial coefficients from `random`.
common::Result<std::vector<OpeningShare>> split_secret(const Secret32& secret, int k, int n, common::Random& random);

// share_invalid for no shares, an x of 0 or above 9, or two shares with the same x.
common::Result<Secret32> combine_shares(std::span<const OpeningShare> shares);

std::string format_share(std::string_view tender_id, const OpeningShare& share);
// share_invalid, saying why, when the text is not a share of `tender_id`.
common::Result<OpeningShare> parse_share(std::string_view text, std::string_view tender_id);

// GF(2^8) arithmetic with the AES polynomial, exposed for tests.
std::uint8_t gf256_mul(std::uint8_t a, std::uint8_t b);
std::uint8_t gf256_inverse(std::uint8_t a);  // a != 0

}  // namespace gp::bidding
