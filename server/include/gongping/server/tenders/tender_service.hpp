#pragma once
// TenderService: drafting, publishing and cancelling tenders, officers' opening keys, and the
// tender reads (public list and detail; drafts only for their author and supervisors).
//
// Publishing makes the tender's P-256 opening key, splits its private scalar k-of-n among the
// opening officers (bidding/opening_shares.hpp), seals each share to its officer's registered key
// (JWE), stores only those JWEs and each share's SHA-256, and wipes the key from memory
// (specs/sealed-bid.md). Every call blocks (PostgreSQL): run it on the worker pool. Thread-safe.
// Every state change commits with its audit entry.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/bidding/tender_lifecycle.hpp"
#include "gongping/bidding/tender_terms.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/common/random.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::tenders {

struct TenderDraft {
  bidding::TenderTerms terms;
  std::string evaluation_json;  // the evaluation terms object as sent (specs/evaluation-case.md)
};

struct TenderView {
  std::string id;  // "T-2026-000123"
  bidding::TenderState state = bidding::TenderState::draft;
  bidding::TenderTerms terms;
  std::string evaluation_json;
  std::string created_by;  // "U-000002"
  common::Instant created_at;
  std::optional<common::Instant> published_at;
  std::string opening_kid;         // empty before publication
  std::string opening_public_jwk;  // JSON, empty before publication
  std::string state_reason;        // why cancelled or failed
};

struct TenderListQuery {
  std::optional<bidding::TenderState> state;  // published states only; drafts are never listed
  std::optional<bidding::TenderCategory> category;
  std::string text;  // in the title (any case), or the whole tender id; empty: any
  int limit = 20;
  int offset = 0;
};

struct TenderPage {
  std::vector<TenderView> items;
  std::int64_t total = 0;
};

class TenderService {
 public:
  TenderService(db::Database& database, const common::Clock& clock, common::Random& random, bidding::PeriodRules rules);

  // An official or supervisor registers (or replaces) the personal P-256 key its shares are sealed
  // to. Returns the key's kid. key_invalid for anything but a valid public P-256 JWK.
  common::Result<std::string> register_officer_key(const accounts::Principal& officer, const std::string& jwk_json);

  common::Result<TenderView> create_draft(const accounts::Principal& official, const TenderDraft& draft);
  // validation_failed naming every broken rule; tender_transition_refused unless a draft.
  common::Result<TenderView> publish(const accounts::Principal& official, const std::string& tender_id);
  common::Result<TenderView> cancel(const accounts::Principal& official, const std::string& tender_id,
                                    const std::string& reason);

  // not_found for unknown ids and for drafts the viewer may not see (only their author and
  // supervisors may), so that a draft's existence does not leak.
  common::Result<TenderView> get(const std::optional<accounts::Principal>& viewer, const std::string& tender_id);
  common::Result<TenderPage> list_published(const TenderListQuery& query);

  // The officer's share of the opening key, sealed to the officer's key (a JWE); forbidden for
  // anyone who is not one of the tender's officers.
  common::Result<std::string> sealed_share(const accounts::Principal& officer, const std::string& tender_id);

 private:
  db::Database& db_;
  const common::Clock& clock_;
  common::Random& random_;
  bidding::PeriodRules rules_;
  db::AuditLogWriter audit_;
};

}  // namespace gp::server::tenders
