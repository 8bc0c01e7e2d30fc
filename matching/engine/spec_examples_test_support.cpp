#include "spec_examples_test_support.hpp"

namespace gp::matching::engine::testing {

const std::vector<ExampleScore>& spec_example_1_scores() {
  static const std::vector<ExampleScore> scores = [] {
    const std::pair<const char*, std::vector<const char*>> table[] = {{"A", {"57.4", "59.5", "56", "58.8", "55.3"}},
                                                                      {"B", {"54.6", "56", "53.2", "55.3", "53.9"}},
                                                                      {"C", {"49", "50.4", "47.6", "49.7", "48.3"}},
                                                                      {"D", {"63", "64.4", "61.6", "63.7", "62.3"}},
                                                                      {"F", {"42", "43.4", "40.6", "42.7", "41.3"}}};
    std::vector<ExampleScore> out;
    for (const auto& [bidder, by_expert] : table) {
      for (std::size_t e = 0; e < by_expert.size(); ++e)
        out.push_back({"e" + std::to_string(e + 1), bidder, by_expert[e]});
    }
    return out;
  }();
  return scores;
}

std::string spec_example_1(bool scores) {
  const auto scores_of = [&](const std::string& bidder) {
    if (!scores) return std::string();
    std::string out = R"(,"scores":{)";
    for (const auto& s : spec_example_1_scores()) {
      if (s.bidder != bidder) continue;
      if (out.back() != '{') out += ",";
      out += "\"" + s.expert + R"(":{"tech":)" + s.score + "}";
    }
    return out + "}";
  };
  const auto bid = [&](const char* bidder, const char* price, const char* size) {
    return std::string(R"({"bidder":")") + bidder + R"(","price_fen":)" + price + R"(,"size":")" + size +
           R"(","responsive":true)" + scores_of(bidder) + "}";
  };
  return R"({"method":"comprehensive","price_formula":"low_price_first","ceiling_fen":100000000,)"
         R"("sme_deduction_percent":{"small":10,"micro":10},"price_points":30,"criteria":[{"id":"tech","max":70}],)"
         R"("experts":["e1","e2","e3","e4","e5"],"aggregation":"mean","bids":[)" +
         bid("A", "88000000", "large") + "," + bid("B", "92000000", "small") + "," + bid("C", "85000000", "medium") +
         "," + bid("D", "99000000", "large") + "," +
         R"({"bidder":"E","price_fen":102000000,"size":"large","responsive":true},)" + bid("F", "90500000", "micro") +
         "]}";
}

}  // namespace gp::matching::engine::testing
