#pragma once
// The JSON side of evaluation cases (specs/evaluation-case.md): reading a case document into the
// domain's EvaluationCase, and writing an EvaluationResult. Shared by `gongping evaluate`, the engine
// and the server, so that all of them read and write the very same bytes.

#include <string>
#include <string_view>

#include "exact_json.hpp"
#include "gongping/common/result.hpp"
#include "gongping/matching/evaluation_case.hpp"
#include "gongping/matching/evaluation_result.hpp"

namespace gp::matching::engine {

// The case, checked (check_evaluation_case included), or validation_failed with one field: the JSON
// path of the first problem ("bids[2].price_fen", "(document)" for text that is not JSON) and what is
// wrong with it. Members the spec does not name are refused, so that a misspelt optional rule (a
// "ceiling" for "ceiling_fen") cannot silently go unapplied.
common::Result<EvaluationCase> read_evaluation_case(std::string_view json, ScoresRequired scores = ScoresRequired::all);
// The same, from a document already parsed (a case inside an engine command). `scores` as for
// check_evaluation_case: ScoresRequired::none reads a room's case, whose scores are still to come.
common::Result<EvaluationCase> read_evaluation_case(const ExactJson& document, ScoresRequired scores);

// The case as a document read_evaluation_case reads back to the same case (scores given included).
std::string write_evaluation_case(const EvaluationCase& evaluation_case);

// The result document: members in the spec's order, scores as decimal strings with two places.
std::string write_evaluation_result(const EvaluationResult& result);

}  // namespace gp::matching::engine
