#include "gongping/server/reports/statistics_service.hpp"

#include "gongping/common/json_writer.hpp"
#include "gongping/common/money.hpp"
#include "gongping/server/db/sql_time.hpp"

namespace gp::server::reports {
namespace {

// Hundredths of a ratio, rounded half up; 0 when there is nothing to divide.
std::int64_t ratio_x100(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? 0 : (part * 200 + whole) / (2 * whole);
}

}  // namespace

StatisticsService::StatisticsService(db::Database& database) : db_(database) {}

common::Result<Statistics> StatisticsService::statistics(std::optional<common::Instant> from,
                                                         std::optional<common::Instant> to) {
  auto figures =
      db_.run<std::vector<PeriodFigures>>([&](soci::session& sql) -> common::Result<std::vector<PeriodFigures>> {
        // Open ends: the epoch, and the year 10000 (PostgreSQL's timestamps end before it).
        constexpr long long kNoEnd = 253402300800LL * 1'000'000;
        const long long f = from ? from->unix_micros() : 0;
        const long long t = to ? to->unix_micros() : kNoEnd;
        std::vector<PeriodFigures> out;
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT to_char(t.published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), t.category, "
                            "count(*), COALESCE(sum(t.budget_fen), 0)::bigint, count(o.tender_id), "
                            "COALESCE(sum(b.n), 0)::bigint, count(*) FILTER (WHERE t.state = 'failed'), "
                            "count(*) FILTER (WHERE t.state = 'cancelled'), count(a.tender_id), "
                            "COALESCE(sum(c.amount_fen), 0)::bigint, "
                            "(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.announced_at - "
                            "t.published_at)))::bigint "
                            "FROM tenders t LEFT JOIN openings o ON o.tender_id = t.id "
                            "LEFT JOIN (SELECT tender_id, count(*) AS n FROM opened_bids GROUP BY tender_id) b "
                            "ON b.tender_id = t.id LEFT JOIN awards a ON a.tender_id = t.id "
                            "LEFT JOIN contracts c ON c.tender_id = t.id "
                            "WHERE t.state <> 'draft' AND t.published_at >= " +
                                db::sql_instant(":f") + " AND t.published_at < " + db::sql_instant(":t") +
                                " GROUP BY 1, 2 ORDER BY 1, 2",
             soci::use(f, "f"), soci::use(t, "t"));
        for (const auto& r : rows) {
          PeriodFigures p;
          p.period = r.get<std::string>(0);
          p.category = r.get<std::string>(1);
          p.tenders = r.get<long long>(2);
          p.budget_fen = r.get<long long>(3);
          p.opened = r.get<long long>(4);
          p.bids_in_opened = r.get<long long>(5);
          p.failed = r.get<long long>(6);
          p.cancelled = r.get<long long>(7);
          p.awarded = r.get<long long>(8);
          p.contracted_fen = r.get<long long>(9);
          if (r.get_indicator(10) == soci::i_ok) p.median_seconds_to_award = r.get<long long>(10);
          out.push_back(std::move(p));
        }
        return out;
      });
  if (!figures) return figures.error();
  return Statistics{from, to, std::move(figures.value())};
}

std::string statistics_json(const Statistics& s) {
  common::JsonWriter w;
  w.begin_object().key("from").value_or_null(s.from).key("to").value_or_null(s.to).key("tenders").begin_array();
  for (const auto& p : s.periods) {
    w.begin_object().key("period").value(p.period).key("category").value(p.category);
    w.key("tenders").value(p.tenders).key("budget_fen").value(p.budget_fen).key("opened").value(p.opened);
    w.key("average_bids_x100").value(ratio_x100(p.bids_in_opened, p.opened));
    w.key("failed").value(p.failed).key("failed_share_x100").value(ratio_x100(p.failed * 100, p.tenders));
    w.key("cancelled").value(p.cancelled).key("awarded").value(p.awarded);
    w.key("contracted_fen")
        .value(p.contracted_fen)
        .key("median_seconds_to_award")
        .value_or_null(p.median_seconds_to_award);
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string statistics_csv(const Statistics& s) {
  std::string csv =
      "period,category,tenders,budget_yuan,opened,average_bids,failed,failed_percent,cancelled,awarded,"
      "contracted_yuan,median_days_to_award\r\n";
  // Hundredths print as amounts do: 2 decimals.
  const auto yuan = [](std::int64_t fen) { return common::Money::from_fen(fen).to_decimal_string(); };
  const auto hundredths = yuan;
  for (const auto& p : s.periods) {
    csv += p.period + "," + p.category + "," + std::to_string(p.tenders) + "," + yuan(p.budget_fen) + "," +
           std::to_string(p.opened) + "," + hundredths(ratio_x100(p.bids_in_opened, p.opened)) + "," +
           std::to_string(p.failed) + "," + hundredths(ratio_x100(p.failed * 100, p.tenders)) + "," +
           std::to_string(p.cancelled) + "," + std::to_string(p.awarded) + "," + yuan(p.contracted_fen) + "," +
           (p.median_seconds_to_award ? hundredths(ratio_x100(*p.median_seconds_to_award, 86400)) : "") + "\r\n";
  }
  return csv;
}

}  // namespace gp::server::reports
