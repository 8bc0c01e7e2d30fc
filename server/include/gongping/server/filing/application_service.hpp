#pragma once
// ApplicationService: informatization project applications from the department's draft to the
// closed project (approvals/application_lifecycle.hpp for the states; DOMAIN.md "Informatization
// project filing"; issue 5).
//
// - A department drafts (version 1), attaches the proposal and the feasibility study, and submits.
//   A returned application comes back to it as a new draft version; every version is kept.
// - A reviewer of the data bureau takes each review step. Before the duplicate-and-compliance review
//   is passed, no compliance finding may block and every duplicate match at or above the threshold
//   needs a recorded resolution. Passing it draws the expert panel (as a tender's is drawn, from a
//   secret committed at submission and the step's audit leaf). Approving needs every seated expert's
//   review and an approved budget no larger than the requested one; filing issues the project code.
// - Procurement and construction start from the tender side (project_ledger.hpp); final acceptance
//   records the delivered system in the registry.
// Who may read: the department its own applications; reviewers and supervisors all; an expert the
// applications whose panel seats them (application_rows.hpp, may_read). The compliance findings and
// duplicate matches are for reviewers and supervisors only. Every step records who, when and why, commits with its
// audit entry, and counts toward the stage durations. Blocking: run on the worker pool. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/approvals/application_lifecycle.hpp"
#include "gongping/approvals/compliance.hpp"
#include "gongping/approvals/expert_review.hpp"
#include "gongping/approvals/stage_clock.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/common/money.hpp"
#include "gongping/common/random.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"
#include "gongping/server/filing/duplicate_corpus.hpp"

namespace gp::server::filing {

struct ApplicationRow;  // application_rows.hpp

// What the department writes: the fields of one version.
struct ApplicationDraft {
  std::string name;
  approvals::ProjectType type = approvals::ProjectType::build;
  common::Money requested_budget;
  std::string functions;
  std::vector<std::string> consumes;  // data resources the system will use
  std::vector<std::string> produces;  // data resources the system will produce
  approvals::Hosting hosting = approvals::Hosting::provincial_government_cloud;
  int security_level = 2;           // graded protection level (等级保护), 1 to 5
  std::string domestic_technology;  // how domestic (信创) technology is used
  std::string schedule_start;       // "YYYY-MM-DD"
  std::string schedule_end;
};

enum class AttachmentKind { proposal, feasibility_study, preliminary_design };
std::string_view to_string(AttachmentKind kind);
std::optional<AttachmentKind> parse_attachment_kind(std::string_view text);

struct AttachmentInfo {
  std::string kind;
  std::string media_type;
  std::string sha256;  // hex
  std::int64_t bytes = 0;
  common::Instant uploaded_at;
};

struct Attachment {
  AttachmentInfo info;
  std::string content;
};

struct StepRecord {
  std::string step;
  std::string from;
  std::string to;
  int version = 0;
  std::optional<std::string> actor;  // public id; none for the platform's own steps
  std::string reason;
  common::Instant at;
  std::int64_t audit_index = 0;
};

struct PanelSeat {
  std::string expert;
  int draw_position = 0;
  bool seated = false;
};

struct ExpertReview {
  std::string expert;
  approvals::ReviewScores scores;
  std::string opinion;
  common::Instant at;
};

struct ApplicationView {
  std::string id;  // "A-000012"
  std::string department;
  std::string department_account;
  approvals::ApplicationState state = approvals::ApplicationState::draft;
  int version = 1;
  std::vector<int> versions;  // every version, oldest first
  common::Instant state_since;
  std::optional<common::Instant> due;  // when the current stage falls due, if it has a limit
  bool overdue = false;
  ApplicationDraft current;
  std::vector<AttachmentInfo> attachments;  // of the current version
  std::optional<std::int64_t> approved_budget_fen;
  std::optional<std::string> project_code;
  std::vector<StepRecord> steps;  // every step of every version, oldest first
  // Of the current version. The department sees neither the panel nor the reviews, and the
  // summary only once the review is over; an expert sees their own review only, and no summary.
  std::vector<PanelSeat> panel;  // in draw order
  std::vector<ExpertReview> reviews;
  approvals::ReviewSummary review_summary;
  common::Instant created_at;
};

struct ApplicationSummary {
  std::string id;
  std::string department;
  std::string name;
  approvals::ApplicationState state = approvals::ApplicationState::draft;
  int version = 1;
  std::int64_t requested_budget_fen = 0;
  common::Instant state_since;
  std::optional<common::Instant> due;
  bool overdue = false;
  std::optional<std::string> project_code;
};

struct ApplicationQuery {
  std::optional<approvals::ApplicationState> state;
  bool overdue_only = false;
  std::size_t limit = 50;  // 1..500
  std::size_t offset = 0;
};

enum class Resolution { reuse, extend, justify };
std::string_view to_string(Resolution r);
std::optional<Resolution> parse_resolution(std::string_view text);

struct DuplicateResolution {
  Resolution resolution = Resolution::justify;
  std::string note;
  std::string reviewer;
  common::Instant at;
};

struct DuplicateMatchView {
  CorpusMatch match;
  bool needs_resolution = false;  // at or above the threshold
  std::optional<DuplicateResolution> resolution;
};

struct ChecksView {
  std::string application;
  int version = 1;
  std::vector<approvals::ComplianceFinding> findings;
  double threshold = 0;
  std::vector<DuplicateMatchView> matches;
  bool matches_truncated = false;  // more matches at or above the threshold than are listed
  bool blocked = false;            // a blocking finding, a match without its resolution, or too many matches
};

struct StepRequest {
  approvals::ApplicationEvent step = approvals::ApplicationEvent::submit;
  std::string reason;                            // required to return, reject and evaluate
  std::optional<common::Money> approved_budget;  // required to approve
};

struct StageReport {
  std::vector<approvals::StageDurations> stages;
  std::optional<common::Instant> from, to;  // the stays that ended in [from, to)
};

struct ServiceRules {
  approvals::StageLimits limits;
  double duplicate_threshold = 0.35;
  std::size_t panel_size = 5;
  std::string specialty = "informatization";
  std::string code_region = "GD";
};

inline constexpr std::size_t kMaxAttachmentBytes = 20 * 1024 * 1024;
inline constexpr std::size_t kMaxReasonBytes = 4000;

class ApplicationService {
 public:
  ApplicationService(db::Database& database, const common::Clock& clock, common::Random& random, ServiceRules rules);

  common::Result<ApplicationView> create(const accounts::Principal& department, const ApplicationDraft& draft);
  // Replaces the draft's fields; only while the application is a draft.
  common::Result<ApplicationView> update(const accounts::Principal& department, const std::string& id,
                                         const ApplicationDraft& draft);
  common::Result<AttachmentInfo> attach(const accounts::Principal& department, const std::string& id,
                                        AttachmentKind kind, const std::string& media_type, const std::string& content);
  // The attachment of `version` (the current one when nullopt).
  common::Result<Attachment> attachment(const accounts::Principal& reader, const std::string& id, AttachmentKind kind,
                                        std::optional<int> version);
  common::Result<ApplicationView> view(const accounts::Principal& reader, const std::string& id);
  // One earlier (or the current) version's fields.
  common::Result<ApplicationDraft> version(const accounts::Principal& reader, const std::string& id, int version);
  common::Result<std::vector<ApplicationSummary>> list(const accounts::Principal& reader, const ApplicationQuery& query,
                                                       std::int64_t* total);
  common::Result<ApplicationView> take_step(const accounts::Principal& actor, const std::string& id,
                                            const StepRequest& request);

  // The compliance findings and duplicate matches of the current version (application_checks.cpp).
  common::Result<ChecksView> checks(const accounts::Principal& reader, const std::string& id);
  common::Result<ChecksView> resolve(const accounts::Principal& reviewer, const std::string& id,
                                     const std::string& match_id, Resolution resolution, const std::string& note);

  // A seated expert's review of the current version (application_review.cpp).
  common::Result<ApplicationView> review(const accounts::Principal& expert, const std::string& id,
                                         const approvals::ReviewScores& scores, const std::string& opinion);

  // Median and p90 time per stage, over the stays that ended in [from, to); a stay still running
  // counts once it ends (stage_report.cpp).
  common::Result<StageReport> stage_report(std::optional<common::Instant> from, std::optional<common::Instant> to);

  const ServiceRules& rules() const { return rules_; }

 private:
  ApplicationView build_view(soci::session& sql, const ApplicationRow& app, const accounts::Principal& reader);
  ChecksView compute_checks(soci::session& sql, const ApplicationRow& app);
  // Seats the review panel of the current version; application_transition_refused when the pool is short.
  common::Result<void> draw_review_panel(soci::session& sql, const ApplicationRow& app,
                                         const accounts::Principal& reviewer, const audit::AuditEntry& step_entry);
  common::Result<void> check_step(soci::session& sql, const ApplicationRow& app, const StepRequest& request);

  db::Database& db_;
  const common::Clock& clock_;
  common::Random& random_;
  ServiceRules rules_;
  db::AuditLogWriter audit_;
  DuplicateCorpus corpus_;
};

}  // namespace gp::server::filing
