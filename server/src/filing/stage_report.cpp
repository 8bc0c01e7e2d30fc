// The bureau's report of how long applications spend in each stage.
#include <limits>

#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/filing/application_service.hpp"

namespace gp::server::filing {

common::Result<StageReport> ApplicationService::stage_report(std::optional<common::Instant> from,
                                                             std::optional<common::Instant> to) {
  return db_.run<StageReport>([&](soci::session& sql) -> common::Result<StageReport> {
    // A stay in a stage runs from the step that entered it to the next step of the same application.
    std::vector<approvals::StageStay> stays;
    const long long from_micros = from ? from->unix_micros() : std::numeric_limits<long long>::min() / 2;
    const long long to_micros = to ? to->unix_micros() : std::numeric_limits<long long>::max() / 2;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT to_state, entered, left_at FROM (SELECT to_state, " + db::sql_micros("at") +
                            " AS entered, " +
                            db::sql_micros("lead(at) OVER (PARTITION BY application_id ORDER BY id)") +
                            " AS left_at FROM application_steps) s WHERE left_at IS NOT NULL AND left_at >= :f AND "
                            "left_at < :t",
         soci::use(from_micros, "f"), soci::use(to_micros, "t"));
    for (const auto& r : rows) {
      const auto stage = approvals::parse_application_state(r.get<std::string>(0));
      if (!stage) continue;
      stays.push_back({*stage, common::Instant::from_unix_micros(r.get<long long>(1)),
                       common::Instant::from_unix_micros(r.get<long long>(2))});
    }
    return StageReport{approvals::stage_durations(stays), from, to};
  });
}

}  // namespace gp::server::filing
