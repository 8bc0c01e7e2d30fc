#pragma once
// Rows <-> tender values, shared by the tender, bid and opening services. Blocking SOCI calls that
// run inside the caller's session (and transaction, when it has one); they throw soci::soci_error.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/tenders/tender_service.hpp"

namespace gp::server::tenders {

struct TenderRow {
  std::int64_t id = 0;
  std::int64_t created_by = 0;
  TenderView view;
};

// Locks held until the transaction ends, taken before the row is read: `update` for state changes
// (they take turns, and wait for bids in flight), `share` for bids and uploads (many at once, but
// no state change meanwhile). Both go through a per-tender advisory lock, shared or exclusive,
// which is cheaper than row share locks when hundreds of bids arrive at once; `update` also locks
// the row.
enum class RowLock { none, share, update };

// The tender with this public id, or nullopt.
std::optional<TenderRow> find_tender(soci::session& sql, std::string_view public_id, RowLock lock = RowLock::none);

// Published tenders (any state but draft), newest first, optionally of one state and category and
// with `text` in the title (any case) or as the whole tender id (empty: any); `total`, when given,
// receives how many match.
std::vector<TenderRow> published_tenders(soci::session& sql, const std::string& state, const std::string& category,
                                         const std::string& text, int limit, int offset, std::int64_t* total = nullptr);

// Changes the state (and its reason) of a tender row.
void update_tender_state(soci::session& sql, std::int64_t tender_id, bidding::TenderState state,
                         const std::string& reason, common::Instant at);

// The tender's author, or a supervisor: who oversees its evaluation and award.
bool is_author_or_supervisor(const accounts::Principal& reader, const TenderRow& tender);

// Writes the amendable terms (title, description, ceiling, bond, qualifications, deadlines).
void update_tender_terms(soci::session& sql, std::int64_t tender_id, const bidding::TenderTerms& terms,
                         common::Instant at);

// Officer positions are 1..n in share order.
struct OfficerRow {
  int position = 0;
  std::int64_t account_id = 0;
  std::string share_sha256_hex;  // empty before publication
};
std::vector<OfficerRow> tender_officers(soci::session& sql, std::int64_t tender_id);

}  // namespace gp::server::tenders
