#pragma once
// StatisticsService: the figures the data bureau reports (issue 6, "Statistics for the bureau"), for
// anyone (they are aggregates of published records): per month (Asia/Shanghai) and category of
// tenders published in [from, to), how many, their budgets, the average number of bids of those
// opened (tenders still open for bids never count, so no bid count leaks before an opening), the
// share failed, the awards, the contracted value and the median time from publication to award. As
// JSON for charts, and as CSV. (Approval stage durations are for reviewers and supervisors:
// GET /api/approvals/stage-durations; a narrow window could single out one application.) Blocking:
// run on the worker pool. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/common/instant.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::reports {

struct PeriodFigures {
  std::string period;    // "2026-11"
  std::string category;  // goods, services, works
  std::int64_t tenders = 0;
  std::int64_t budget_fen = 0;
  std::int64_t opened = 0;
  std::int64_t bids_in_opened = 0;
  std::int64_t failed = 0;
  std::int64_t cancelled = 0;
  std::int64_t awarded = 0;
  std::int64_t contracted_fen = 0;
  std::optional<std::int64_t> median_seconds_to_award;
};

struct Statistics {
  std::optional<common::Instant> from, to;
  std::vector<PeriodFigures> periods;
};

class StatisticsService {
 public:
  explicit StatisticsService(db::Database& database);

  common::Result<Statistics> statistics(std::optional<common::Instant> from, std::optional<common::Instant> to);

 private:
  db::Database& db_;
};

std::string statistics_json(const Statistics& s);
// The tender figures, one row per period and category, with a header row (RFC 4180).
std::string statistics_csv(const Statistics& s);

}  // namespace gp::server::reports
