#include "gongping/server/tenders/tender_service.hpp"

#include <cstdio>

#include "gongping/bidding/opening_shares.hpp"
#include "gongping/common/crypto.hpp"
#include "gongping/common/jose.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/common/p256.hpp"
#include "gongping/matching/panel_draw.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/filing/project_ledger.hpp"
#include "gongping/server/jose/jose_json.hpp"
#include "gongping/server/tenders/tender_rows.hpp"

namespace gp::server::tenders {
namespace {

using common::ErrorCode;
using common::make_error;

common::Error tender_not_found(const std::string& id) {
  return make_error(ErrorCode::not_found, "No tender " + id.substr(0, 64) + ".");
}

bool may_open_bids(common::Role role) { return role == common::Role::official || role == common::Role::supervisor; }

std::string json_string_array(const std::vector<std::string>& items) {
  common::JsonWriter w;
  w.begin_array();
  for (const auto& s : items) w.value(s);
  w.end_array();
  return w.take();
}

// Officer account ids that exist, may hold a share and have a registered key, by public id.
std::set<std::string> officers_with_keys(soci::session& sql, const std::vector<std::string>& officers) {
  std::set<std::string> out;
  for (const auto& officer : officers) {
    const auto id = accounts::parse_public_id('U', officer);
    if (!id) continue;
    const long long account = *id;
    std::string role;
    sql << "SELECT a.role FROM accounts a JOIN officer_keys k ON k.account_id = a.id "
           "WHERE a.id = :id AND a.disabled_at IS NULL",
        soci::use(account), soci::into(role);
    if (sql.got_data() && may_open_bids(common::parse_role(role).value_or(common::Role::enterprise))) {
      out.insert(officer);
    }
  }
  return out;
}

}  // namespace

TenderService::TenderService(db::Database& database, const common::Clock& clock, common::Random& random,
                             bidding::PeriodRules rules)
    : db_(database), clock_(clock), random_(random), rules_(rules), audit_(clock) {}

common::Result<std::string> TenderService::register_officer_key(const accounts::Principal& officer,
                                                                const std::string& jwk_json) {
  if (!may_open_bids(officer.role)) {
    return make_error(ErrorCode::forbidden, "Only officials and supervisors hold opening shares.");
  }
  auto parsed = jose::parse_p256_jwk(jwk_json);
  if (!parsed) return parsed.error();
  if (parsed.value().private_key) {
    return make_error(ErrorCode::key_invalid, "Send only the public key: the private \"d\" never leaves your device.");
  }
  const auto& point = parsed.value().public_key;
  const auto thumb =
      common::sha256(std::string(point.x.begin(), point.x.end()) + std::string(point.y.begin(), point.y.end()));
  const std::string kid = officer.public_id + "-" + common::to_hex(thumb.data(), 6);
  const std::string public_jwk = common::p256_public_jwk(point, kid, "enc", "ECDH-ES");
  return db_.run<std::string>([&](soci::session& sql) -> common::Result<std::string> {
    soci::transaction tx(sql);
    const long long account = officer.account_id;
    const long long now = clock_.now().unix_micros();
    sql << "INSERT INTO officer_keys (account_id, kid, public_jwk, registered_at) VALUES (:a, :k, :j, " +
               db::sql_instant(":now") +
               ") ON CONFLICT (account_id) DO UPDATE SET kid = excluded.kid, public_jwk = excluded.public_jwk, "
               "registered_at = excluded.registered_at",
        soci::use(account), soci::use(kid), soci::use(public_jwk), soci::use(now);
    common::JsonWriter data;
    data.begin_object().key("kid").value(kid).end_object();
    auto e = audit::make_entry(officer.actor(), "officer_key.registered", {"account", officer.public_id}, data.take());
    audit_.append(sql, e);
    tx.commit();
    return kid;
  });
}

common::Result<TenderView> TenderService::create_draft(const accounts::Principal& official, const TenderDraft& draft) {
  const auto& t = draft.terms;
  return db_.run<TenderView>([&](soci::session& sql) -> common::Result<TenderView> {
    soci::transaction tx(sql);
    const auto now = clock_.now();
    long long id = 0;
    sql << "SELECT nextval(pg_get_serial_sequence('tenders', 'id'))", soci::into(id);
    char public_id[32];
    std::snprintf(public_id, sizeof public_id, "T-%04d-%06lld", common::shanghai_day_of(now).year(), id);
    const std::string pid = public_id;
    const std::string category(bidding::to_string(t.category));
    const std::string procedure(bidding::to_string(t.procedure));
    const long long budget = t.budget.fen(), ceiling = t.ceiling.fen(), bond = t.bid_bond.fen();
    const std::string qualifications = json_string_array(t.qualification_requirements);
    const long long clarification = t.clarification_deadline.unix_micros();
    const long long deadline = t.bid_deadline.unix_micros();
    const int threshold = t.opening_threshold;
    const std::string project_code = t.project_code.value_or("");
    soci::indicator project_ind = t.project_code ? soci::i_ok : soci::i_null;
    const long long by = official.account_id;
    const long long at = now.unix_micros();
    sql << "INSERT INTO tenders (id, public_id, state, title, description, category, procedure, budget_fen, "
           "ceiling_fen, bid_bond_fen, evaluation, qualifications, clarification_deadline, bid_deadline, "
           "opening_threshold, project_code, created_by, created_at, updated_at) VALUES (:id, :pid, 'draft', "
           ":title, :descr, :cat, :proc, :budget, :ceiling, :bond, :eval, :quals, " +
               db::sql_instant(":clar") + ", " + db::sql_instant(":deadline") + ", :k, :code, :by, " +
               db::sql_instant(":at") + ", " + db::sql_instant(":at2") + ")",
        soci::use(id), soci::use(pid), soci::use(t.title), soci::use(t.description), soci::use(category),
        soci::use(procedure), soci::use(budget), soci::use(ceiling), soci::use(bond), soci::use(draft.evaluation_json),
        soci::use(qualifications), soci::use(clarification), soci::use(deadline), soci::use(threshold),
        soci::use(project_code, project_ind), soci::use(by), soci::use(at), soci::use(at);
    int position = 0;
    for (const auto& officer : t.opening_officers) {
      const auto account = accounts::parse_public_id('U', officer);
      if (!account) {
        return common::Error::validation({{"opening_officers", officer.substr(0, 32) + " is not a staff account id"}});
      }
      const long long account_id = *account;
      ++position;
      long long exists = 0;
      sql << "SELECT count(*) FROM accounts WHERE id = :a", soci::use(account_id), soci::into(exists);
      if (exists == 0) return common::Error::validation({{"opening_officers", officer + " does not exist"}});
      sql << "INSERT INTO tender_officers (tender_id, position, account_id) VALUES (:t, :p, :a)", soci::use(id),
          soci::use(position), soci::use(account_id);
    }
    common::JsonWriter data;
    data.begin_object().key("title").value(t.title).end_object();
    auto e = audit::make_entry(official.actor(), "tender.drafted", {"tender", pid}, data.take());
    audit_.append(sql, e);
    auto row = find_tender(sql, pid);
    tx.commit();
    return row->view;
  });
}

common::Result<TenderView> TenderService::publish(const accounts::Principal& official, const std::string& tender_id) {
  return db_.run<TenderView>([&](soci::session& sql) -> common::Result<TenderView> {
    soci::transaction tx(sql);
    auto row = find_tender(sql, tender_id, RowLock::update);
    if (!row || (row->created_by != official.account_id)) return tender_not_found(tender_id);
    auto next = bidding::next_state(row->view.state, bidding::TenderEvent::publish);
    if (!next) return next.error();
    const auto now = clock_.now();
    const auto& terms = row->view.terms;
    if (auto ok = bidding::check_publishable(terms, now, common::HolidayCalendar::bundled(), rules_,
                                             officers_with_keys(sql, terms.opening_officers));
        !ok) {
      return ok.error();
    }

    // The opening key: made, split, sealed share by share, and wiped when this scope ends.
    const auto key = common::generate_p256_key_pair(random_);
    const std::string kid = tender_id + "-opening";
    const std::string public_jwk = common::p256_public_jwk(key.public_key, kid, "enc", "ECDH-ES");
    bidding::Secret32 scalar = key.private_key.d;
    auto shares = bidding::split_secret(scalar, terms.opening_threshold,
                                        static_cast<int>(terms.opening_officers.size()), random_);
    common::secure_wipe(scalar.data(), scalar.size());
    if (!shares) return shares.error();

    common::JsonWriter officers_json;
    officers_json.begin_array();
    for (const auto& officer : tender_officers(sql, row->id)) {
      std::string officer_jwk;
      std::string officer_kid;
      const long long account = officer.account_id;
      sql << "SELECT public_jwk, kid FROM officer_keys WHERE account_id = :a", soci::use(account),
          soci::into(officer_jwk), soci::into(officer_kid);
      auto officer_key = jose::parse_p256_jwk(officer_jwk);
      if (!officer_key) return make_error(ErrorCode::internal, "stored officer key does not parse");
      std::string share_text = bidding::format_share(tender_id, shares.value().at(officer.position - 1));
      const auto share_hash = common::to_hex(common::sha256(share_text));
      const std::string sealed = common::seal_jwe_ecdh_es_a256gcm(
          officer_key.value().public_key, {{"kid", officer_kid}, {"gp_tender", tender_id}, {"cty", "text/plain"}},
          share_text, random_);
      common::secure_wipe(share_text.data(), share_text.size());
      const long long tid = row->id;
      const int position = officer.position;
      sql << "UPDATE tender_officers SET sealed_share = :s, share_sha256 = decode(:h, 'hex') "
             "WHERE tender_id = :t AND position = :p",
          soci::use(sealed), soci::use(share_hash), soci::use(tid), soci::use(position);
      officers_json.begin_object()
          .key("officer")
          .value(accounts::staff_public_id(officer.account_id))
          .key("x")
          .value(std::int64_t{officer.position})
          .key("share_sha256")
          .value(share_hash)
          .end_object();
    }
    officers_json.end_array();
    for (auto& s : shares.value()) common::secure_wipe(s.y.data(), s.y.size());

    // The panel draw's secret (docs/panel-draw.md): committed to now, revealed by the draw.
    matching::PanelSeed panel_secret{};
    random_.fill(panel_secret.data(), panel_secret.size());
    const std::string panel_secret_hex = common::to_hex(panel_secret);
    const std::string panel_commitment = common::to_hex(matching::panel_seed_commitment(panel_secret));

    // A tender of a filed project must fit in what is left of the project's approved budget. Checked
    // last, so that the project's row is locked only for the tail of this transaction.
    if (terms.project_code) {
      auto fits = filing::reserve_tender_budget(sql, audit_, *terms.project_code, *row, terms.budget, now);
      if (!fits) return fits.error();
    }

    const long long tid = row->id;
    const long long at = now.unix_micros();
    sql << "UPDATE tenders SET state = 'published', published_at = " + db::sql_instant(":at") +
               ", updated_at = " + db::sql_instant(":at2") +
               ", opening_kid = :kid, opening_public_jwk = :jwk, panel_secret = decode(:ps, 'hex') "
               "WHERE id = :id",
        soci::use(at), soci::use(at), soci::use(kid), soci::use(public_jwk), soci::use(panel_secret_hex),
        soci::use(tid);
    common::JsonWriter data;
    data.begin_object()
        .key("bid_deadline")
        .value(terms.bid_deadline.to_rfc3339())
        .key("opening_kid")
        .value(kid)
        .key("opening_public_jwk")
        .raw(public_jwk)
        .key("threshold")
        .value(std::int64_t{terms.opening_threshold})
        .key("officers")
        .raw(officers_json.str())
        .key("panel_seed_commitment")
        .value(panel_commitment)
        .end_object();
    auto e = audit::make_entry(official.actor(), "tender.published", {"tender", tender_id}, data.take());
    audit_.append(sql, e);
    auto published = find_tender(sql, tender_id);
    tx.commit();
    return published->view;
  });
}

common::Result<TenderView> TenderService::cancel(const accounts::Principal& official, const std::string& tender_id,
                                                 const std::string& reason) {
  return db_.run<TenderView>([&](soci::session& sql) -> common::Result<TenderView> {
    soci::transaction tx(sql);
    auto row = find_tender(sql, tender_id, RowLock::update);
    if (!row || row->created_by != official.account_id) return tender_not_found(tender_id);
    auto next = bidding::next_state(row->view.state, bidding::TenderEvent::cancel);
    if (!next) return next.error();
    update_tender_state(sql, row->id, next.value(), reason, clock_.now());
    common::JsonWriter data;
    data.begin_object().key("reason").value(reason).key("from").value(bidding::to_string(row->view.state)).end_object();
    auto e = audit::make_entry(official.actor(), "tender.cancelled", {"tender", tender_id}, data.take());
    audit_.append(sql, e);
    auto cancelled = find_tender(sql, tender_id);
    tx.commit();
    return cancelled->view;
  });
}

common::Result<TenderView> TenderService::get(const std::optional<accounts::Principal>& viewer,
                                              const std::string& tender_id) {
  return db_.run<TenderView>([&](soci::session& sql) -> common::Result<TenderView> {
    auto row = find_tender(sql, tender_id);
    if (!row) return tender_not_found(tender_id);
    if (!row->view.published_at) {
      const bool author = viewer && viewer->account_id == row->created_by;
      const bool supervisor = viewer && viewer->role == common::Role::supervisor;
      if (!author && !supervisor) return tender_not_found(tender_id);
    }
    return row->view;
  });
}

common::Result<TenderPage> TenderService::list_published(const TenderListQuery& query) {
  return db_.run<TenderPage>([&](soci::session& sql) -> common::Result<TenderPage> {
    const std::string state = query.state ? std::string(bidding::to_string(*query.state)) : "";
    const std::string category = query.category ? std::string(bidding::to_string(*query.category)) : "";
    TenderPage page;
    for (auto& row : published_tenders(sql, state, category, query.text, query.limit, query.offset, &page.total)) {
      page.items.push_back(std::move(row.view));
    }
    return page;
  });
}

common::Result<std::string> TenderService::sealed_share(const accounts::Principal& officer,
                                                        const std::string& tender_id) {
  return db_.run<std::string>([&](soci::session& sql) -> common::Result<std::string> {
    auto row = find_tender(sql, tender_id);
    if (!row || !row->view.published_at) return tender_not_found(tender_id);
    const long long tid = row->id;
    const long long account = officer.account_id;
    std::string sealed;
    soci::indicator ind = soci::i_null;
    sql << "SELECT sealed_share FROM tender_officers WHERE tender_id = :t AND account_id = :a", soci::use(tid),
        soci::use(account), soci::into(sealed, ind);
    if (!sql.got_data()) return make_error(ErrorCode::forbidden, "You are not an opening officer of this tender.");
    if (ind != soci::i_ok) return make_error(ErrorCode::not_found, "This tender's shares are no longer held.");
    return sealed;
  });
}

}  // namespace gp::server::tenders
