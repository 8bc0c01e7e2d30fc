#pragma once
// RecordHistory: every version of a trading or approval record, for supervisors (issue 6, "Trading
// records"). The database keeps a copy of each changed row (migration 0014, record_versions, secrets
// left out) with its transaction's change id; the audit entries of that change that name the subject
// say who made it and as what action, and the change's time is its entries' (the platform's clock).
// Several writes of one row in one change show as one version (its last state); an update that
// changed nothing shown is left out. Versions are in the order their changes entered the audit log
// (the order they committed in), so pages never skip a version that committed late.
//
// A subject is what a supervisor asks about: a tender ("T-2026-000123") with everything that belongs
// to it (officers, amendments, questions, bids, the opening, the panel, scores, the award, objections,
// the contract), an application ("A-000045") with its versions, steps and review, an enterprise
// ("E-…") with its credentials, a staff account ("U-…") with its expert profile, a monitoring case
// ("M-…"), a registry system ("S-…") or data resource ("R-…").
// Bids are confidential while a tender takes bids: its bids, their origins and credentials and the
// bidders' attachments are left out of its history and of its as-of view until bidding has closed
// (as the audit log's entries are withheld, audit_service.hpp).
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
  std::int64_t id = 0;       // the version's row in record_versions
  std::string record_type;   // the table: "tenders", "evaluation_scores", ...
  std::string record_key;    // the row's primary key values joined with '/'
  std::int64_t version = 0;  // 1 for the row's first version
  std::string operation;     // baseline (the row when history began), insert, update, delete
  std::string row_json;      // the row as it was after the change (before it, for a delete)
  std::string changes_json;  // [{"field", "before", "after"}] against the row's previous version
  // The change's time (its audit entries'; none for a baseline), and its entries that name the
  // subject: [{"index", "action", "actor": {"id", "role"}, "object": {...}}]. Empty when the change
  // has no entry (it was not audited: the cross-process tests check that this never happens).
  std::optional<common::Instant> at;
  std::string audit_json;
};

struct HistoryPage {
  std::string subject;
  std::string subject_id;
  std::vector<RecordVersion> versions;
  std::optional<std::string> next_after;  // pass as `after` for the next page
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

  // validation_failed for an unknown subject kind or a malformed `after`; not_found for an unknown
  // id. The versions after the cursor `after` (empty: from the first), oldest first, at most
  // `limit` (1..kMaxHistoryPage).
  common::Result<HistoryPage> history(const std::string& subject, const std::string& subject_id,
                                      const std::string& after, int limit);

  // The tender's records as they stood at `at` (drafts included: supervisors see the draft as it
  // was). not_found for an unknown tender.
  common::Result<std::vector<RecordAsOf>> tender_as_of(const std::string& tender_id, common::Instant at);

 private:
  db::Database& db_;
};

}  // namespace gp::server::supervision
