#include "gongping/server/accounts/account_repository.hpp"

#include <soci/postgresql/soci-postgresql.h>

#include <cstdio>
#include <vector>

#include "gongping/server/db/sql_time.hpp"

namespace gp::server::accounts {

using db::sql_instant;
using db::sql_micros;

std::string format_public_id(char prefix, std::int64_t row_id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%c-%06lld", prefix, static_cast<long long>(row_id));
  return buf;
}

std::optional<std::int64_t> parse_public_id(char prefix, std::string_view text) {
  if (text.size() < 3 || text.size() > 20 || text[0] != prefix || text[1] != '-') return std::nullopt;
  std::int64_t value = 0;
  for (char c : text.substr(2)) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string enterprise_public_id(std::int64_t id) { return format_public_id('E', id); }
std::string staff_public_id(std::int64_t id) { return format_public_id('U', id); }

namespace {

Principal principal_from(long long account_id, const std::string& login, const std::string& role,
                         const std::string& display_name, long long enterprise_id, soci::indicator enterprise_ind) {
  Principal p;
  p.account_id = account_id;
  p.login = login;
  p.role = common::parse_role(role).value_or(common::Role::enterprise);
  p.display_name = display_name;
  if (enterprise_ind == soci::i_ok) {
    p.enterprise_id = enterprise_id;
    p.public_id = enterprise_public_id(enterprise_id);
  } else {
    p.public_id = staff_public_id(account_id);
  }
  return p;
}

}  // namespace

bool is_unique_violation(const std::exception& e, std::string_view constraint) {
  const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e);
  if (pg == nullptr || pg->sqlstate() != "23505") return false;
  // PostgreSQL names the constraint in double quotes in the message.
  const std::string_view message = e.what();
  const auto at = message.find(constraint);
  return at != std::string_view::npos && at > 0 && message[at - 1] == '"' && at + constraint.size() < message.size() &&
         message[at + constraint.size()] == '"';
}

std::int64_t insert_enterprise(soci::session& sql, const bidding::EnterpriseRegistration& r, common::Instant now) {
  long long id = 0;
  const long long at = now.unix_micros();
  sql << "INSERT INTO enterprises (name, uscc, contact_name, contact_phone, contact_email, created_at) "
         "VALUES (:name, :uscc, :cn, :cp, :ce, " +
             sql_instant(":at") + ") RETURNING id",
      soci::use(r.name), soci::use(r.uscc), soci::use(r.contact_name), soci::use(r.contact_phone),
      soci::use(r.contact_email), soci::use(at), soci::into(id);
  return id;
}

std::int64_t insert_account(soci::session& sql, const std::string& login, common::Role role,
                            const std::string& display_name, const std::string& password_hash,
                            std::optional<std::int64_t> enterprise_id, common::Instant now) {
  long long id = 0;
  const long long at = now.unix_micros();
  const std::string role_text(common::to_string(role));
  long long enterprise = enterprise_id.value_or(0);
  soci::indicator enterprise_ind = enterprise_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO accounts (login, role, display_name, password_hash, enterprise_id, created_at) "
         "VALUES (:login, :role, :dn, :ph, :eid, " +
             sql_instant(":at") + ") RETURNING id",
      soci::use(login), soci::use(role_text), soci::use(display_name), soci::use(password_hash),
      soci::use(enterprise, enterprise_ind), soci::use(at), soci::into(id);
  return id;
}

std::optional<std::int64_t> find_enabled_staff(soci::session& sql, std::string_view public_id, common::Role role) {
  const auto row = parse_public_id('U', public_id);
  if (!row) return std::nullopt;
  const long long id = *row;
  std::string found;
  sql << "SELECT role FROM accounts WHERE id = :id AND disabled_at IS NULL", soci::use(id), soci::into(found);
  if (!sql.got_data() || found != common::to_string(role)) return std::nullopt;
  return id;
}

std::optional<StoredAccount> find_account_by_login(soci::session& sql, const std::string& login) {
  long long id = 0, enterprise_id = 0;
  std::string stored_login, role, display_name, hash;
  int disabled = 0;
  soci::indicator enterprise_ind = soci::i_null;
  sql << "SELECT id, login, role, display_name, password_hash, enterprise_id, "
         "(disabled_at IS NOT NULL)::int FROM accounts WHERE lower(login) = lower(:login)",
      soci::use(login), soci::into(id), soci::into(stored_login), soci::into(role), soci::into(display_name),
      soci::into(hash), soci::into(enterprise_id, enterprise_ind), soci::into(disabled);
  if (!sql.got_data()) return std::nullopt;
  return StoredAccount{principal_from(id, stored_login, role, display_name, enterprise_id, enterprise_ind), hash,
                       disabled != 0};
}

void update_password_hash(soci::session& sql, std::int64_t account_id, const std::string& password_hash) {
  const long long id = account_id;
  sql << "UPDATE accounts SET password_hash = :h WHERE id = :id", soci::use(password_hash), soci::use(id);
}

std::vector<AccountSummary> list_accounts(soci::session& sql, int limit, int offset) {
  std::vector<AccountSummary> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, login, role, display_name, enterprise_id, " + sql_micros("created_at") +
                          ", (disabled_at IS NOT NULL)::int FROM accounts ORDER BY id LIMIT :l OFFSET :o",
       soci::use(limit), soci::use(offset));
  for (const auto& row : rows) {
    AccountSummary s;
    const auto id = row.get<long long>(0);
    s.public_id =
        row.get_indicator(4) == soci::i_ok ? enterprise_public_id(row.get<long long>(4)) : staff_public_id(id);
    s.login = row.get<std::string>(1);
    s.role = common::parse_role(row.get<std::string>(2)).value_or(common::Role::enterprise);
    s.display_name = row.get<std::string>(3);
    s.created_at = common::Instant::from_unix_micros(row.get<long long>(5));
    s.disabled = row.get<int>(6) != 0;
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<AccountSummary> set_account_disabled(soci::session& sql, std::optional<std::int64_t> staff,
                                                   std::optional<std::int64_t> enterprise, bool disabled,
                                                   common::Instant now) {
  const long long staff_id = staff.value_or(0), enterprise_id = enterprise.value_or(0);
  const std::string which = "(enterprise_id IS NULL AND id = :s) OR enterprise_id = :e";
  std::vector<long long> rows(16);
  sql << "SELECT id FROM accounts WHERE " + which + " ORDER BY id FOR UPDATE", soci::use(staff_id),
      soci::use(enterprise_id), soci::into(rows);
  if (rows.empty()) return std::nullopt;
  const long long at = now.unix_micros();
  if (disabled) {
    sql << "UPDATE accounts SET disabled_at = COALESCE(disabled_at, " + sql_instant(":at") + ") WHERE " + which,
        soci::use(at), soci::use(staff_id), soci::use(enterprise_id);
    sql << "UPDATE sessions SET revoked_at = " + sql_instant(":at") +
               " WHERE revoked_at IS NULL AND account_id IN (SELECT id FROM accounts WHERE " + which + ")",
        soci::use(at), soci::use(staff_id), soci::use(enterprise_id);
  } else {
    sql << "UPDATE accounts SET disabled_at = NULL WHERE " + which, soci::use(staff_id), soci::use(enterprise_id);
  }
  // The summary of the (first) account: an enterprise's accounts all carry its public id.
  std::string login, role, name;
  long long created = 0, owner = 0;
  soci::indicator owner_ind = soci::i_null;
  sql << "SELECT login, role, display_name, enterprise_id, " + sql_micros("created_at") +
             " FROM accounts WHERE id = :id",
      soci::use(rows.front()), soci::into(login), soci::into(role), soci::into(name), soci::into(owner, owner_ind),
      soci::into(created);
  AccountSummary s;
  s.public_id = owner_ind == soci::i_ok ? enterprise_public_id(owner) : staff_public_id(rows.front());
  s.login = login;
  s.role = common::parse_role(role).value_or(common::Role::enterprise);
  s.display_name = name;
  s.created_at = common::Instant::from_unix_micros(created);
  s.disabled = disabled;
  return s;
}

void insert_session(soci::session& sql, const std::string& token_sha256_hex, std::int64_t account_id,
                    common::Instant now, common::Instant expires_at) {
  const long long id = account_id;
  const long long at = now.unix_micros();
  const long long until = expires_at.unix_micros();
  sql << "INSERT INTO sessions (token_sha256, account_id, created_at, expires_at) VALUES "
         "(decode(:t, 'hex'), :a, " +
             sql_instant(":at") + ", " + sql_instant(":until") + ")",
      soci::use(token_sha256_hex), soci::use(id), soci::use(at), soci::use(until);
}

std::optional<Principal> find_session_principal(soci::session& sql, const std::string& token_sha256_hex,
                                                common::Instant now) {
  long long id = 0, enterprise_id = 0;
  std::string login, role, display_name;
  soci::indicator enterprise_ind = soci::i_null;
  const long long at = now.unix_micros();
  sql << "SELECT a.id, a.login, a.role, a.display_name, a.enterprise_id FROM sessions s "
         "JOIN accounts a ON a.id = s.account_id WHERE s.token_sha256 = decode(:t, 'hex') "
         "AND s.revoked_at IS NULL AND a.disabled_at IS NULL AND s.expires_at > " +
             sql_instant(":now"),
      soci::use(token_sha256_hex), soci::use(at), soci::into(id), soci::into(login), soci::into(role),
      soci::into(display_name), soci::into(enterprise_id, enterprise_ind);
  if (!sql.got_data()) return std::nullopt;
  return principal_from(id, login, role, display_name, enterprise_id, enterprise_ind);
}

bool revoke_session(soci::session& sql, const std::string& token_sha256_hex, common::Instant now) {
  const long long at = now.unix_micros();
  soci::statement st = (sql.prepare << "UPDATE sessions SET revoked_at = " + sql_instant(":at") +
                                           " WHERE token_sha256 = decode(:t, 'hex') AND revoked_at IS NULL",
                        soci::use(at), soci::use(token_sha256_hex));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

FailureCounts count_login_failures(soci::session& sql, const std::string& login, const std::string& address,
                                   common::Instant since) {
  FailureCounts counts;
  const long long at = since.unix_micros();
  sql << "SELECT (SELECT count(*) FROM login_failures WHERE lower(login) = lower(:l) AND at > " + sql_instant(":s1") +
             ")::int, (SELECT count(*) FROM login_failures WHERE address = :a AND at > " + sql_instant(":s2") +
             ")::int",
      soci::use(login), soci::use(at), soci::use(address), soci::use(at), soci::into(counts.for_login),
      soci::into(counts.for_address);
  return counts;
}

void record_login_failure(soci::session& sql, const std::string& login, const std::string& address,
                          common::Instant now) {
  const long long at = now.unix_micros();
  sql << "INSERT INTO login_failures (login, address, at) VALUES (:l, :a, " + sql_instant(":at") + ")",
      soci::use(login), soci::use(address), soci::use(at);
}

void clear_login_failures(soci::session& sql, const std::string& login) {
  sql << "DELETE FROM login_failures WHERE lower(login) = lower(:l)", soci::use(login);
}

PruneCounts prune_account_tables(soci::session& sql, common::Instant ended_before, common::Instant failures_before) {
  PruneCounts counts;
  const long long ended = ended_before.unix_micros();
  const long long failed = failures_before.unix_micros();
  soci::statement sessions = (sql.prepare << "DELETE FROM sessions WHERE expires_at < " + sql_instant(":e1") +
                                                 " OR revoked_at < " + sql_instant(":e2"),
                              soci::use(ended), soci::use(ended));
  sessions.execute(true);
  counts.sessions = sessions.get_affected_rows();
  soci::statement failures =
      (sql.prepare << "DELETE FROM login_failures WHERE at < " + sql_instant(":f"), soci::use(failed));
  failures.execute(true);
  counts.login_failures = failures.get_affected_rows();
  return counts;
}

}  // namespace gp::server::accounts
