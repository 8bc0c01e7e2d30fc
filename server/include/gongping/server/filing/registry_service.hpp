#pragma once
// RegistryService: the system registry (every existing government information system) and the data
// catalogue (every data resource, with its sharing type), which the review of informatization
// applications checks against (issue 5, "What it holds").
//
// - Systems are added one by one through the API, imported in bulk from a file (`gongping registry
//   import`), or recorded at a project's final acceptance (record_system, inside that transaction).
//   A system is known by its department and name: a second one with both is refused.
// - Catalogue resources are known by their name.
// Reviewers and admins write; every signed-in member of the government side reads. Every addition
// commits with its audit entry. Blocking: run on the worker pool. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "gongping/approvals/compliance.hpp"
#include "gongping/approvals/registry_import.hpp"
#include "gongping/audit/audit_entry.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::filing {

struct SystemView {
  std::string id;  // "S-000123"
  approvals::RegistrySystem system;
  std::optional<std::string> project_code;
  common::Instant recorded_at;
};

enum class UpdateFrequency { realtime, daily, weekly, monthly, quarterly, yearly, on_change };
std::string_view to_string(UpdateFrequency frequency);
std::optional<UpdateFrequency> parse_update_frequency(std::string_view text);

struct CatalogueResource {
  std::string name;
  std::string owner_department;
  std::vector<std::string> fields;
  UpdateFrequency update_frequency = UpdateFrequency::daily;
  approvals::SharingType sharing = approvals::SharingType::unconditional;
  std::string reason;  // required unless unconditional
};

struct ResourceView {
  std::string id;  // "R-000017"
  CatalogueResource resource;
  common::Instant recorded_at;
};

struct SystemQuery {
  std::string text;        // a part of the name, the department or the functions; empty: all
  std::size_t limit = 50;  // 1..500
  std::size_t offset = 0;
};

struct SystemPage {
  std::vector<SystemView> systems;
  std::int64_t total = 0;
};

struct ImportOutcome {
  std::size_t imported = 0;
  std::vector<approvals::RejectedRow> rejected;  // the file's own rejections, then systems already registered
};

inline constexpr std::size_t kImportChunk = 200;

class RegistryService {
 public:
  RegistryService(db::Database& database, const common::Clock& clock);

  // conflict when the department already registered a system of that name.
  common::Result<SystemView> add_system(const audit::Actor& actor, const approvals::RegistrySystem& system);
  // Records every accepted row of `report`, in transactions of kImportChunk rows so that the audit
  // log is never held for long (a row naming a registered system is reported as rejected, the rest
  // still land); the file's rejections are passed on. A failure part way leaves the chunks before it.
  common::Result<ImportOutcome> import_systems(const audit::Actor& actor, const approvals::ImportReport& report);
  common::Result<SystemPage> systems(const SystemQuery& query);

  // conflict when the name is taken; validation_failed for a restricted resource without a reason.
  common::Result<ResourceView> add_resource(const audit::Actor& actor, const CatalogueResource& resource);
  common::Result<std::vector<ResourceView>> resources();

 private:
  db::Database& db_;
  const common::Clock& clock_;
  db::AuditLogWriter audit_;
};

// Inside the caller's transaction: records `system` with its audit entry; nullopt (and nothing
// written) when the department already registered a system of that name.
std::optional<SystemView> record_system(soci::session& sql, const db::AuditLogWriter& audit, const audit::Actor& actor,
                                        const approvals::RegistrySystem& system,
                                        const std::optional<std::string>& project_code, common::Instant now);

// Inside the caller's transaction, at a project's final acceptance: records the delivered system,
// or updates the department's system of that name (the one the project rebuilt), with its audit
// entry ("registry.system_recorded" or "registry.system_updated").
SystemView record_delivered_system(soci::session& sql, const db::AuditLogWriter& audit, const audit::Actor& actor,
                                   const approvals::RegistrySystem& system, const std::string& project_code,
                                   common::Instant now);

// The whole catalogue as the compliance check reads it.
std::vector<approvals::CatalogueEntry> load_catalogue(soci::session& sql);

}  // namespace gp::server::filing
