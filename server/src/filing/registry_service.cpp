#include "gongping/server/filing/registry_service.hpp"

#include <algorithm>
#include <array>

#include "gongping/common/enum_names.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/sql_arrays.hpp"
#include "gongping/server/db/sql_time.hpp"

namespace gp::server::filing {
namespace {

using common::ErrorCode;
using common::make_error;

constexpr std::array<std::string_view, 7> kFrequencies = {"realtime",  "daily",  "weekly",   "monthly",
                                                          "quarterly", "yearly", "on_change"};

std::string system_audit_data(const SystemView& v) {
  common::JsonWriter w;
  w.begin_object().key("owner_department").value(v.system.owner_department).key("name").value(v.system.name);
  w.key("functions").value(v.system.functions).key("data_resources").string_array(v.system.data_resources);
  w.key("hosting").value(approvals::to_string(v.system.hosting));
  w.key("status").value(approvals::to_string(v.system.status)).key("project_code").value_or_null(v.project_code);
  w.end_object();
  return w.take();
}

// Appends the audit entry of a system just written (row `id`) and records its index on the row. The
// row is written first, so the audit log's head is locked only for the tail of the transaction.
void audit_system_change(soci::session& sql, const db::AuditLogWriter& audit, const audit::Actor& actor,
                         const std::string& action, long long id, const SystemView& v) {
  auto e = audit::make_entry(actor, action, {"system", v.id}, system_audit_data(v));
  audit.append(sql, e);
  const long long index = e.index;
  sql << "UPDATE registry_systems SET audit_index = :i WHERE id = :id", soci::use(index), soci::use(id);
}

SystemView system_from_row(const soci::row& r) {
  SystemView v;
  v.id = accounts::format_public_id('S', r.get<long long>(0));
  v.system.owner_department = r.get<std::string>(1);
  v.system.name = r.get<std::string>(2);
  v.system.functions = r.get<std::string>(3);
  v.system.data_resources = db::parse_pg_text_array(r.get<std::string>(4));
  v.system.hosting = approvals::parse_hosting(r.get<std::string>(5)).value_or(approvals::Hosting::other_cloud);
  v.system.status = approvals::parse_system_status(r.get<std::string>(6)).value_or(approvals::SystemStatus::in_use);
  if (r.get_indicator(7) == soci::i_ok) v.project_code = r.get<std::string>(7);
  v.recorded_at = common::Instant::from_unix_micros(r.get<long long>(8));
  return v;
}

const std::string kSystemColumns =
    "id, owner_department, name, functions, data_resources::text, hosting, status, "
    "project_code, " +
    db::sql_micros("recorded_at");

ResourceView resource_from_row(const soci::row& r) {
  ResourceView v;
  v.id = accounts::format_public_id('R', r.get<long long>(0));
  v.resource.name = r.get<std::string>(1);
  v.resource.owner_department = r.get<std::string>(2);
  v.resource.fields = db::parse_pg_text_array(r.get<std::string>(3));
  v.resource.update_frequency = parse_update_frequency(r.get<std::string>(4)).value_or(UpdateFrequency::daily);
  v.resource.sharing =
      approvals::parse_sharing_type(r.get<std::string>(5)).value_or(approvals::SharingType::not_shared);
  v.resource.reason = r.get<std::string>(6);
  v.recorded_at = common::Instant::from_unix_micros(r.get<long long>(7));
  return v;
}

}  // namespace

std::string_view to_string(UpdateFrequency frequency) { return common::enum_name(kFrequencies, frequency); }

std::optional<UpdateFrequency> parse_update_frequency(std::string_view text) {
  return common::enum_from_name<UpdateFrequency>(kFrequencies, text);
}

std::optional<SystemView> record_system(soci::session& sql, const db::AuditLogWriter& audit, const audit::Actor& actor,
                                        const approvals::RegistrySystem& system,
                                        const std::optional<std::string>& project_code, common::Instant now) {
  long long id = 0;
  const std::string resources = db::pg_text_array(system.data_resources);
  const std::string hosting(approvals::to_string(system.hosting)), status(approvals::to_string(system.status));
  std::string code = project_code.value_or("");
  soci::indicator code_ind = project_code ? soci::i_ok : soci::i_null;
  const long long at = now.unix_micros();
  soci::indicator id_ind = soci::i_null;
  // The audit index is filled in after the entry is appended; -1 marks the row until then.
  sql << "INSERT INTO registry_systems (owner_department, name, functions, data_resources, hosting, status, "
         "project_code, recorded_at, audit_index) VALUES (:d, :n, :f, CAST(:r AS text[]), :h, :s, :c, " +
             db::sql_instant(":at") + ", -1) ON CONFLICT (owner_department, name) DO NOTHING RETURNING id",
      soci::use(system.owner_department), soci::use(system.name), soci::use(system.functions), soci::use(resources),
      soci::use(hosting), soci::use(status), soci::use(code, code_ind), soci::use(at), soci::into(id, id_ind);
  if (!sql.got_data() || id_ind != soci::i_ok) return std::nullopt;
  SystemView v{accounts::format_public_id('S', id), system, project_code, now};
  audit_system_change(sql, audit, actor, "registry.system_recorded", id, v);
  return v;
}

SystemView record_delivered_system(soci::session& sql, const db::AuditLogWriter& audit, const audit::Actor& actor,
                                   const approvals::RegistrySystem& system, const std::string& project_code,
                                   common::Instant now) {
  if (auto added = record_system(sql, audit, actor, system, project_code, now)) return *added;
  const std::string resources = db::pg_text_array(system.data_resources);
  const std::string hosting(approvals::to_string(system.hosting)), status(approvals::to_string(system.status));
  const long long at = now.unix_micros();
  long long id = 0;
  sql << "UPDATE registry_systems SET functions = :f, data_resources = CAST(:r AS text[]), hosting = :h, "
         "status = :s, project_code = :c, recorded_at = " +
             db::sql_instant(":at") + " WHERE owner_department = :d AND name = :n RETURNING id",
      soci::use(system.functions, "f"), soci::use(resources, "r"), soci::use(hosting, "h"), soci::use(status, "s"),
      soci::use(project_code, "c"), soci::use(at, "at"), soci::use(system.owner_department, "d"),
      soci::use(system.name, "n"), soci::into(id);
  SystemView v{accounts::format_public_id('S', id), system, project_code, now};
  audit_system_change(sql, audit, actor, "registry.system_updated", id, v);
  return v;
}

std::vector<approvals::CatalogueEntry> load_catalogue(soci::session& sql) {
  std::vector<approvals::CatalogueEntry> catalogue;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT name, sharing, reason FROM catalogue_resources ORDER BY id");
  for (const auto& r : rows) {
    catalogue.push_back(
        {r.get<std::string>(0),
         approvals::parse_sharing_type(r.get<std::string>(1)).value_or(approvals::SharingType::not_shared),
         r.get<std::string>(2)});
  }
  return catalogue;
}

RegistryService::RegistryService(db::Database& database, const common::Clock& clock)
    : db_(database), clock_(clock), audit_(clock) {}

common::Result<SystemView> RegistryService::add_system(const audit::Actor& actor,
                                                       const approvals::RegistrySystem& system) {
  return db_.run<SystemView>([&](soci::session& sql) -> common::Result<SystemView> {
    soci::transaction tx(sql);
    auto v = record_system(sql, audit_, actor, system, std::nullopt, clock_.now());
    if (!v) {
      return make_error(ErrorCode::conflict,
                        system.owner_department + " already registered a system named \"" + system.name + "\".");
    }
    tx.commit();
    return *v;
  });
}

common::Result<ImportOutcome> RegistryService::import_systems(const audit::Actor& actor,
                                                              const approvals::ImportReport& report) {
  ImportOutcome outcome;
  outcome.rejected = report.rejected;
  for (std::size_t first = 0; first < report.accepted.size(); first += kImportChunk) {
    const std::size_t last = std::min(report.accepted.size(), first + kImportChunk);
    auto chunk = db_.run<ImportOutcome>([&](soci::session& sql) -> common::Result<ImportOutcome> {
      soci::transaction tx(sql);
      ImportOutcome done;
      const auto now = clock_.now();
      for (std::size_t i = first; i < last; ++i) {
        const auto& [row, system] = report.accepted[i];
        if (record_system(sql, audit_, actor, system, std::nullopt, now)) {
          ++done.imported;
        } else {
          done.rejected.push_back(
              {row,
               {{"name", system.owner_department + " already registered a system named \"" + system.name + "\""}}});
        }
      }
      tx.commit();
      return done;
    });
    if (!chunk) return chunk.error();
    outcome.imported += chunk.value().imported;
    outcome.rejected.insert(outcome.rejected.end(), chunk.value().rejected.begin(), chunk.value().rejected.end());
  }
  return outcome;
}

common::Result<SystemPage> RegistryService::systems(const SystemQuery& query) {
  return db_.run<SystemPage>([&](soci::session& sql) -> common::Result<SystemPage> {
    SystemPage page;
    // The search text is matched literally: LIKE's wildcards in it are escaped.
    std::string pattern = "%";
    for (const char c : query.text) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += '%';
    const long long limit = static_cast<long long>(query.limit), offset = static_cast<long long>(query.offset);
    const std::string where =
        " FROM registry_systems WHERE name LIKE :p OR owner_department LIKE :p2 OR functions LIKE :p3";
    long long total = 0;
    sql << "SELECT count(*)" + where, soci::use(pattern, "p"), soci::use(pattern, "p2"), soci::use(pattern, "p3"),
        soci::into(total);
    page.total = total;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " + kSystemColumns + where + " ORDER BY id LIMIT :l OFFSET :o", soci::use(pattern, "p"),
         soci::use(pattern, "p2"), soci::use(pattern, "p3"), soci::use(limit, "l"), soci::use(offset, "o"));
    for (const auto& r : rows) page.systems.push_back(system_from_row(r));
    return page;
  });
}

common::Result<ResourceView> RegistryService::add_resource(const audit::Actor& actor,
                                                           const CatalogueResource& resource) {
  if (resource.sharing != approvals::SharingType::unconditional && resource.reason.empty()) {
    return common::Error::validation({{"reason", "is required when the resource is not shared unconditionally"}});
  }
  return db_.run<ResourceView>([&](soci::session& sql) -> common::Result<ResourceView> {
    soci::transaction tx(sql);
    const auto now = clock_.now();
    const long long at = now.unix_micros();
    const std::string fields = db::pg_text_array(resource.fields);
    const std::string frequency(to_string(resource.update_frequency)), sharing(approvals::to_string(resource.sharing));
    long long id = 0;
    soci::indicator id_ind = soci::i_null;
    sql << "INSERT INTO catalogue_resources (name, owner_department, fields, update_frequency, sharing, reason, "
           "recorded_at, audit_index) VALUES (:n, :d, CAST(:f AS text[]), :u, :s, :r, " +
               db::sql_instant(":at") + ", -1) ON CONFLICT (name) DO NOTHING RETURNING id",
        soci::use(resource.name), soci::use(resource.owner_department), soci::use(fields), soci::use(frequency),
        soci::use(sharing), soci::use(resource.reason), soci::use(at), soci::into(id, id_ind);
    if (!sql.got_data() || id_ind != soci::i_ok) {
      return make_error(ErrorCode::conflict, "The catalogue already holds a resource named \"" + resource.name + "\".");
    }
    ResourceView v{accounts::format_public_id('R', id), resource, now};
    common::JsonWriter data;
    data.begin_object().key("name").value(resource.name).key("owner_department").value(resource.owner_department);
    data.key("fields")
        .string_array(resource.fields)
        .key("update_frequency")
        .value(frequency)
        .key("sharing")
        .value(sharing);
    data.key("reason").value(resource.reason).end_object();
    auto e = audit::make_entry(actor, "catalogue.resource_recorded", {"resource", v.id}, data.take());
    audit_.append(sql, e);
    const long long index = e.index;
    sql << "UPDATE catalogue_resources SET audit_index = :i WHERE id = :id", soci::use(index), soci::use(id);
    tx.commit();
    return v;
  });
}

common::Result<std::vector<ResourceView>> RegistryService::resources() {
  return db_.run<std::vector<ResourceView>>([&](soci::session& sql) -> common::Result<std::vector<ResourceView>> {
    std::vector<ResourceView> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, name, owner_department, fields::text, update_frequency, sharing, reason, " +
                            db::sql_micros("recorded_at") + " FROM catalogue_resources ORDER BY id");
    for (const auto& r : rows) out.push_back(resource_from_row(r));
    return out;
  });
}

}  // namespace gp::server::filing
