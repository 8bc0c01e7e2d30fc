#pragma once
// AwardService: from the panel's signed-off ranking to the contract (bidding/award.hpp for the rules).
//
// - award: the tender's author names the winner; the tender moves to `awarded` and the publicity
//   starts. A winner the ranking does not recommend needs a reason, which the author and supervisors
//   see (the public sees the winner and the recommendation).
// - object: an enterprise that bid objects during the publicity; an open objection suspends the
//   award until the author answers it.
// - notice: the author issues the award notice once the publicity is over and every objection is
//   answered.
// - contract: the author records the signed contract (the tender moves to `contracted`); one signed
//   more than 30 days after the notice is recorded and marked late.
// Every change commits with its audit entry. Blocking: run on the worker pool. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/common/clock.hpp"
#include "gongping/common/holiday_calendar.hpp"
#include "gongping/common/money.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::awards {

struct ObjectionView {
  std::int64_t id = 0;
  std::string enterprise;  // public id; shown to the author, supervisors and the objector only
  std::string objection;
  common::Instant raised_at;
  std::optional<std::string> answer;
  std::optional<common::Instant> answered_at;
};

struct AwardView {
  std::string tender_id;
  std::string winner;  // enterprise public id
  std::string winner_name;
  std::int64_t winner_price_fen = 0;
  std::vector<std::string> recommended;
  std::optional<std::string> deviation_reason;  // the author and supervisors only
  common::Instant announced_at;
  common::Instant publicity_ends_at;
  bool suspended = false;  // an objection awaits its answer
  std::int64_t objections = 0;
  std::vector<ObjectionView> objection_details;  // as the reader may see them
  std::optional<common::Instant> notice_at;
  std::optional<common::Instant> contract_signed_at;
  std::optional<std::int64_t> contract_amount_fen;
  bool contract_late = false;
};

inline constexpr std::size_t kMaxObjectionBytes = 4000;
inline constexpr std::int64_t kMaxObjectionsPerBidder = 5;

class AwardService {
 public:
  AwardService(db::Database& database, const common::Clock& clock, const common::HolidayCalendar& calendar);

  common::Result<AwardView> award(const accounts::Principal& official, const std::string& tender_id,
                                  const std::string& winner, const std::string& reason);
  common::Result<ObjectionView> object(const accounts::Principal& bidder, const std::string& tender_id,
                                       const std::string& objection);
  common::Result<ObjectionView> answer(const accounts::Principal& official, const std::string& tender_id,
                                       std::int64_t objection_id, const std::string& answer);
  common::Result<AwardView> notice(const accounts::Principal& official, const std::string& tender_id);
  common::Result<AwardView> contract(const accounts::Principal& official, const std::string& tender_id,
                                     common::Instant signed_at, common::Money amount);
  // Anyone, signed in or not; what is shown depends on who reads.
  common::Result<AwardView> view(const std::optional<accounts::Principal>& reader, const std::string& tender_id);

 private:
  db::Database& db_;
  const common::Clock& clock_;
  const common::HolidayCalendar& calendar_;
  db::AuditLogWriter audit_;
};

}  // namespace gp::server::awards
