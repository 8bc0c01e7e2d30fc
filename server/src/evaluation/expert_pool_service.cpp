#include "gongping/server/evaluation/expert_pool_service.hpp"

#include <algorithm>

#include "gongping/common/json_writer.hpp"
#include "gongping/server/db/sql_arrays.hpp"
#include "gongping/server/db/sql_time.hpp"

namespace gp::server::evaluation {
namespace {

using common::ErrorCode;
using common::make_error;

constexpr std::array<std::string_view, 3> kInterestKinds = {"relative", "stake", "other"};

// The expert's account row, or not_found unless the id names an expert's account.
common::Result<long long> expert_row(soci::session& sql, const std::string& public_id) {
  const auto row = accounts::parse_public_id('U', public_id);
  if (!row) return make_error(ErrorCode::not_found, "No expert " + public_id + ".");
  const long long id = *row;
  std::string role;
  sql << "SELECT role FROM accounts WHERE id = :id", soci::use(id), soci::into(role);
  if (!sql.got_data() || role != "expert") return make_error(ErrorCode::not_found, "No expert " + public_id + ".");
  return id;
}

ExpertProfile read_profile(soci::session& sql, long long account, const std::string& public_id) {
  ExpertProfile p;
  p.expert = public_id;
  std::string specialties;
  long long updated = 0;
  sql << "SELECT specialties::text, " + db::sql_micros("updated_at") + " FROM expert_profiles WHERE account_id = :a",
      soci::use(account), soci::into(specialties), soci::into(updated);
  if (!sql.got_data()) return p;
  p.specialties = db::parse_pg_text_array(specialties);
  p.updated_at = common::Instant::from_unix_micros(updated);
  soci::rowset<soci::row> jobs =
      (sql.prepare << "SELECT enterprise_id, " + db::sql_micros("started_at") + ", " + db::sql_micros("ended_at") +
                          " FROM expert_employments WHERE account_id = :a "
                          "ORDER BY started_at, enterprise_id",
       soci::use(account));
  for (const auto& r : jobs) {
    matching::Employment job{accounts::enterprise_public_id(r.get<long long>(0)),
                             common::Instant::from_unix_micros(r.get<long long>(1)), std::nullopt};
    if (r.get_indicator(2) == soci::i_ok) job.until = common::Instant::from_unix_micros(r.get<long long>(2));
    p.employments.push_back(job);
  }
  soci::rowset<soci::row> interests =
      (sql.prepare << "SELECT enterprise_id, kind FROM expert_interests WHERE account_id = :a ORDER BY enterprise_id",
       soci::use(account));
  for (const auto& r : interests) {
    p.interests.push_back({accounts::enterprise_public_id(r.get<long long>(0)),
                           parse_interest_kind(r.get<std::string>(1)).value_or(InterestKind::other)});
  }
  soci::rowset<soci::row> departments =
      (sql.prepare << "SELECT department FROM expert_departments WHERE account_id = :a ORDER BY department",
       soci::use(account));
  for (const auto& r : departments) p.departments.push_back(r.get<std::string>(0));
  return p;
}

// The enterprise's row, or validation_failed naming the field.
common::Result<long long> enterprise_row(soci::session& sql, const std::string& public_id, const std::string& field) {
  const auto row = accounts::parse_public_id('E', public_id);
  long long found = 0;
  if (row) {
    const long long id = *row;
    sql << "SELECT id FROM enterprises WHERE id = :id", soci::use(id), soci::into(found);
  }
  if (!row || !sql.got_data()) return common::Error::validation({{field, "no registered enterprise " + public_id}});
  return found;
}

}  // namespace

std::string_view to_string(InterestKind kind) { return kInterestKinds[static_cast<std::size_t>(kind)]; }

std::string expert_profile_json(const ExpertProfile& p) {
  common::JsonWriter w;
  w.begin_object().key("expert").value(p.expert).key("specialties").begin_array();
  for (const auto& s : p.specialties) w.value(s);
  w.end_array().key("employments").begin_array();
  for (const auto& e : p.employments) {
    w.begin_object().key("enterprise").value(e.enterprise).key("from").value(e.from.to_rfc3339());
    w.key("until").value_or_null(e.until).end_object();
  }
  w.end_array().key("interests").begin_array();
  for (const auto& i : p.interests) {
    w.begin_object().key("enterprise").value(i.enterprise).key("kind").value(to_string(i.kind)).end_object();
  }
  w.end_array().key("departments").begin_array();
  for (const auto& d : p.departments) w.value(d);
  w.end_array().key("updated_at").value_or_null(p.updated_at).end_object();
  return w.take();
}

std::optional<InterestKind> parse_interest_kind(std::string_view text) {
  for (std::size_t i = 0; i < kInterestKinds.size(); ++i) {
    if (kInterestKinds[i] == text) return static_cast<InterestKind>(i);
  }
  return std::nullopt;
}

ExpertPoolService::ExpertPoolService(db::Database& database, const common::Clock& clock)
    : db_(database), clock_(clock), audit_(clock) {}

common::Result<ExpertProfile> ExpertPoolService::put_profile(const accounts::Principal& actor,
                                                             const ExpertProfile& profile) {
  if (actor.role == common::Role::expert && actor.public_id != profile.expert) {
    return make_error(ErrorCode::not_found, "No expert " + profile.expert + " whose profile you keep.");
  }
  return db_.run<ExpertProfile>([&](soci::session& sql) -> common::Result<ExpertProfile> {
    soci::transaction tx(sql);
    auto account = expert_row(sql, profile.expert);
    if (!account) return account.error();
    const long long id = account.value();
    std::vector<long long> employers, interest_enterprises;
    for (std::size_t i = 0; i < profile.employments.size(); ++i) {
      auto row =
          enterprise_row(sql, profile.employments[i].enterprise, "employments[" + std::to_string(i) + "].enterprise");
      if (!row) return row.error();
      employers.push_back(row.value());
    }
    for (std::size_t i = 0; i < profile.interests.size(); ++i) {
      auto row =
          enterprise_row(sql, profile.interests[i].enterprise, "interests[" + std::to_string(i) + "].enterprise");
      if (!row) return row.error();
      if (std::count(interest_enterprises.begin(), interest_enterprises.end(), row.value()) > 0) {
        return common::Error::validation({{"interests[" + std::to_string(i) + "].enterprise",
                                           "lists " + profile.interests[i].enterprise + " twice"}});
      }
      interest_enterprises.push_back(row.value());
    }
    const long long now = clock_.now().unix_micros();
    const std::string specialties = db::pg_text_array(profile.specialties);
    sql << "INSERT INTO expert_profiles (account_id, specialties, updated_at) VALUES (:a, CAST(:s AS text[]), " +
               db::sql_instant(":at") +
               ") ON CONFLICT (account_id) DO UPDATE SET specialties = EXCLUDED.specialties, "
               "updated_at = EXCLUDED.updated_at",
        soci::use(id), soci::use(specialties), soci::use(now);
    sql << "DELETE FROM expert_employments WHERE account_id = :a", soci::use(id);
    sql << "DELETE FROM expert_interests WHERE account_id = :a", soci::use(id);
    sql << "DELETE FROM expert_departments WHERE account_id = :a", soci::use(id);
    for (const auto& department : profile.departments) {
      sql << "INSERT INTO expert_departments (account_id, department) VALUES (:a, :d) ON CONFLICT DO NOTHING",
          soci::use(id), soci::use(department);
    }
    for (std::size_t i = 0; i < profile.employments.size(); ++i) {
      const auto& job = profile.employments[i];
      const long long enterprise = employers[i];
      const long long from = job.from.unix_micros();
      long long until = job.until ? job.until->unix_micros() : 0;
      soci::indicator until_set = job.until ? soci::i_ok : soci::i_null;
      sql << "INSERT INTO expert_employments (account_id, enterprise_id, started_at, ended_at) VALUES (:a, :e, " +
                 db::sql_instant(":f") + ", " + db::sql_instant(":u") + ")",
          soci::use(id), soci::use(enterprise), soci::use(from), soci::use(until, until_set);
    }
    for (std::size_t i = 0; i < profile.interests.size(); ++i) {
      const long long enterprise = interest_enterprises[i];
      const std::string kind(to_string(profile.interests[i].kind));
      sql << "INSERT INTO expert_interests (account_id, enterprise_id, kind) VALUES (:a, :e, :k)", soci::use(id),
          soci::use(enterprise), soci::use(kind);
    }
    auto stored = read_profile(sql, id, profile.expert);
    auto e = audit::make_entry(actor.actor(), "expert.profile_updated", {"account", profile.expert},
                               expert_profile_json(stored));
    audit_.append(sql, e);
    tx.commit();
    return stored;
  });
}

common::Result<ExpertProfile> ExpertPoolService::profile(const accounts::Principal& reader,
                                                         const std::string& expert_id) {
  if (reader.role == common::Role::expert && reader.public_id != expert_id) {
    return make_error(ErrorCode::not_found, "No expert " + expert_id + " whose profile you may read.");
  }
  return db_.run<ExpertProfile>([&](soci::session& sql) -> common::Result<ExpertProfile> {
    auto account = expert_row(sql, expert_id);
    if (!account) return account.error();
    return read_profile(sql, account.value(), expert_id);
  });
}

std::vector<matching::PoolExpert> load_pool(soci::session& sql) {
  std::vector<matching::PoolExpert> pool;
  std::vector<long long> rows;
  soci::rowset<soci::row> experts = (sql.prepare << "SELECT a.id FROM accounts a JOIN expert_profiles p ON "
                                                    "p.account_id = a.id WHERE a.role = 'expert' AND "
                                                    "a.disabled_at IS NULL ORDER BY a.id");
  for (const auto& r : experts) rows.push_back(r.get<long long>(0));
  for (const auto row : rows) {
    const auto profile = read_profile(sql, row, accounts::staff_public_id(row));
    matching::PoolExpert expert{profile.expert, profile.specialties, profile.employments, {}};
    for (const auto& i : profile.interests) expert.related_enterprises.push_back(i.enterprise);
    pool.push_back(std::move(expert));
  }
  return pool;
}

std::vector<approvals::ReviewCandidate> load_review_candidates(soci::session& sql) {
  std::vector<approvals::ReviewCandidate> candidates;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT a.id, p.specialties::text, COALESCE((SELECT array_agg(d.department ORDER BY "
                      "d.department) FROM expert_departments d WHERE d.account_id = a.id), '{}')::text "
                      "FROM accounts a JOIN expert_profiles p ON p.account_id = a.id "
                      "WHERE a.role = 'expert' AND a.disabled_at IS NULL ORDER BY a.id");
  for (const auto& r : rows) {
    candidates.push_back({accounts::staff_public_id(r.get<long long>(0)),
                          db::parse_pg_text_array(r.get<std::string>(1)),
                          db::parse_pg_text_array(r.get<std::string>(2))});
  }
  return candidates;
}

}  // namespace gp::server::evaluation
