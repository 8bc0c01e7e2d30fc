#pragma once
// MonitoringService: supervision cases (issue 6, "Monitoring cases"). A supervisor opens a case on a
// tender or an application with a reason and evidence, may freeze it (no state change of the subject
// until unfrozen: a database trigger refuses them, whichever code path asks; steps that change no
// state, such as bids before the deadline or scores, go on), asks the subject's
// owner questions (the tender's author, the applying department), who answers, and closes the case
// with a conclusion (which lifts any freeze). Every change commits with its audit entry.
//
// Who sees a case: supervisors, and the owner of its subject (to answer), who never sees the
// evidence (it may name whoever complained). Blocking: run on the
// worker pool. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/common/clock.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::monitoring {

struct CaseEvent {
  std::int64_t id = 0;
  std::string kind;  // opened, frozen, unfrozen, question, answer, closed
  std::string text;
  std::optional<std::int64_t> answers;  // for an answer: the question's event id
  std::string by;                       // public id
  common::Instant at;
  std::int64_t audit_index = 0;
};

struct CaseView {
  std::string id;            // "M-000001"
  std::string subject_type;  // tender, application
  std::string subject_id;
  std::string opened_by;
  std::string reason;
  std::string evidence;
  bool frozen = false;
  std::optional<std::string> conclusion;
  common::Instant opened_at;
  std::optional<common::Instant> closed_at;
  std::vector<CaseEvent> events;
};

inline constexpr std::size_t kMaxCaseText = 4000;

class MonitoringService {
 public:
  MonitoringService(db::Database& database, const common::Clock& clock);

  // validation_failed for an unknown subject type; not_found for an unknown (or draft) subject.
  common::Result<CaseView> open(const accounts::Principal& supervisor, const std::string& subject_type,
                                const std::string& subject_id, const std::string& reason, const std::string& evidence);
  common::Result<CaseView> freeze(const accounts::Principal& supervisor, const std::string& case_id, bool frozen,
                                  const std::string& reason);
  common::Result<CaseView> ask(const accounts::Principal& supervisor, const std::string& case_id,
                               const std::string& question);
  // The subject's owner answers a question of the case.
  common::Result<CaseView> answer(const accounts::Principal& owner, const std::string& case_id,
                                  std::int64_t question_id, const std::string& answer);
  common::Result<CaseView> close(const accounts::Principal& supervisor, const std::string& case_id,
                                 const std::string& conclusion);
  common::Result<CaseView> view(const accounts::Principal& reader, const std::string& case_id);
  // Supervisors: every case (open ones first); an owner: the cases on its subjects.
  common::Result<std::vector<CaseView>> list(const accounts::Principal& reader, bool open_only);

 private:
  db::Database& db_;
  const common::Clock& clock_;
  db::AuditLogWriter audit_;
};

}  // namespace gp::server::monitoring
