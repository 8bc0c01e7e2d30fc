#include "gongping/bidding/tender_terms.hpp"

#include <catch2/catch.hpp>

using namespace gp::bidding;
using gp::common::HolidayCalendar;
using gp::common::Instant;
using gp::common::Money;

namespace {

Instant at(const char* text) { return Instant::parse_rfc3339(text).value(); }

// Published on Friday 2026-11-27 at 10:00 Shanghai time.
const Instant kNow = at("2026-11-27T02:00:00Z");

TenderTerms valid_terms() {
  TenderTerms t;
  t.title = "Data centre network switches";
  t.category = TenderCategory::goods;
  t.procedure = Procedure::public_tender;
  t.budget = Money::from_fen(100'000'000);
  t.ceiling = Money::from_fen(95'000'000);
  t.bid_bond = Money::from_fen(2'000'000);
  t.evaluation = {"comprehensive", "low_price_first", 30, 70};
  t.clarification_deadline = at("2026-12-10T02:00:00Z");
  t.bid_deadline = at("2026-12-17T02:00:00Z");  // the 20th day after publication, 10:00
  t.opening_officers = {"U-000002", "U-000003", "U-000004"};
  t.opening_threshold = 2;
  return t;
}

const std::set<std::string> kKeyed = {"U-000002", "U-000003", "U-000004"};

std::vector<std::string> broken_fields(const TenderTerms& t) {
  auto r = check_publishable(t, kNow, HolidayCalendar::bundled(), PeriodRules{}, kKeyed);
  std::vector<std::string> fields;
  if (!r) {
    for (const auto& f : r.error().fields) fields.push_back(f.field);
  }
  return fields;
}

}  // namespace

TEST_CASE("valid terms can be published") { CHECK(broken_fields(valid_terms()).empty()); }

TEST_CASE("a public tender needs 20 days, counted from the day after the notice") {
  CHECK(earliest_deadline(Procedure::public_tender, kNow, HolidayCalendar::bundled(), PeriodRules{}) ==
        at("2026-12-16T16:00:00Z"));  // 2026-12-17 00:00 in Shanghai
  auto t = valid_terms();
  t.bid_deadline = at("2026-12-16T15:59:59.999999Z");
  t.clarification_deadline = at("2026-12-10T02:00:00Z");
  CHECK(broken_fields(t) == std::vector<std::string>{"bid_deadline"});
}

TEST_CASE("an inquiry counts working days through the holiday calendar") {
  // Published Tuesday 2026-09-29: the 30th, then National Day, then 8 and 9 October.
  const Instant published = at("2026-09-29T01:00:00Z");
  CHECK(earliest_deadline(Procedure::inquiry, published, HolidayCalendar::bundled(), PeriodRules{}) ==
        at("2026-10-08T16:00:00Z"));
}

TEST_CASE("price, bond, officers and threshold rules are each named") {
  auto t = valid_terms();
  t.ceiling = Money::from_fen(100'000'001);
  t.bid_bond = Money::from_fen(2'000'001);
  t.opening_threshold = 4;
  t.opening_officers.push_back("U-000009");  // no key
  t.opening_threshold = 6;
  const auto fields = broken_fields(t);
  CHECK(fields == std::vector<std::string>{"ceiling_fen", "bid_bond_fen", "opening_threshold", "opening_officers"});
}

TEST_CASE("a bond of exactly 2% of the budget is allowed") {
  auto t = valid_terms();
  t.bid_bond = maximum_bid_bond(t.budget);
  CHECK(t.bid_bond.fen() == 2'000'000);
  CHECK(broken_fields(t).empty());
}

TEST_CASE("the price weight minimum depends on the category") {
  auto t = valid_terms();
  t.evaluation = {"comprehensive", "low_price_first", 20, 80};
  CHECK(broken_fields(t) == std::vector<std::string>{"evaluation.price_points"});
  t.category = TenderCategory::services;
  CHECK(broken_fields(t).empty());
  t.evaluation = {"lowest_price", "", 0, 0};
  t.category = TenderCategory::goods;
  CHECK(broken_fields(t).empty());
}

TEST_CASE("an officer listed twice and a threshold of zero are refused") {
  auto t = valid_terms();
  t.opening_officers = {"U-000002", "U-000002"};
  t.opening_threshold = 0;
  CHECK(broken_fields(t) == std::vector<std::string>{"opening_threshold", "opening_officers"});
}

TEST_CASE("clarifications close before the bid deadline and after now") {
  auto t = valid_terms();
  t.clarification_deadline = t.bid_deadline;
  CHECK(broken_fields(t) == std::vector<std::string>{"clarification_deadline"});
  t.clarification_deadline = kNow;
  CHECK(broken_fields(t) == std::vector<std::string>{"clarification_deadline"});
}

TEST_CASE("a late substantive amendment moves the deadline so that 15 days remain") {
  const Instant deadline = at("2026-12-17T02:00:00Z");
  // 20 days ahead: nothing moves.
  CHECK(deadline_after_amendment(deadline, at("2026-11-27T02:00:00Z"), PeriodRules{}) == deadline);
  // Exactly 15 days ahead (Shanghai dates): nothing moves.
  CHECK(deadline_after_amendment(deadline, at("2026-12-02T02:00:00Z"), PeriodRules{}) == deadline);
  // 10 days ahead: moved five days, same time of day.
  CHECK(deadline_after_amendment(deadline, at("2026-12-07T09:00:00Z"), PeriodRules{}) == at("2026-12-22T02:00:00Z"));
}

TEST_CASE("category and procedure names round-trip") {
  for (auto c : {TenderCategory::goods, TenderCategory::services, TenderCategory::works}) {
    CHECK(parse_tender_category(to_string(c)) == c);
  }
  for (auto p : {Procedure::public_tender, Procedure::invited_tender, Procedure::competitive_consultation,
                 Procedure::competitive_negotiation, Procedure::inquiry}) {
    CHECK(parse_procedure(to_string(p)) == p);
  }
  CHECK_FALSE(parse_procedure("auction"));
}
