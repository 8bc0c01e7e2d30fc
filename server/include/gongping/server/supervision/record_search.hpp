#pragma once
// RecordSearch: supervisors search every trading and approval record (issue 6, "Trading records"):
// tenders, bids (only once opened: the opening record), experts' scores, awards, objections (at the
// opening and during the award's publicity) and project applications, by party, official, expert,
// period, state and amount. Newest first; one list across kinds when no kind is named.
//
// Filters (all optional, combined with AND):
// - party: an enterprise ("E-…": its bids, scores, awards, objections and the tenders it bid in) or
//   a department ("U-…": its applications, and the tenders bought under its filed projects with
//   everything that belongs to them: bids, scores, awards, objections);
// - official: the tender's author, or anyone who took a step on an application;
// - expert: a seated member of the tender's panel or the application's review panel (scores: the
//   scorer);
// - period: `from` <= the record's time < `to` (tender: published, else created; bid: received;
//   score: last changed; award: announced; objection: raised; application: created);
// - state: the record's state as listed (tender and application states; bid: opened, undecryptable;
//   score: scored, withdrawn; award: publicity, noticed, contracted; objection: open, answered, raised);
// - amount: min <= the record's amount in fen <= max (tender: budget; bid: opened price; award: the
//   contract's amount, else the winning price; application: approved, else requested budget). A
//   record without an amount (scores, objections) never matches an amount filter.
//
// Blocking: run on the worker pool. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/common/instant.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::supervision {

enum class RecordKind { tender, bid, score, award, objection, application };
std::optional<RecordKind> parse_record_kind(std::string_view text);

struct RecordQuery {
  std::vector<RecordKind> kinds;      // empty: every kind
  std::int64_t party_enterprise = 0;  // 0: any
  std::int64_t party_department = 0;
  std::int64_t official = 0;
  std::int64_t expert = 0;
  std::optional<common::Instant> from;
  std::optional<common::Instant> to;
  std::string state;  // empty: any
  std::optional<std::int64_t> min_amount_fen;
  std::optional<std::int64_t> max_amount_fen;
  int offset = 0;
  int limit = 50;
};

struct RecordHit {
  std::string kind;          // tender, bid, score, award, objection, application
  std::string id;            // the record's own id ("B-000777", "T-2026-000001/award/3", ...)
  std::string subject_type;  // tender, application: what to ask the history of
  std::string subject_id;
  std::string title;                 // the tender's or the project's name
  std::vector<std::string> parties;  // enterprises ("E-…") or the department ("U-…")
  std::string state;
  std::optional<std::int64_t> amount_fen;
  common::Instant at;
  std::string detail;  // a line for the list: the criterion and score, the objection's start, ...
};

struct RecordPage {
  std::vector<RecordHit> items;
  std::optional<int> next_offset;
};

inline constexpr int kMaxRecordPage = 200;
inline constexpr int kMaxRecordOffset = 2000;  // each kind reads offset + limit rows

class RecordSearch {
 public:
  explicit RecordSearch(db::Database& database);

  common::Result<RecordPage> search(const RecordQuery& query);

 private:
  db::Database& db_;
};

}  // namespace gp::server::supervision
