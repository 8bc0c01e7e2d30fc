#include "gongping/bidding/tender_amendment.hpp"

#include <catch2/catch.hpp>

using namespace gp::bidding;
using gp::common::Instant;
using gp::common::Money;

namespace {

Instant at(const char* text) { return Instant::parse_rfc3339(text).value(); }

TenderTerms published_terms() {
  TenderTerms t;
  t.title = "Switches";
  t.budget = Money::from_fen(100'000'000);
  t.ceiling = Money::from_fen(95'000'000);
  t.bid_bond = Money::from_fen(1'000'000);
  t.clarification_deadline = at("2026-12-10T02:00:00Z");
  t.bid_deadline = at("2026-12-17T02:00:00Z");
  return t;
}

std::vector<std::string> fields_of(const gp::common::Result<AmendmentOutcome>& r) {
  std::vector<std::string> out;
  if (r) {
    for (const auto& c : r.value().diff) out.push_back(c.field);
  } else {
    for (const auto& f : r.error().fields) out.push_back(f.field);
  }
  return out;
}

}  // namespace

TEST_CASE("an early amendment changes what it says and leaves the deadline") {
  TenderChanges c;
  c.ceiling = Money::from_fen(90'000'000);
  const auto r = amend(published_terms(), c, true, at("2026-11-28T02:00:00Z"), PeriodRules{});
  REQUIRE(r);
  CHECK(r.value().terms.ceiling.fen() == 90'000'000);
  CHECK(r.value().terms.bid_deadline == published_terms().bid_deadline);
  CHECK_FALSE(r.value().deadline_moved_by_rule);
  REQUIRE(r.value().diff.size() == 1);
  CHECK(r.value().diff[0].field == "ceiling_fen");
  CHECK(r.value().diff[0].before == "95000000");
  CHECK(r.value().diff[0].after == "90000000");
}

TEST_CASE("a late substantive amendment moves the deadline and the diff shows it") {
  TenderChanges c;
  c.qualification_requirements = std::vector<std::string>{"business_licence", "iso27001"};
  const auto r = amend(published_terms(), c, true, at("2026-12-07T02:00:00Z"), PeriodRules{});
  REQUIRE(r);
  CHECK(r.value().deadline_moved_by_rule);
  CHECK(r.value().terms.bid_deadline == at("2026-12-22T02:00:00Z"));
  CHECK(fields_of(r) == std::vector<std::string>{"qualification_requirements", "bid_deadline"});
}

TEST_CASE("a late editorial amendment does not move the deadline") {
  TenderChanges c;
  c.description = "Typo fixed.";
  const auto r = amend(published_terms(), c, false, at("2026-12-14T02:00:00Z"), PeriodRules{});
  REQUIRE(r);
  CHECK(r.value().terms.bid_deadline == published_terms().bid_deadline);
}

TEST_CASE("amendments may not break the price rules nor bring the deadline forward") {
  TenderChanges c;
  c.ceiling = Money::from_fen(100'000'001);
  c.bid_bond = Money::from_fen(2'000'001);
  c.bid_deadline = at("2026-12-16T02:00:00Z");
  const auto r = amend(published_terms(), c, false, at("2026-11-28T02:00:00Z"), PeriodRules{});
  CHECK(fields_of(r) ==
        std::vector<std::string>{"changes.ceiling_fen", "changes.bid_bond_fen", "changes.bid_deadline"});
}

TEST_CASE("an amendment that changes nothing is refused") {
  CHECK(fields_of(amend(published_terms(), TenderChanges{}, false, at("2026-11-28T02:00:00Z"), PeriodRules{})) ==
        std::vector<std::string>{"changes"});
  TenderChanges same;
  same.title = "Switches";
  CHECK(fields_of(amend(published_terms(), same, false, at("2026-11-28T02:00:00Z"), PeriodRules{})) ==
        std::vector<std::string>{"changes"});
}

TEST_CASE("a substantive clarification answer moves the deadline like an amendment") {
  const auto t = published_terms();
  CHECK(deadline_after_clarification(t, true, at("2026-12-07T02:00:00Z"), PeriodRules{}) == at("2026-12-22T02:00:00Z"));
  CHECK(deadline_after_clarification(t, false, at("2026-12-07T02:00:00Z"), PeriodRules{}) == t.bid_deadline);
}
