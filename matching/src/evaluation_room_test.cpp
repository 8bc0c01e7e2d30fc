// EvaluationRoom: scores arriving one by one give the same standing as scoring from scratch, each
// update names every row whose place changed, and the finished room agrees with evaluate().
#include "gongping/matching/evaluation_room.hpp"

#include <catch2/catch.hpp>
#include <map>

#include "evaluation_test_support.hpp"
#include "gongping/matching/evaluate.hpp"

using namespace gp::matching;
using gp::matching::testing::random_case;
using gp::matching::testing::ranking_text;

namespace {

EvaluationCase without_scores(EvaluationCase c) {
  for (auto& bid : c.bids) bid.scores.clear();
  return c;
}

EvaluationRoom open_room(const EvaluationCase& c, RoomSettings settings = {}) {
  auto room = EvaluationRoom::open(c, settings);
  REQUIRE(room.ok());
  return std::move(room).value();
}

struct Place {
  std::int64_t rank;
  bool tied;
  std::optional<std::int64_t> total;
  bool operator==(const Place&) const = default;
};

std::map<std::string, Place> places(const EvaluationResult& r) {
  std::map<std::string, Place> out;
  for (const auto& row : r.results) out[row.bidder] = {row.rank, row.tied, row.total_hundredths};
  return out;
}

EvaluationCase small_panel_case() {
  EvaluationCase c;
  c.method = EvaluationMethod::comprehensive;
  c.price_formula = PriceFormula::low_price_first;
  c.price_points = Decimal4::whole(30);
  c.criteria = {{"tech", Decimal4::whole(70)}};
  c.experts = {"e1", "e2", "e3"};
  for (auto [bidder, price] : {std::pair<const char*, std::int64_t>{"a", 100}, {"b", 110}, {"c", 120}}) {
    CaseBid bid;
    bid.bidder = bidder;
    bid.price_fen = price;
    c.bids.push_back(bid);
  }
  CaseBid late;
  late.bidder = "late";
  late.price_fen = 90;
  late.responsive = false;
  c.bids.push_back(late);
  return c;
}

}  // namespace

TEST_CASE("a room scored one score at a time matches a room rebuilt from its scores, and evaluate() at the end",
          "[matching][room]") {
  std::mt19937_64 rng(99);
  int updates = 0;
  for (int n = 0; n < 400; ++n) {
    const auto full = random_case(rng);
    auto room = open_room(without_scores(full));
    INFO("case " << n);
    if (room.standing().status == EvaluationStatus::failed) {  // too few valid bids: nothing to score
      CHECK(evaluate(full).status == EvaluationStatus::failed);
      continue;
    }
    // Every score of the full case in a random order, with some withdrawn and given again on the way.
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> slots;
    for (std::size_t b = 0; b < full.bids.size(); ++b) {
      if (!is_valid_bid(full, full.bids[b]) || full.bids[b].scores.empty()) continue;
      for (std::size_t e = 0; e < full.experts.size(); ++e) {
        for (std::size_t k = 0; k < full.criteria.size(); ++k) slots.emplace_back(b, e, k);
      }
    }
    std::shuffle(slots.begin(), slots.end(), rng);
    for (std::size_t s = 0; s < slots.size(); ++s) {
      const auto [b, e, k] = slots[s];
      const auto before = places(room.standing());
      const bool withdraw_first = rng() % 8 == 0 && room.to_case().bids[b].scores[e][k];
      const auto value = withdraw_first ? std::nullopt : full.bids[b].scores[e][k];
      auto update = room.set_score(full.experts[e], full.bids[b].bidder, full.criteria[k].id, value);
      REQUIRE(update.ok());
      ++updates;
      const auto standing = room.standing();
      // Incremental equals from scratch.
      REQUIRE(ranking_text(standing) == ranking_text(open_room(room.to_case()).standing()));
      // Every row whose place changed is in the update, with its new place.
      auto after = places(standing);
      std::map<std::string, Place> reported;
      for (const auto& row : update.value().changed_rows) {
        reported[row.bidder] = {
            row.rank, row.tied,
            full.method == EvaluationMethod::comprehensive ? std::optional(row.total_hundredths) : std::nullopt};
      }
      for (const auto& [bidder, place] : after) {
        if (reported.contains(bidder)) {
          REQUIRE(reported[bidder] == place);
        } else {
          REQUIRE(before.at(bidder) == place);
        }
      }
      if (withdraw_first) slots.push_back(slots[s]);  // given again later
    }
    if (!room.complete()) continue;
    REQUIRE(ranking_text(room.standing()) == ranking_text(evaluate(full)));
  }
  CHECK(updates > 2000);
}

TEST_CASE("a room refuses unknown experts, criteria, rejected bids and scores out of range", "[matching][room]") {
  auto room = open_room(small_panel_case());
  CHECK(room.set_score("e9", "a", "tech", Decimal4::whole(1)).error().code == gp::common::ErrorCode::not_found);
  CHECK(room.set_score("e1", "a", "price", Decimal4::whole(1)).error().code == gp::common::ErrorCode::not_found);
  CHECK(room.set_score("e1", "late", "tech", Decimal4::whole(1)).error().code == gp::common::ErrorCode::not_found);
  const auto out_of_range = room.set_score("e1", "a", "tech", Decimal4::whole(71));
  REQUIRE_FALSE(out_of_range.ok());
  CHECK(out_of_range.error().fields[0].problem == "71 is outside [0, 70]");
  CHECK(room.standing().rejected.size() == 1);
}

TEST_CASE("an expert is finished with the last missing score, and not before", "[matching][room]") {
  auto room = open_room(small_panel_case());
  CHECK_FALSE(room.expert_finished("e1"));
  CHECK_FALSE(room.set_score("e1", "a", "tech", Decimal4::whole(50)).value().expert_finished);
  CHECK_FALSE(room.set_score("e1", "b", "tech", Decimal4::whole(50)).value().expert_finished);
  CHECK(room.set_score("e1", "c", "tech", Decimal4::whole(50)).value().expert_finished);
  CHECK(room.expert_finished("e1"));
  CHECK_FALSE(room.set_score("e1", "c", "tech", Decimal4::whole(51)).value().expert_finished);  // already was
  REQUIRE(room.set_score("e1", "c", "tech", std::nullopt).ok());
  CHECK_FALSE(room.expert_finished("e1"));
  CHECK_FALSE(room.complete());
}

TEST_CASE("a score far from the panel's median raises one deviation alert", "[matching][room]") {
  auto room = open_room(small_panel_case(), RoomSettings{Decimal4::whole(20)});  // 20% of 70 = 14 points
  CHECK(room.set_score("e1", "a", "tech", Decimal4::whole(60)).value().alerts.empty());
  CHECK(room.set_score("e2", "a", "tech", Decimal4::whole(58)).value().alerts.empty());
  const auto third = room.set_score("e3", "a", "tech", Decimal4::whole(40)).value();  // median 58: 18 away
  REQUIRE(third.alerts.size() == 1);
  CHECK(third.alerts[0].expert == "e3");
  CHECK(third.alerts[0].criterion == "tech");
  CHECK(third.alerts[0].median == Decimal4::whole(58));
  CHECK(room.set_score("e3", "a", "tech", Decimal4::whole(39)).value().alerts.empty());      // already alerted
  CHECK(room.set_score("e3", "a", "tech", Decimal4::whole(50)).value().alerts.empty());      // 8 away: back in
  CHECK(room.set_score("e3", "a", "tech", Decimal4::whole(30)).value().alerts.size() == 1);  // out again
}

TEST_CASE("the state digest is equal for equal rooms and changes with any score", "[matching][room]") {
  auto a = open_room(small_panel_case());
  auto b = open_room(small_panel_case());
  REQUIRE(a.set_score("e1", "a", "tech", Decimal4::whole(5)).ok());
  REQUIRE(b.set_score("e1", "a", "tech", Decimal4::whole(6)).ok());
  CHECK(a.state_digest() != b.state_digest());
  REQUIRE(b.set_score("e1", "a", "tech", Decimal4::whole(5)).ok());
  CHECK(a.state_digest() == b.state_digest());
  CHECK(a.state_digest() == open_room(a.to_case()).state_digest());
  // Every input counts, not only the scores.
  auto other_terms = small_panel_case();
  other_terms.ceiling_fen = 115;  // "c" (120) is now rejected
  CHECK(open_room(other_terms).state_digest() != open_room(small_panel_case()).state_digest());
  auto other_size = small_panel_case();
  other_size.bids[0].size = EnterpriseSize::small;
  CHECK(open_room(other_size).state_digest() != open_room(small_panel_case()).state_digest());
  CHECK(open_room(small_panel_case(), RoomSettings{Decimal4::whole(10)}).state_digest() !=
        open_room(small_panel_case()).state_digest());
}

TEST_CASE("a case too large to add up exactly in 64 bits is refused", "[matching][room]") {
  auto c = small_panel_case();
  c.criteria[0].max = Decimal4::whole(1001);
  CHECK(check_evaluation_case(c, ScoresRequired::none).error().fields[0].field == "criteria[0].max");
  c = small_panel_case();
  for (int i = 0; i < 100; ++i) c.experts.push_back("x" + std::to_string(i));
  CHECK(check_evaluation_case(c, ScoresRequired::none).error().fields[0].field == "experts");
  c = small_panel_case();
  c.criteria[0].id = std::string(65, 'k');
  CHECK(check_evaluation_case(c, ScoresRequired::none).error().fields[0].field == "criteria[0]");
}
