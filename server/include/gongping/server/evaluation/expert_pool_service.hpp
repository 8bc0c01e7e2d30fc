#pragma once
// ExpertPoolService: the expert pool (DOMAIN.md "Expert panel"): each expert's specialties, the
// enterprises they worked for, directed or controlled (with dates), and the interests they declared
// (a relative as legal representative, a stake, another interest). The panel draw reads the pool to
// seat only experts of the right specialty and without a conflict.
//
// An admin keeps any expert's profile; an expert keeps their own. Officials and supervisors read
// profiles. Every change commits with its audit entry (the whole new profile, so that a supervisor
// can see what the pool looked like at any draw). Blocking: run on the worker pool. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "gongping/approvals/expert_review.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/common/result.hpp"
#include "gongping/matching/panel_draw.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::evaluation {

enum class InterestKind { relative, stake, other };
std::string_view to_string(InterestKind kind);
std::optional<InterestKind> parse_interest_kind(std::string_view text);

struct DeclaredInterest {
  std::string enterprise;  // public id
  InterestKind kind = InterestKind::other;
};

struct ExpertProfile {
  std::string expert;  // public account id
  std::vector<std::string> specialties;
  std::vector<matching::Employment> employments;  // enterprise public ids
  std::vector<DeclaredInterest> interests;
  // Government departments the expert works or worked for: never on their application reviews.
  std::vector<std::string> departments;
  std::optional<common::Instant> updated_at;  // none: never set
};

// The profile as the API shows it and the audit log records it.
std::string expert_profile_json(const ExpertProfile& profile);

inline constexpr std::size_t kMaxSpecialties = 16;
inline constexpr std::size_t kMaxEmployments = 64;
inline constexpr std::size_t kMaxInterests = 64;
inline constexpr std::size_t kMaxDepartments = 16;

class ExpertPoolService {
 public:
  ExpertPoolService(db::Database& database, const common::Clock& clock);

  // Replaces the profile. not_found for an id that is not an expert's account, and for an expert
  // naming someone else (the role may call the route, but not for that account); validation_failed
  // naming an unknown enterprise.
  common::Result<ExpertProfile> put_profile(const accounts::Principal& actor, const ExpertProfile& profile);
  common::Result<ExpertProfile> profile(const accounts::Principal& reader, const std::string& expert_id);

 private:
  db::Database& db_;
  const common::Clock& clock_;
  db::AuditLogWriter audit_;
};

// Every enabled expert account with a profile, inside the caller's session (for the draw).
std::vector<matching::PoolExpert> load_pool(soci::session& sql);
// The same experts as the review of informatization applications sees them.
std::vector<approvals::ReviewCandidate> load_review_candidates(soci::session& sql);

}  // namespace gp::server::evaluation
