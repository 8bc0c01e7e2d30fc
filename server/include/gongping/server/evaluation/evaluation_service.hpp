#pragma once
// EvaluationService: a tender's evaluation, from the author starting it to the panel's sign-off
// (issue 4; ARCHITECTURE.md "Data flow" step 5).
//
// - start: the author, once the panel is seated. The evaluation case is built from the tender's
//   evaluation terms (specs/evaluation-case.md), its ceiling, the opened bids (bidder = enterprise
//   public id) and the seated members; the tender moves to `evaluating` and the engine opens the
//   room. With too few valid bids there is nothing to score: the failed result is stored and the
//   tender fails.
// - score: a seated member scores one criterion of one bid (or withdraws a score). The score is
//   checked against the case and stored with its audit entry; the engine hears of it under the
//   tender's lock, in commit order, and the score commits whatever the engine says. If the engine
//   cannot take it, the answer is 503 (the score stays saved) and the room is rebuilt from
//   PostgreSQL at the next call. A change voids the panel's signatures so far.
// - view: the author and supervisors see the live standing (from the engine) and who has finished;
//   a member sees their own scores, and everyone's only once every member has finished.
// - sign_off: each seated member, once every score is in. With the last signature the result is
//   worked out with evaluate() from the stored inputs (exactly what `gongping evaluate` prints for
//   them), stored with its SHA-256, and the engine's room is closed.
// Blocking (database and engine round trips): run on the worker pool. Thread-safe.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "gongping/common/clock.hpp"
#include "gongping/common/result.hpp"
#include "gongping/matching/decimal4.hpp"
#include "gongping/matching/evaluation_case.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"
#include "gongping/server/engine/engine_client.hpp"

namespace gp::server::evaluation {

struct GivenScore {
  std::string expert;  // public account id
  std::string bidder;
  std::string criterion;
  std::string score;  // decimal text
};

struct MemberProgress {
  std::string account;
  bool finished = false;  // has scored every criterion of every valid bid
  bool signed_off = false;
};

struct EvaluationView {
  std::string tender_id;
  std::string room_case;  // the case document without scores (criteria, bidders and their prices)
  bool closed = false;
  std::vector<MemberProgress> members;
  std::optional<std::string> standing;  // author and supervisors: the engine's standing document
  std::vector<GivenScore> scores;       // a member: their own, or everyone's once all finished
  std::optional<std::string> result;    // once signed off: the result document
  std::optional<std::string> result_sha256;
  bool live = false;          // the reader oversees an open room: its standing comes from the engine
  bool engine_stale = false;  // the engine may lack scores stored since it was last reached
};

class EvaluationService {
 public:
  EvaluationService(db::Database& database, const common::Clock& clock, engine::EngineClient& engine,
                    std::chrono::milliseconds engine_timeout, int deviation_alert_percent);

  common::Result<EvaluationView> start(const accounts::Principal& official, const std::string& tender_id);
  // nullopt withdraws the member's score.
  common::Result<GivenScore> score(const accounts::Principal& member, const std::string& tender_id,
                                   const std::string& bidder, const std::string& criterion,
                                   std::optional<matching::Decimal4> score);
  common::Result<EvaluationView> view(const accounts::Principal& reader, const std::string& tender_id);
  common::Result<EvaluationView> sign_off(const accounts::Principal& member, const std::string& tender_id);

  // Whether the reader may watch the room live (the tender's author, supervisors).
  common::Result<void> may_watch(const accounts::Principal& reader, const std::string& tender_id);

 private:
  // The view from PostgreSQL alone (no standing from the engine).
  common::Result<EvaluationView> read_view(const accounts::Principal& reader, const std::string& tender_id);
  // Opens (or replaces) the engine's room with every stored score. The caller holds the tender's
  // update lock in `sql`. unavailable when the engine cannot be reached.
  common::Result<void> rebuild_room(soci::session& sql, const std::string& tender_id, std::int64_t tender_row,
                                    const matching::EvaluationCase& room_case);
  common::Result<engine::EngineReply> call_engine(std::string type, std::string body);

  db::Database& db_;
  const common::Clock& clock_;
  engine::EngineClient& engine_;
  std::chrono::milliseconds engine_timeout_;
  int deviation_alert_percent_;
  db::AuditLogWriter audit_;
};

}  // namespace gp::server::evaluation
