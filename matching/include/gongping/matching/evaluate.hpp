#pragma once
// evaluate(): a whole evaluation case in, the spec's result out (specs/evaluation-case.md). The same
// function backs `gongping evaluate`, the engine's evaluate command and the result a panel signs off,
// so that all three agree to the last hundredth.

#include "gongping/matching/evaluation_case.hpp"
#include "gongping/matching/evaluation_result.hpp"

namespace gp::matching {

// Precondition: check_evaluation_case(evaluation_case) is Ok.
EvaluationResult evaluate(const EvaluationCase& evaluation_case);

}  // namespace gp::matching
