#include "gongping/bidding/opening_shares.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

using namespace gp::bidding;

namespace {

// Deterministic bytes, so that every run checks the same polynomials.
class SeededRandom final : public gp::common::Random {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}
  void fill(std::uint8_t* out, std::size_t size) override {
    for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<std::uint8_t>(engine_());
  }

 private:
  std::mt19937_64 engine_;
};

Secret32 secret_from(std::uint64_t seed) {
  Secret32 s{};
  SeededRandom(seed).fill(s.data(), s.size());
  return s;
}

// Every subset of `shares` with exactly `size` members.
std::vector<std::vector<OpeningShare>> subsets(const std::vector<OpeningShare>& shares, std::size_t size) {
  std::vector<std::vector<OpeningShare>> out;
  std::vector<bool> pick(shares.size(), false);
  std::fill(pick.begin(), pick.begin() + static_cast<long>(size), true);
  do {
    std::vector<OpeningShare> subset;
    for (std::size_t i = 0; i < shares.size(); ++i) {
      if (pick[i]) subset.push_back(shares[i]);
    }
    out.push_back(subset);
  } while (std::prev_permutation(pick.begin(), pick.end()));
  return out;
}

}  // namespace

TEST_CASE("GF(2^8) arithmetic uses the AES polynomial", "[bidding][shares]") {
  CHECK(gf256_mul(0x57, 0x83) == 0xc1);  // FIPS-197 section 4.2
  CHECK(gf256_mul(0x57, 0x13) == 0xfe);
  for (int a = 1; a < 256; ++a) {
    CHECK(gf256_mul(static_cast<std::uint8_t>(a), gf256_inverse(static_cast<std::uint8_t>(a))) == 1);
  }
}

TEST_CASE("any k of n shares rebuild the key; fewer do not", "[bidding][shares]") {
  SeededRandom random(7);
  for (int n = 1; n <= 6; ++n) {
    for (int k = 1; k <= n; ++k) {
      const Secret32 secret = secret_from(static_cast<std::uint64_t>(100 * n + k));
      const auto shares = split_secret(secret, k, n, random);
      REQUIRE(shares.ok());
      for (const auto& subset : subsets(shares.value(), static_cast<std::size_t>(k))) {
        INFO("k=" << k << " n=" << n);
        CHECK(combine_shares(subset).value() == secret);
      }
      if (k > 1) {
        for (const auto& subset : subsets(shares.value(), static_cast<std::size_t>(k - 1))) {
          CHECK(combine_shares(subset).value() != secret);
        }
      }
      CHECK(combine_shares(shares.value()).value() == secret);  // all n work too
    }
  }
}

TEST_CASE("with k = 1 every share is the key itself", "[bidding][shares]") {
  SeededRandom random(1);
  const Secret32 secret = secret_from(42);
  for (const auto& share : split_secret(secret, 1, 3, random).value()) CHECK(share.y == secret);
}

TEST_CASE("thresholds outside 1 <= k <= n <= 9 are refused", "[bidding][shares]") {
  SeededRandom random(1);
  const Secret32 secret{};
  CHECK_FALSE(split_secret(secret, 0, 3, random).ok());
  CHECK_FALSE(split_secret(secret, 4, 3, random).ok());
  CHECK_FALSE(split_secret(secret, 2, 10, random).ok());
  CHECK(split_secret(secret, 9, 9, random).ok());
}

TEST_CASE("combining refuses duplicate or out-of-range shares", "[bidding][shares]") {
  SeededRandom random(3);
  auto shares = split_secret(secret_from(5), 2, 3, random).value();
  const std::vector<OpeningShare> twice = {shares[0], shares[0]};
  CHECK(combine_shares(twice).error().detail == "Share number 1 was given twice.");
  shares[1].x = 0;
  CHECK(combine_shares(shares).error().code == gp::common::ErrorCode::share_invalid);
  CHECK_FALSE(combine_shares({}).ok());
}

TEST_CASE("share text round-trips and is bound to its tender", "[bidding][shares]") {
  SeededRandom random(9);
  const auto share = split_secret(secret_from(11), 2, 3, random).value()[2];
  const std::string text = format_share("T-2026-000123", share);
  CHECK(text.starts_with("gp-share-v1.T-2026-000123.3."));
  CHECK(text.size() == std::string("gp-share-v1.T-2026-000123.3.").size() + 43);
  const auto parsed = parse_share(text, "T-2026-000123");
  REQUIRE(parsed.ok());
  CHECK(parsed.value().x == 3);
  CHECK(parsed.value().y == share.y);
  CHECK(parse_share(text, "T-2026-000124").error().detail == "This share belongs to another tender.");
  CHECK_FALSE(parse_share("gp-share-v2.T-2026-000123.3.AAAA", "T-2026-000123").ok());
  CHECK_FALSE(parse_share("gp-share-v1.T-2026-000123.0." + text.substr(text.size() - 43), "T-2026-000123").ok());
  CHECK_FALSE(parse_share(text.substr(0, text.size() - 1), "T-2026-000123").ok());
  CHECK_FALSE(parse_share("gp-share-v1.T-2026-000123", "T-2026-000123").ok());
  // A tender id with dots still parses.
  CHECK(parse_share(format_share("GD.2026.7", share), "GD.2026.7").ok());
}
