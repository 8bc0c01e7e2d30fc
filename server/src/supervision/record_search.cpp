#include "gongping/server/supervision/record_search.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <string_view>

#include "gongping/server/db/sql_time.hpp"

namespace gp::server::supervision {
namespace {

constexpr std::array<std::string_view, 6> kKindNames{"tender", "bid", "score", "award", "objection", "application"};

// The filters, bound once: f.pe (enterprise), f.pa (department), f.official, f.expert (0: any),
// f.from_at, f.to_at, f.state ('' any), f.amount_filter (0: none), f.lo, f.hi.
const std::string kFilters =
    "WITH f AS (SELECT CAST(:pe AS bigint) AS pe, CAST(:pa AS bigint) AS pa, CAST(:official AS bigint) AS official, "
    "CAST(:expert AS bigint) AS expert, " +
    db::sql_instant("CAST(:from_at AS bigint)") + " AS from_at, " + db::sql_instant("CAST(:to_at AS bigint)") +
    " AS to_at, CAST(:state AS text) AS state, CAST(:amount_filter AS int) AS amount_filter, CAST(:lo AS bigint) AS "
    "lo, "
    "CAST(:hi AS bigint) AS hi) ";

// Conditions shared by the kinds that belong to a tender `t`: a department is a party to the tenders
// bought under its filed projects; the official is the tender's author; the expert sits on its panel.
const std::string kTenderDepartment =
    "(f.pa = 0 OR EXISTS (SELECT 1 FROM applications a WHERE a.project_code = t.project_code AND "
    "a.department_account_id = f.pa))";
const std::string kTenderOfficial = "(f.official = 0 OR t.created_by = f.official)";
const std::string kTenderExpert =
    "(f.expert = 0 OR EXISTS (SELECT 1 FROM panel_members p WHERE p.tender_id = t.id AND p.account_id = f.expert AND "
    "p.status = 'seated'))";

// Each kind's rows, as: id, subject_type, subject_id, title, parties (comma-separated), state,
// amount, at, detail, party_ok, official_ok, expert_ok.
std::string kind_rows(RecordKind kind) {
  switch (kind) {
    case RecordKind::tender:
      return "SELECT t.public_id AS id, 'tender' AS subject_type, t.public_id AS subject_id, t.title, "
             "COALESCE((SELECT string_agg(public_id('E', o.enterprise_id), ',' ORDER BY o.enterprise_id) FROM "
             "opened_bids o WHERE o.tender_id = t.id), '') AS parties, t.state, t.budget_fen AS amount, "
             "COALESCE(t.published_at, t.created_at) AS at, t.category || ', ' || t.procedure AS detail, "
             "((f.pe = 0 OR EXISTS (SELECT 1 FROM opened_bids o WHERE o.tender_id = t.id AND o.enterprise_id = "
             "f.pe)) AND " +
             kTenderDepartment + ") AS party_ok, " + kTenderOfficial + " AS official_ok, " + kTenderExpert +
             " AS expert_ok FROM tenders t, f";
    case RecordKind::bid:
      return "SELECT public_id('B', o.bid_id) AS id, 'tender' AS subject_type, t.public_id AS subject_id, t.title, "
             "public_id('E', o.enterprise_id) AS parties, o.status AS state, o.price_fen AS amount, b.received_at AS "
             "at, COALESCE(o.reason, '') AS detail, ((f.pe = 0 OR o.enterprise_id = f.pe) AND " +
             kTenderDepartment + ") AS party_ok, " + kTenderOfficial + " AS official_ok, " + kTenderExpert +
             " AS expert_ok FROM opened_bids o JOIN bids b ON b.id = o.bid_id JOIN tenders t ON t.id = o.tender_id, f";
    case RecordKind::score:
      return "SELECT t.public_id || '/' || public_id('U', s.expert_id) || '/' || s.bidder || '/' || s.criterion AS id, "
             "'tender' AS subject_type, t.public_id AS subject_id, t.title, s.bidder AS parties, CASE WHEN s.score IS "
             "NULL THEN 'withdrawn' ELSE 'scored' END AS state, NULL::bigint AS amount, s.updated_at AS at, "
             "s.criterion || ' = ' || COALESCE(s.score, '-') || ' by ' || public_id('U', s.expert_id) AS detail, "
             "((f.pe = 0 OR s.bidder = public_id('E', f.pe)) AND " +
             kTenderDepartment + ") AS party_ok, " + kTenderOfficial +
             " AS official_ok, (f.expert = 0 OR s.expert_id = f.expert) AS expert_ok "
             "FROM evaluation_scores s JOIN tenders t ON t.id = s.tender_id, f";
    case RecordKind::award:
      return "SELECT t.public_id || '/award' AS id, 'tender' AS subject_type, t.public_id AS subject_id, t.title, "
             "public_id('E', w.winner_enterprise_id) AS parties, CASE WHEN c.tender_id IS NOT NULL THEN 'contracted' "
             "WHEN w.notice_at IS NOT NULL THEN 'noticed' ELSE 'publicity' END AS state, COALESCE(c.amount_fen, "
             "(SELECT o.price_fen FROM opened_bids o WHERE o.tender_id = w.tender_id AND o.enterprise_id = "
             "w.winner_enterprise_id)) AS amount, w.announced_at AS at, COALESCE(w.deviation_reason, '') AS detail, "
             "((f.pe = 0 OR w.winner_enterprise_id = f.pe) AND " +
             kTenderDepartment + ") AS party_ok, " + kTenderOfficial + " AS official_ok, " + kTenderExpert +
             " AS expert_ok FROM awards w JOIN tenders t ON t.id = w.tender_id LEFT JOIN contracts c ON c.tender_id = "
             "w.tender_id, f";
    case RecordKind::objection:
      return "SELECT x.id, 'tender' AS subject_type, t.public_id AS subject_id, t.title, public_id('E', "
             "x.enterprise_id) AS parties, x.state, NULL::bigint AS amount, x.at, left(x.text, 200) AS detail, "
             "((f.pe = 0 OR x.enterprise_id = f.pe) AND " +
             kTenderDepartment + ") AS party_ok, " + kTenderOfficial + " AS official_ok, " + kTenderExpert +
             " AS expert_ok FROM (SELECT j.tender_id, (SELECT public_id FROM tenders WHERE id = j.tender_id) || "
             "'/award/' || j.id AS id, j.enterprise_id, CASE WHEN j.answered_at IS NULL THEN 'open' ELSE 'answered' "
             "END AS state, j.raised_at AS at, j.objection AS text FROM award_objections j UNION ALL SELECT "
             "r.tender_id, (SELECT public_id FROM tenders WHERE id = r.tender_id) || '/opening/' || r.id, "
             "r.enterprise_id, 'raised', r.at, r.text FROM opening_responses r WHERE r.kind = 'objection') x JOIN "
             "tenders t ON t.id = x.tender_id, f";
    case RecordKind::application:
      return "SELECT public_id('A', a.id) AS id, 'application' AS subject_type, public_id('A', a.id) AS subject_id, "
             "v.name AS title, public_id('U', a.department_account_id) AS parties, a.state, "
             "COALESCE(a.approved_budget_fen, v.requested_budget_fen) AS amount, a.created_at AS at, a.department || "
             "COALESCE(', ' || a.project_code, '') AS detail, (f.pe = 0 AND (f.pa = 0 OR a.department_account_id = "
             "f.pa)) AS party_ok, (f.official = 0 OR EXISTS (SELECT 1 FROM application_steps s WHERE "
             "s.application_id = a.id AND s.account_id = f.official)) AS official_ok, (f.expert = 0 OR EXISTS "
             "(SELECT 1 FROM application_panel_members m WHERE m.application_id = a.id AND m.account_id = f.expert AND "
             "m.seated)) "
             "AS expert_ok FROM applications a JOIN application_versions v ON v.application_id = a.id AND v.version = "
             "a.version, f";
  }
  return {};
}

std::vector<std::string> split_parties(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < joined.size()) {
    const auto comma = joined.find(',', start);
    const auto end = comma == std::string::npos ? joined.size() : comma;
    if (end > start) out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::optional<RecordKind> parse_record_kind(std::string_view text) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (text == kKindNames[i]) return static_cast<RecordKind>(i);
  }
  return std::nullopt;
}

RecordSearch::RecordSearch(db::Database& database) : db_(database) {}

common::Result<RecordPage> RecordSearch::search(const RecordQuery& q) {
  std::vector<RecordKind> kinds = q.kinds;
  if (kinds.empty()) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i) kinds.push_back(static_cast<RecordKind>(i));
  }
  return db_.run<RecordPage>([&](soci::session& sql) -> common::Result<RecordPage> {
    long long pe = q.party_enterprise, pa = q.party_department, official = q.official, expert = q.expert;
    long long from = q.from ? q.from->unix_micros() : 0;
    long long to = q.to ? q.to->unix_micros() : 253402300799000000LL;  // 9999-12-31T23:59:59Z
    const int amount_filter = (q.min_amount_fen || q.max_amount_fen) ? 1 : 0;
    long long lo = q.min_amount_fen.value_or(0), hi = q.max_amount_fen.value_or(std::numeric_limits<long long>::max());
    std::string state = q.state;
    // Each kind's newest offset + limit + 1 rows; merged, they hold the page and tell if more follow.
    long long wanted = q.offset + q.limit + 1;
    std::vector<RecordHit> all;
    for (const auto kind : kinds) {
      soci::rowset<soci::row> rows =
          (sql.prepare << kFilters +
                              "SELECT r.id, r.subject_type, r.subject_id, r.title, r.parties, r.state, r.amount, " +
                              db::sql_micros("r.at") + ", r.detail FROM (" + kind_rows(kind) +
                              ") r, f WHERE r.party_ok AND r.official_ok AND r.expert_ok AND (f.state = '' OR "
                              "r.state = f.state) AND r.at >= f.from_at AND r.at < f.to_at AND (f.amount_filter = 0 "
                              "OR r.amount BETWEEN f.lo AND f.hi) ORDER BY r.at DESC, r.id COLLATE \"C\" DESC LIMIT :n",
           soci::use(pe, "pe"), soci::use(pa, "pa"), soci::use(official, "official"), soci::use(expert, "expert"),
           soci::use(from, "from_at"), soci::use(to, "to_at"), soci::use(state, "state"),
           soci::use(amount_filter, "amount_filter"), soci::use(lo, "lo"), soci::use(hi, "hi"), soci::use(wanted, "n"));
      for (const auto& r : rows) {
        RecordHit h;
        h.kind = std::string(kKindNames[static_cast<std::size_t>(kind)]);
        h.id = r.get<std::string>(0);
        h.subject_type = r.get<std::string>(1);
        h.subject_id = r.get<std::string>(2);
        h.title = r.get<std::string>(3);
        h.parties = split_parties(r.get<std::string>(4));
        h.state = r.get<std::string>(5);
        if (r.get_indicator(6) == soci::i_ok) h.amount_fen = r.get<long long>(6);
        h.at = common::Instant::from_unix_micros(r.get<long long>(7));
        h.detail = r.get<std::string>(8);
        all.push_back(std::move(h));
      }
    }
    // Byte order for ids, as in the query (COLLATE "C"), so that the merge keeps each kind's order.
    std::sort(all.begin(), all.end(), [](const RecordHit& a, const RecordHit& b) {
      if (a.at != b.at) return b.at < a.at;
      if (a.kind != b.kind) return a.kind < b.kind;
      return b.id < a.id;
    });
    RecordPage page;
    const auto first = std::min(all.size(), static_cast<std::size_t>(q.offset));
    const auto last = std::min(all.size(), first + static_cast<std::size_t>(q.limit));
    page.items.assign(std::make_move_iterator(all.begin() + first), std::make_move_iterator(all.begin() + last));
    if (all.size() > last) page.next_offset = q.offset + q.limit;
    return page;
  });
}

}  // namespace gp::server::supervision
