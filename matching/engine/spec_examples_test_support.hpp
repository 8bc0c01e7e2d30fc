#pragma once
// The spec's worked example 1 (specs/evaluation-case.md) as a case document, for the engine's tests.

#include <string>
#include <vector>

namespace gp::matching::engine::testing {

// Worked example 1: low_price_first, SME deductions, one criterion, five experts, bidder E above the
// ceiling. With scores = false the bids carry no scores (an evaluation room about to be scored).
std::string spec_example_1(bool scores = true);

// The scores of worked example 1: expert e1..e5's "tech" score for bidders A, B, C, D, F.
struct ExampleScore {
  std::string expert;
  std::string bidder;
  std::string score;  // JSON number text
};
const std::vector<ExampleScore>& spec_example_1_scores();

}  // namespace gp::matching::engine::testing
