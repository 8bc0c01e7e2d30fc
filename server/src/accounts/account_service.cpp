#include "gongping/server/accounts/account_service.hpp"

#include <algorithm>

#include "gongping/common/crypto.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/common/password_policy.hpp"

namespace gp::server::accounts {
namespace {

using common::ErrorCode;
using common::make_error;

constexpr std::size_t kTokenBytes = 32;

// [a-z][a-z0-9._-]{2,63}
bool valid_staff_login(const std::string& login) {
  if (login.size() < 3 || login.size() > 64 || login[0] < 'a' || login[0] > 'z') return false;
  return std::all_of(login.begin(), login.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace

std::optional<std::string> session_token_hash(const std::string& token) {
  const auto bytes = common::base64url_decode(token);
  if (!bytes || bytes->size() != kTokenBytes) return std::nullopt;
  return common::to_hex(common::sha256(token));
}

AccountService::AccountService(db::Database& database, const common::Clock& clock, AccountSettings settings)
    : db_(database),
      clock_(clock),
      settings_(settings),
      hasher_(settings.password_cost),
      audit_(clock),
      decoy_hash_(hasher_.hash(common::to_hex(common::random_bytes(16)))) {}

common::Result<RegisteredEnterprise> AccountService::register_enterprise(
    const bidding::EnterpriseRegistration& registration) {
  if (auto valid = bidding::validate(registration); !valid) return valid.error();
  const std::string hash = hasher_.hash(registration.password);
  return db_.run<RegisteredEnterprise>([&](soci::session& sql) -> common::Result<RegisteredEnterprise> {
    try {
      soci::transaction tx(sql);
      const auto now = clock_.now();
      const auto enterprise_id = insert_enterprise(sql, registration, now);
      insert_account(sql, registration.uscc, common::Role::enterprise, registration.name, hash, enterprise_id, now);
      const std::string public_id = enterprise_public_id(enterprise_id);
      common::JsonWriter data;
      data.begin_object().key("name").value(registration.name).key("uscc").value(registration.uscc).end_object();
      auto e =
          audit::make_entry({public_id, "enterprise"}, "enterprise.registered", {"enterprise", public_id}, data.take());
      audit_.append(sql, e);
      tx.commit();
      return RegisteredEnterprise{public_id, registration.uscc};
    } catch (const std::exception& e) {
      // The USCC is also the enterprise's login name, so either constraint means "already registered".
      if (!is_unique_violation(e, "enterprises_uscc_key") && !is_unique_violation(e, "accounts_login_key")) throw;
      return common::Error{ErrorCode::uscc_taken,
                           "An enterprise with this Unified Social Credit Code is already registered.",
                           {{"uscc", "is already registered"}}};
    }
  });
}

common::Result<Principal> AccountService::create_staff(const NewStaffAccount& account, const audit::Actor& by) {
  std::vector<common::FieldError> errors;
  if (!valid_staff_login(account.login)) {
    errors.push_back(
        {"login", "must be 3 to 64 characters: a lower-case letter, then letters, digits, '.', '_' or '-'"});
  }
  if (account.role == common::Role::enterprise) {
    errors.push_back({"role", "enterprises register themselves; choose a staff role"});
  }
  if (account.display_name.empty() || account.display_name.size() > 100) {
    errors.push_back({"display_name", "must be 1 to 100 characters"});
  }
  if (auto problem = common::check_password(account.password, account.login)) {
    errors.push_back({"password", *problem});
  }
  if (!errors.empty()) return common::Error::validation(std::move(errors));
  const std::string hash = hasher_.hash(account.password);
  return db_.run<Principal>([&](soci::session& sql) -> common::Result<Principal> {
    try {
      soci::transaction tx(sql);
      const auto id =
          insert_account(sql, account.login, account.role, account.display_name, hash, std::nullopt, clock_.now());
      Principal p{id, staff_public_id(id), account.role, account.login, account.display_name, std::nullopt};
      common::JsonWriter data;
      data.begin_object()
          .key("login")
          .value(account.login)
          .key("role")
          .value(common::to_string(account.role))
          .end_object();
      auto e = audit::make_entry(by, "account.created", {"account", p.public_id}, data.take());
      audit_.append(sql, e);
      tx.commit();
      return p;
    } catch (const std::exception& e) {
      if (!is_unique_violation(e, "accounts_login_key")) throw;
      return common::Error{ErrorCode::login_taken, "This login name is taken.", {{"login", "is taken"}}};
    }
  });
}

common::Result<IssuedSession> AccountService::login(const std::string& login, const std::string& password,
                                                    const std::string& address) {
  if (login.empty() || login.size() > 64 || password.size() > common::kMaxPasswordLength) {
    return make_error(ErrorCode::credentials_invalid, "The login name or password is wrong.");
  }
  const auto now = clock_.now();
  const auto since = now.plus_seconds(-settings_.throttle.window_seconds);
  auto account =
      db_.run<std::optional<StoredAccount>>([&](soci::session& sql) -> common::Result<std::optional<StoredAccount>> {
        const auto counts = count_login_failures(sql, login, address, since);
        if (auto wait = login_retry_after(settings_.throttle, counts.for_login, counts.for_address)) {
          common::Error error =
              make_error(ErrorCode::rate_limited, "Too many failed logins. Wait before trying again.");
          error.retry_after_seconds = static_cast<int>(*wait);
          return error;
        }
        return find_account_by_login(sql, login);
      });
  if (!account) return account.error();

  const auto& found = account.value();
  const bool password_ok = hasher_.verify(password, found ? found->password_hash : decoy_hash_);
  if (!found || !password_ok) {
    auto recorded = db_.run<common::Ok>([&](soci::session& sql) -> common::Result<common::Ok> {
      record_login_failure(sql, login, address, now);
      return common::Ok{};
    });
    if (!recorded) return recorded.error();
    return make_error(ErrorCode::credentials_invalid, "The login name or password is wrong.");
  }
  if (found->disabled) return make_error(ErrorCode::account_disabled, "This account is disabled.");

  const auto token_bytes = common::random_bytes(kTokenBytes);
  IssuedSession issued{common::base64url_encode(token_bytes.data(), token_bytes.size()),
                       now.plus_seconds(settings_.session_ttl_seconds), found->principal};
  const std::string rehash = hasher_.needs_rehash(found->password_hash) ? hasher_.hash(password) : "";
  auto stored = db_.run<common::Ok>([&](soci::session& sql) -> common::Result<common::Ok> {
    soci::transaction tx(sql);
    insert_session(sql, *session_token_hash(issued.token), found->principal.account_id, now, issued.expires_at);
    clear_login_failures(sql, login);
    if (!rehash.empty()) update_password_hash(sql, found->principal.account_id, rehash);
    if (common::is_staff(found->principal.role)) {
      auto e =
          audit::make_entry(found->principal.actor(), "session.opened", {"account", found->principal.public_id}, "{}");
      audit_.append(sql, e);
    }
    tx.commit();
    return common::Ok{};
  });
  if (!stored) return stored.error();
  return issued;
}

common::Result<Principal> AccountService::authenticate(const std::string& token) {
  const auto hash = session_token_hash(token);
  if (!hash) return make_error(ErrorCode::unauthenticated, "Sign in first.");
  auto found = db_.run<std::optional<Principal>>([&](soci::session& sql) -> common::Result<std::optional<Principal>> {
    return find_session_principal(sql, *hash, clock_.now());
  });
  if (!found) return found.error();
  if (!found.value()) return make_error(ErrorCode::unauthenticated, "The session has ended; sign in again.");
  return std::move(*found.value());
}

common::Result<void> AccountService::logout(const std::string& token, const Principal& principal) {
  const auto hash = session_token_hash(token);
  if (!hash) return make_error(ErrorCode::unauthenticated, "Sign in first.");
  auto done = db_.run<common::Ok>([&](soci::session& sql) -> common::Result<common::Ok> {
    soci::transaction tx(sql);
    const bool revoked = revoke_session(sql, *hash, clock_.now());
    if (revoked && common::is_staff(principal.role)) {
      auto e = audit::make_entry(principal.actor(), "session.closed", {"account", principal.public_id}, "{}");
      audit_.append(sql, e);
    }
    tx.commit();
    return common::Ok{};
  });
  if (!done) return done.error();
  return common::Ok{};
}

common::Result<std::vector<AccountSummary>> AccountService::list(int limit, int offset) {
  return db_.run<std::vector<AccountSummary>>([&](soci::session& sql) -> common::Result<std::vector<AccountSummary>> {
    return list_accounts(sql, limit, offset);
  });
}

common::Result<AccountSummary> AccountService::set_disabled(const std::string& account_id, bool disabled,
                                                            const std::string& reason, const Principal& admin) {
  if (reason.empty() || reason.size() > 2000) {
    return common::Error::validation({{"reason", "must be 1 to 2000 bytes"}});
  }
  const auto staff = parse_public_id('U', account_id);
  const auto enterprise = parse_public_id('E', account_id);
  if (!staff && !enterprise) return make_error(ErrorCode::not_found, "No account " + account_id + ".");
  if (staff && *staff == admin.account_id) {
    return common::Error::validation({{"id", "an admin cannot disable or enable their own account"}});
  }
  const auto now = clock_.now();
  return db_.run<AccountSummary>([&](soci::session& sql) -> common::Result<AccountSummary> {
    soci::transaction tx(sql);
    auto found = set_account_disabled(sql, staff, enterprise, disabled, now);
    if (!found) return make_error(ErrorCode::not_found, "No account " + account_id + ".");
    common::JsonWriter data;
    data.begin_object().key("reason").value(reason).end_object();
    auto e = audit::make_entry(admin.actor(), disabled ? "account.disabled" : "account.enabled",
                               {"account", found->public_id}, data.take());
    audit_.append(sql, e);
    tx.commit();
    return *found;
  });
}

common::Result<PruneCounts> AccountService::prune() {
  const auto now = clock_.now();
  return db_.run<PruneCounts>([&](soci::session& sql) -> common::Result<PruneCounts> {
    return prune_account_tables(sql, now.plus_seconds(-86400), now.plus_seconds(-settings_.throttle.window_seconds));
  });
}

}  // namespace gp::server::accounts
