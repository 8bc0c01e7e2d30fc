#include "gongping/approvals/expert_review.hpp"

#include <catch2/catch.hpp>

using namespace gp::approvals;

TEST_CASE("experts of the applying department are excluded from its review, with the reason", "[approvals][review]") {
  const std::vector<ReviewCandidate> candidates = {
      {"U-000009", {"informatization"}, {}},
      {"U-000003", {"informatization", "construction"}, {"广东省教育厅"}},
      {"U-000005", {"informatization"}, {" 广东省自然资源厅 "}},
      {"U-000004", {"construction"}, {}},
      {"U-000007", {"informatization"}, {"广东省卫生健康委员会"}},
  };
  const auto pool = review_pool(candidates, "广东省自然资源厅", "informatization");
  CHECK(pool.eligible == std::vector<std::string>{"U-000003", "U-000007", "U-000009"});
  REQUIRE(pool.excluded.size() == 1);
  CHECK(pool.excluded[0].id == "U-000005");
  CHECK(pool.excluded[0].reason.find("广东省自然资源厅") != std::string::npos);
}

TEST_CASE("a review panel is odd-sized, 3 to 15", "[approvals][review]") {
  CHECK(check_review_panel_size(3));
  CHECK(check_review_panel_size(5));
  CHECK_FALSE(check_review_panel_size(1));
  CHECK_FALSE(check_review_panel_size(4));
  CHECK_FALSE(check_review_panel_size(17));
}

TEST_CASE("review scores are 0 to 100 per dimension", "[approvals][review]") {
  CHECK(check_review_scores({0, 100, 50, 75}));
  const auto bad = check_review_scores({101, 50, -1, 50});
  REQUIRE_FALSE(bad);
  REQUIRE(bad.error().fields.size() == 2);
  CHECK(bad.error().fields[0].field == "necessity");
  CHECK(bad.error().fields[1].field == "security");
}

TEST_CASE("the review summary gives the means in hundredths, rounded half up", "[approvals][review]") {
  const auto s = summarise_reviews({{80, 70, 90, 60}, {85, 70, 91, 61}, {81, 71, 90, 60}});
  CHECK(s.reviews == 3);
  CHECK(s.necessity == 8200);    // 246 / 3 = 82.00
  CHECK(s.feasibility == 7033);  // 211 / 3 = 70.333...
  CHECK(s.security == 9033);     // 271 / 3 = 90.333...
  CHECK(s.budget == 6033);       // 181 / 3 = 60.333...
  CHECK(s.overall == 7575);      // 909 / 12 = 75.75
  CHECK(summarise_reviews({}).reviews == 0);
  CHECK(summarise_reviews({{1, 0, 0, 0}, {0, 0, 0, 0}}).necessity == 50);  // 0.5 exactly
}
