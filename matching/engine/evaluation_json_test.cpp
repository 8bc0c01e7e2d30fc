// The spec's worked examples (specs/evaluation-case.md), document in and document out, and the
// reader's refusals: one field and one problem each.
#include "evaluation_json.hpp"

#include <catch2/catch.hpp>

#include "gongping/matching/evaluate.hpp"
#include "spec_examples_test_support.hpp"

using namespace gp::matching;
using namespace gp::matching::engine;
using gp::matching::engine::testing::spec_example_1;

namespace {

std::string evaluate_json(const std::string& document) {
  auto c = read_evaluation_case(document);
  if (!c) FAIL(c.error().fields.front().field + ": " + c.error().fields.front().problem);
  return write_evaluation_result(evaluate(c.value()));
}

std::string refusal(const std::string& document) {
  auto c = read_evaluation_case(document);
  REQUIRE_FALSE(c.ok());
  REQUIRE(c.error().fields.size() == 1);
  return c.error().fields[0].field + ": " + c.error().fields[0].problem;
}

std::string row(const char* bidder, int rank, long long evaluated, const char* price, const char* tech,
                const char* total) {
  return std::string(R"({"bidder":")") + bidder + R"(","rank":)" + std::to_string(rank) +
         R"(,"tied":false,"evaluated_price_fen":)" + std::to_string(evaluated) + R"(,"price_score":")" + price +
         R"(","technical_score":")" + tech + R"(","total":")" + total + R"(","flags":[]})";
}

}  // namespace

TEST_CASE("worked example 1: low_price_first with SME deductions and a ceiling", "[matching][evaluation]") {
  CHECK(evaluate_json(spec_example_1()) ==
        R"({"status":"completed","benchmark_price_fen":81450000,"results":[)" +
            row("D", 1, 99000000, "24.68", "63.00", "87.68") + "," + row("A", 2, 88000000, "27.77", "57.40", "85.17") +
            "," + row("B", 3, 82800000, "29.51", "54.60", "84.11") + "," +
            row("C", 4, 85000000, "28.75", "49.00", "77.75") + "," + row("F", 5, 81450000, "30.00", "42.00", "72.00") +
            R"(],"rejected":[{"bidder":"E","reason":"above_ceiling"}]})");
}

TEST_CASE("worked example 2: benchmark_average drops the extremes and deducts by deviation", "[matching][evaluation]") {
  const std::string document =
      R"({"method":"comprehensive","price_formula":"benchmark_average","ceiling_fen":1000000000,"price_points":100,)"
      R"("benchmark":{"k_percent":5,"drop_highest_from":6,"drop_lowest_from":7,"deduct_above":1.2,"deduct_below":0.8},)"
      R"("criteria":[],"experts":[],"aggregation":"mean","bids":[)"
      R"({"bidder":"P1","price_fen":935000000},{"bidder":"P2","price_fen":910000000},)"
      R"({"bidder":"P3","price_fen":880000000},{"bidder":"P4","price_fen":962000000},)"
      R"({"bidder":"P5","price_fen":820000000},{"bidder":"P6","price_fen":948000000},)"
      R"({"bidder":"P7","price_fen":905000000},{"bidder":"P8","price_fen":1015000000}]})";
  const auto scored = [](const char* bidder, int rank, long long price, const char* total) {
    return row(bidder, rank, price, total, "0.00", total);
  };
  CHECK(evaluate_json(document) ==
        R"({"status":"completed","benchmark_price_fen":869820000,"results":[)" + scored("P3", 1, 880000000, "98.60") +
            "," + scored("P5", 2, 820000000, "95.42") + "," + scored("P7", 3, 905000000, "95.15") + "," +
            scored("P2", 4, 910000000, "94.46") + "," + scored("P1", 5, 935000000, "91.01") + "," +
            scored("P6", 6, 948000000, "89.21") + "," + scored("P4", 7, 962000000, "87.28") +
            R"(],"rejected":[{"bidder":"P8","reason":"above_ceiling"}]})");
}

TEST_CASE("too few valid bids fail the evaluation with the rejected list and no results", "[matching][evaluation]") {
  CHECK(
      evaluate_json(R"({"method":"lowest_price","bids":[{"bidder":"a","price_fen":5},)"
                    R"({"bidder":"b","price_fen":6,"responsive":false},{"bidder":"c","price_fen":7}]})") ==
      R"({"status":"failed","failure_reason":"insufficient_valid_bids","rejected":[{"bidder":"b","reason":"not_responsive"}]})");
}

TEST_CASE("lowest_price reports no scores and ranks by the exact evaluated price", "[matching][evaluation]") {
  // b's evaluated price is 99.9 fen: reported as 100, ranked below a's 100 by the exact value.
  CHECK(evaluate_json(R"({"method":"lowest_price","min_valid_bids":2,"sme_deduction_percent":{"small":10},"bids":[)"
                      R"({"bidder":"a","price_fen":100},{"bidder":"b","price_fen":111,"size":"small"},)"
                      R"({"bidder":"c","price_fen":90}]})") ==
        R"({"status":"completed","results":[{"bidder":"c","rank":1,"tied":false,"evaluated_price_fen":90,"flags":[]},)"
        R"({"bidder":"b","rank":2,"tied":false,"evaluated_price_fen":100,"flags":[]},)"
        R"({"bidder":"a","rank":3,"tied":false,"evaluated_price_fen":100,"flags":[]}],"rejected":[]})");
}

TEST_CASE("invalid cases name the field and the problem", "[matching][evaluation]") {
  const std::string head = R"({"method":"lowest_price","bids":[)";
  CHECK(refusal("{").rfind("(document): not JSON at byte 1", 0) == 0);
  CHECK(refusal(R"({"method":"auction","bids":[]})") ==
        R"(method: "auction" is not one of comprehensive, lowest_price)");
  CHECK(refusal(R"({"method":"lowest_price"})") == "bids: is required");
  CHECK(refusal(R"({"method":"comprehensive","bids":[]})") == "price_formula: is required");
  CHECK(refusal(head + R"({"bidder":"a","price_fen":10.5}]})") ==
        "bids[0].price_fen: must be a positive integer of fen");
  CHECK(refusal(head + R"({"bidder":"a","price_fen":"10"}]})") ==
        "bids[0].price_fen: must be a positive integer of fen");
  CHECK(refusal(head + R"({"bidder":"a","price_fen":0}]})") ==
        "bids[0].price_fen: must be a positive integer of fen, at most 2^53 - 1");
  CHECK(refusal(head + R"({"bidder":"a","price_fen":1},{"bidder":"a","price_fen":2}]})") ==
        R"(bids[1].bidder: "a" bids twice)");
  CHECK(refusal(R"({"method":"lowest_price","ceiling":5,"bids":[]})") ==
        "ceiling: is not a member the evaluation case format (version 1) defines");
  const std::string scored =
      R"({"method":"comprehensive","price_formula":"low_price_first","price_points":30,)"
      R"("criteria":[{"id":"tech","max":70}],"experts":["e1","e2"],"aggregation":"mean","bids":[)";
  CHECK(refusal(scored + R"({"bidder":"a","price_fen":1,"scores":{"e1":{"tech":71},"e2":{"tech":1}}}]})") ==
        "bids[0].scores.e1.tech: 71 is outside [0, 70]");
  CHECK(refusal(scored + R"({"bidder":"a","price_fen":1,"scores":{"e1":{"tech":7}}}]})") ==
        "bids[0].scores.e2.tech: is missing; a valid bid needs every expert's score on every criterion");
  CHECK(refusal(scored + R"({"bidder":"a","price_fen":1,"scores":{"e9":{"tech":7}}}]})") ==
        "bids[0].scores.e9: is not a listed expert");
  CHECK(refusal(scored + R"({"bidder":"a","price_fen":1,"scores":{"e1":{"tech":7.00001},"e2":{"tech":1}}}]})") ==
        "bids[0].scores.e1.tech: 7.00001 is not a decimal with at most 4 places (and at most 10^12)");
  // A rejected bid needs no scores.
  CHECK(read_evaluation_case(scored + R"({"bidder":"a","price_fen":1,"responsive":false}]})").ok());
}
