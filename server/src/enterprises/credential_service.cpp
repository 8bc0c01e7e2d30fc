#include "gongping/server/enterprises/credential_service.hpp"

#include "gongping/common/json_writer.hpp"
#include "gongping/server/db/sql_time.hpp"

namespace gp::server::enterprises {
namespace {

const std::string kColumns = "id, category, kind, title, number, " + db::sql_micros("valid_until") + ", " +
                             db::sql_micros("created_at") + ", (revoked_at IS NOT NULL)::int";

CredentialView view_from(const soci::row& r) {
  CredentialView v;
  auto& c = v.credential;
  c.id = credential_public_id(r.get<long long>(0));
  c.category =
      bidding::parse_credential_category(r.get<std::string>(1)).value_or(bidding::CredentialCategory::qualification);
  c.kind = r.get<std::string>(2);
  c.title = r.get<std::string>(3);
  v.number = r.get<std::string>(4);
  if (r.get_indicator(5) == soci::i_ok) c.valid_until = common::Instant::from_unix_micros(r.get<long long>(5));
  v.created_at = common::Instant::from_unix_micros(r.get<long long>(6));
  c.revoked = r.get<int>(7) != 0;
  return v;
}

}  // namespace

std::string credential_public_id(std::int64_t id) { return accounts::format_public_id('C', id); }

common::Result<std::vector<std::pair<std::int64_t, bidding::Credential>>> load_own_credentials(
    soci::session& sql, std::int64_t enterprise_id, const std::vector<std::string>& public_ids) {
  std::vector<std::pair<std::int64_t, bidding::Credential>> out;
  std::vector<common::FieldError> broken;
  const long long enterprise = enterprise_id;
  for (const auto& pid : public_ids) {
    const auto id = accounts::parse_public_id('C', pid);
    soci::row r;
    long long row_id = id.value_or(-1);
    if (id) {
      sql << "SELECT " + kColumns + " FROM enterprise_credentials WHERE id = :id AND enterprise_id = :e",
          soci::use(row_id), soci::use(enterprise), soci::into(r);
    }
    if (!id || !sql.got_data()) {
      broken.push_back({"credentials", pid.substr(0, 32) + " is not a credential in your vault"});
      continue;
    }
    out.emplace_back(row_id, view_from(r).credential);
  }
  if (!broken.empty()) return common::Error::validation(std::move(broken));
  return out;
}

CredentialService::CredentialService(db::Database& database, const common::Clock& clock)
    : db_(database), clock_(clock), audit_(clock) {}

common::Result<CredentialView> CredentialService::add(const accounts::Principal& owner, const NewCredential& n) {
  const auto now = clock_.now();
  if (auto ok = bidding::validate_new_credential(n.credential, now); !ok) return ok.error();
  return db_.run<CredentialView>([&](soci::session& sql) -> common::Result<CredentialView> {
    soci::transaction tx(sql);
    const long long enterprise = owner.enterprise_id.value_or(0);
    const std::string category(bidding::to_string(n.credential.category));
    const long long until = n.credential.valid_until ? n.credential.valid_until->unix_micros() : 0;
    soci::indicator until_ind = n.credential.valid_until ? soci::i_ok : soci::i_null;
    const long long at = now.unix_micros();
    long long id = 0;
    sql << "INSERT INTO enterprise_credentials (enterprise_id, category, kind, title, number, valid_until, "
           "created_at) VALUES (:e, :c, :k, :t, :n, " +
               db::sql_instant(":u") + ", " + db::sql_instant(":at") + ") RETURNING id",
        soci::use(enterprise), soci::use(category), soci::use(n.credential.kind), soci::use(n.credential.title),
        soci::use(n.number), soci::use(until, until_ind), soci::use(at), soci::into(id);
    common::JsonWriter data;
    data.begin_object()
        .key("credential_id")
        .value(credential_public_id(id))
        .key("kind")
        .value(n.credential.kind)
        .end_object();
    auto e = audit::make_entry(owner.actor(), "credential.added", {"enterprise", owner.public_id}, data.take());
    audit_.append(sql, e);
    soci::row r;
    sql << "SELECT " + kColumns + " FROM enterprise_credentials WHERE id = :id", soci::use(id), soci::into(r);
    auto view = view_from(r);
    tx.commit();
    return view;
  });
}

common::Result<std::vector<CredentialView>> CredentialService::list(const accounts::Principal& owner) {
  return db_.run<std::vector<CredentialView>>([&](soci::session& sql) -> common::Result<std::vector<CredentialView>> {
    const long long enterprise = owner.enterprise_id.value_or(0);
    std::vector<CredentialView> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " + kColumns + " FROM enterprise_credentials WHERE enterprise_id = :e ORDER BY id",
         soci::use(enterprise));
    for (const auto& r : rows) out.push_back(view_from(r));
    return out;
  });
}

common::Result<void> CredentialService::withdraw(const accounts::Principal& owner, const std::string& credential_id) {
  const auto id = accounts::parse_public_id('C', credential_id);
  if (!id) return common::make_error(common::ErrorCode::not_found, "No such credential in your vault.");
  return db_.run<void>([&](soci::session& sql) -> common::Result<void> {
    soci::transaction tx(sql);
    const long long row = *id;
    const long long enterprise = owner.enterprise_id.value_or(0);
    const long long at = clock_.now().unix_micros();
    soci::statement st = (sql.prepare << "UPDATE enterprise_credentials SET revoked_at = " + db::sql_instant(":at") +
                                             " WHERE id = :id AND enterprise_id = :e AND revoked_at IS NULL",
                          soci::use(at), soci::use(row), soci::use(enterprise));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return common::make_error(common::ErrorCode::not_found, "No such credential in your vault.");
    }
    common::JsonWriter data;
    data.begin_object().key("credential_id").value(credential_id).end_object();
    auto e = audit::make_entry(owner.actor(), "credential.withdrawn", {"enterprise", owner.public_id}, data.take());
    audit_.append(sql, e);
    tx.commit();
    return common::Ok{};
  });
}

}  // namespace gp::server::enterprises
