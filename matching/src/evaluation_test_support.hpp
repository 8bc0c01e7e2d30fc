#pragma once
// Shared by the evaluation tests: random evaluation cases that reach every rule (ties included), and
// a one-line text of a result's figures for comparing two results.

#include <random>
#include <string>

#include "gongping/matching/evaluation_case.hpp"
#include "gongping/matching/evaluation_result.hpp"

namespace gp::matching::testing {

// A random case that check_evaluation_case accepts: up to 11 bids, up to 7 experts and 3 criteria,
// every method and formula; coarse prices and scores now and then, so that ties happen.
EvaluationCase random_case(std::mt19937_64& rng);

// The result's status, benchmark and rows (rank, tie, prices, scores, flag) as one line; the rejected
// list aside.
std::string ranking_text(const EvaluationResult& result);

}  // namespace gp::matching::testing
