#pragma once
// CollusionService: the collusion indicators of audit/collusion.hpp over the platform's records, for
// supervisors (issue 6). Per opened tender, from its bids: where they came from (address, device:
// bid_origins), their encrypted attachments (the same file uploaded by two bidders), the bidders'
// registered contacts (the same phone and e-mail), and the opened prices against the ceiling. Over
// the history of opened tenders, with their winners: rotating winners and cover bidding.
// Nothing is shown before a tender's bids are opened (its bidders are confidential until then), and
// nothing is decided: each indicator carries its evidence and strength. Blocking: run on the worker
// pool. Thread-safe.

#include <string>
#include <vector>

#include "gongping/audit/collusion.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::supervision {

class CollusionService {
 public:
  explicit CollusionService(db::Database& database);

  // The indicators of one tender; tender_transition_refused before its bids are opened.
  common::Result<std::vector<audit::collusion::Indicator>> tender(const std::string& tender_id);
  // Every opened tender's indicators at or above `min_strength`, then those over the history.
  common::Result<std::vector<audit::collusion::Indicator>> alerts(double min_strength);

 private:
  db::Database& db_;
};

}  // namespace gp::server::supervision
