#pragma once
// TechnicalTally: one bid's technical score (specs/evaluation-case.md rule 5), kept as running
// aggregates so that an expert changing one score costs O(experts) for that one criterion, never a
// recomputation of the bid or of the room.
//
// For each criterion the aggregate is the mean of the scores received so far; with trimmed_mean and
// at least 5 of them, the highest and the lowest are dropped first. The technical score is the sum
// over criteria, exact (a sum of fractions), rounded half up to hundredths only when read. With every
// expert's score in, this is exactly rule 5; before that it is the provisional score a live room
// shows.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "gongping/matching/decimal4.hpp"
#include "gongping/matching/evaluation_case.hpp"

namespace gp::matching {

class TechnicalTally {
 public:
  TechnicalTally(std::size_t experts, std::size_t criteria, Aggregation aggregation);

  // Sets (or with nullopt, withdraws) one expert's score on one criterion. Indices must be in range;
  // the caller checked the score against the criterion's max.
  void set(std::size_t expert, std::size_t criterion, std::optional<Decimal4> score);
  std::optional<Decimal4> score(std::size_t expert, std::size_t criterion) const;
  // Replaces every score at once with rows by expert (as CaseBid::scores), working out each
  // criterion's aggregate once: how a whole case is loaded. Scores not given are absent.
  void load(const std::vector<std::vector<std::optional<Decimal4>>>& scores_by_expert);

  // The technical score rounded half up to hundredths; 0 with no scores at all.
  std::int64_t hundredths() const;
  // Every expert has scored every criterion.
  bool complete() const { return scored_ == experts_ * criteria_; }

 private:
  static constexpr std::int64_t kAbsent = INT64_MIN;
  struct CriterionAggregate {
    std::int64_t sum = 0;      // of the scores counted, in 10^-4 points
    std::int64_t divisor = 0;  // how many were counted; 0 when none
  };
  CriterionAggregate aggregate_of(std::size_t criterion) const;

  std::size_t experts_;
  std::size_t criteria_;
  Aggregation aggregation_;
  std::vector<std::int64_t> scores_;  // [criterion * experts + expert], kAbsent when not given
  std::size_t scored_ = 0;
  // Sum of the criteria's counted sums, grouped by divisor: the score is sum over d of sums_[d] / d.
  // Complete, every criterion has the same divisor, and the score is one fraction.
  std::vector<std::int64_t> sums_by_divisor_;
  std::vector<CriterionAggregate> aggregates_;  // per criterion, as last added to sums_by_divisor_
};

}  // namespace gp::matching
