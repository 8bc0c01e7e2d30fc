#include "gongping/matching/panel_draw.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace gp::matching;
using gp::common::Instant;
using gp::common::Money;

namespace {

const Instant kNow = Instant::from_unix_micros(1'800'000'000'000'000);
constexpr std::int64_t kDay = 24 * 3600;

PanelSeed seed_of(std::uint8_t b) {
  PanelSeed s{};
  s.fill(b);
  return s;
}

PoolExpert expert(std::string id, std::vector<std::string> specialties = {"it"}) {
  return PoolExpert{std::move(id), std::move(specialties), {}, {}};
}

std::vector<PoolExpert> pool_of(int n) {
  std::vector<PoolExpert> pool;
  for (int i = 0; i < n; ++i) pool.push_back(expert("X-" + std::to_string(100 + i)));
  return pool;
}

}  // namespace

TEST_CASE("the draw order is a permutation fixed by the seed", "[matching][panel]") {
  const std::vector<std::string> ids = {"a", "b", "c", "d", "e", "f", "g"};
  const auto order = draw_order(seed_of(1), ids);
  CHECK(order == draw_order(seed_of(1), ids));
  CHECK(order != draw_order(seed_of(2), ids));
  auto sorted = order;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == ids);
  // Known answers, from an independent implementation of docs/panel-draw.md (Node's crypto, BigInt).
  CHECK(draw_order(seed_of(0), {"a", "b", "c", "d", "e"}) == std::vector<std::string>{"c", "b", "a", "e", "d"});
  CHECK(draw_order(seed_of(7), {"X-1", "X-2", "X-3", "X-4", "X-5", "X-6", "X-7", "X-8", "X-9"}) ==
        std::vector<std::string>{"X-9", "X-3", "X-2", "X-6", "X-5", "X-8", "X-7", "X-1", "X-4"});
}

TEST_CASE("every expert is equally likely to take the first seat", "[matching][panel]") {
  const std::vector<std::string> ids = {"a", "b", "c", "d", "e"};
  std::map<std::string, int> first;
  constexpr int kDraws = 5000;
  for (int i = 0; i < kDraws; ++i) {
    PanelSeed seed{};
    for (std::size_t b = 0; b < 4; ++b) seed[b] = static_cast<std::uint8_t>((i >> (8 * b)) & 0xff);
    ++first[draw_order(seed, ids)[0]];
  }
  for (const auto& id : ids) {
    INFO(id << ": " << first[id]);
    CHECK(first[id] > kDraws / 5 * 0.85);
    CHECK(first[id] < kDraws / 5 * 1.15);
  }
}

TEST_CASE("experts who worked for or are tied to a bidder in the past 3 years are excluded", "[matching][panel]") {
  PoolExpert x = expert("X-1");
  x.employments.push_back({"E-000007", kNow.plus_seconds(-2000 * kDay), kNow.plus_seconds(-400 * kDay)});
  CHECK(conflict_of(x, {"E-000007"}, kNow).has_value());
  CHECK_FALSE(conflict_of(x, {"E-000008"}, kNow).has_value());
  x.employments[0].until = kNow.plus_seconds(-1100 * kDay);  // left more than 3 years ago
  CHECK_FALSE(conflict_of(x, {"E-000007"}, kNow).has_value());
  x.employments[0].until.reset();  // still there
  CHECK(conflict_of(x, {"E-000007"}, kNow).has_value());
  PoolExpert y = expert("X-2");
  y.related_enterprises = {"E-000009"};
  CHECK(*conflict_of(y, {"E-000009"}, kNow) == "declared an interest in bidder E-000009");
}

TEST_CASE("a panel is odd, large enough for the budget, and at most a third purchaser representatives",
          "[matching][panel]") {
  const auto pool = pool_of(12);
  const auto small_budget = Money::from_fen(5'000'000LL * 100);
  const auto big_budget = Money::from_fen(10'000'000LL * 100);
  CHECK(minimum_panel_size(small_budget) == 5);
  CHECK(minimum_panel_size(big_budget) == 7);
  CHECK(draw_panel(seed_of(3), pool, {}, {4, "it", {}}, small_budget, kNow).error().fields[0].field == "size");
  CHECK(draw_panel(seed_of(3), pool, {}, {5, "it", {}}, big_budget, kNow).error().fields[0].field == "size");
  CHECK(draw_panel(seed_of(3), pool, {}, {5, "it", {"R-1", "R-2"}}, small_budget, kNow).error().fields[0].field ==
        "purchaser_representatives");
  const auto draw = draw_panel(seed_of(3), pool, {}, {7, "it", {"R-1", "R-2"}}, big_budget, kNow);
  REQUIRE(draw.ok());
  CHECK(draw.value().expert_seats == 5);
  CHECK(draw.value().order.size() == 12);  // 5 seated, 7 reserves in draw order
}

TEST_CASE("the draw takes only eligible experts of the specialty and says who was excluded", "[matching][panel]") {
  auto pool = pool_of(6);
  pool.push_back(expert("X-900", {"law"}));
  pool[0].related_enterprises = {"E-1"};
  const auto draw = draw_panel(seed_of(4), pool, {"E-1"}, {5, "it", {}}, Money::from_fen(100), kNow);
  REQUIRE(draw.ok());
  CHECK(draw.value().eligible.size() == 5);
  REQUIRE(draw.value().excluded.size() == 1);
  CHECK(draw.value().excluded[0].id == "X-100");
  CHECK(std::find(draw.value().order.begin(), draw.value().order.end(), "X-900") == draw.value().order.end());
  pool[1].related_enterprises = {"E-1"};
  const auto too_few = draw_panel(seed_of(4), pool, {"E-1"}, {5, "it", {}}, Money::from_fen(100), kNow);
  REQUIRE_FALSE(too_few.ok());
  CHECK(too_few.error().code == gp::common::ErrorCode::conflict);
}

TEST_CASE("the seed depends on the committed secret and on the opening record", "[matching][panel]") {
  const auto secret = seed_of(9);
  std::array<std::uint8_t, 32> opening{};
  const auto seed = panel_seed(secret, opening);
  opening[31] = 1;
  CHECK(panel_seed(secret, opening) != seed);
  CHECK(panel_seed_commitment(secret) != panel_seed_commitment(seed_of(8)));
}
