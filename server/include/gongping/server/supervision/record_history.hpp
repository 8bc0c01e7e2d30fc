#pragma once
// RecordHistory: every version of a trading or approval record, for supervisors (issue 6, "Trading
// records"). The database keeps a copy of each changed row (migration 0014, record_versions, secrets
// left out) with its transaction, and the audit entries of that same transaction say who made the
// change, as what action, and when (the platform's clock).
//
// A subject is what a supervisor asks about: a tender ("T-2026-000123") with everything that belongs
// to it (officers, amendments, questions, bids, the opening, the panel, scores, the award, objections,
// the contract), an application ("A-000045") with its versions, steps and review, an enterprise
// ("E-…") with its credentials, a staff account ("U-…") with its expert profile, a monitoring case
// ("M-…"), a registry system ("S-…") or data resource ("R-…").
// Bids are confidential until the opening: a tender's bid rows are left out of its history until its
// bids are opened.
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

struct RecordVersion {
  std::int64_t id = 0;       // the version's place in the whole history (the paging cursor)
  std::string record_type;   // the table: "tenders", "evaluation_scores", ...
  std::string record_key;    // the row's primary key values joined with '/'
  std::int64_t version = 0;  // 1 for the row's first version
  std::string operation;     // insert, update, delete
  std::string row_json;      // the row as it was after the change (before it, for a delete)
  std::string changes_json;  // [{"field", "before", "after"}] against the row's previous version
  // From the audit entries of the same transaction: the earliest entry's time, and
  // [{"index", "action", "actor": {"id", "role"}, "object": {...}}]. Empty when the change has no
  // entry (it was not audited: the cross-process tests check that this never happens).
  std::optional<common::Instant> at;
  std::string audit_json;
};

struct HistoryPage {
  std::string subject;
  std::string subject_id;
  std::vector<RecordVersion> versions;
  std::optional<std::int64_t> next_after;  // pass as `after` for the next page
};

// The latest version, at or before a time, of every record of a tender that existed then.
struct RecordAsOf {
  std::string record_type;
  std::string record_key;
  std::string row_json;
};

inline constexpr int kMaxHistoryPage = 500;

class RecordHistory {
 public:
  explicit RecordHistory(db::Database& database);

  // validation_failed for an unknown subject kind; not_found for an unknown id. Versions with id
  // above `after`, oldest first, at most `limit` (1..kMaxHistoryPage).
  common::Result<HistoryPage> history(const std::string& subject, const std::string& subject_id, std::int64_t after,
                                      int limit);

  // The tender's records as they stood at `at` (drafts included: supervisors see the draft as it
  // was). not_found for an unknown tender.
  common::Result<std::vector<RecordAsOf>> tender_as_of(const std::string& tender_id, common::Instant at);

 private:
  db::Database& db_;
};

}  // namespace gp::server::supervision
