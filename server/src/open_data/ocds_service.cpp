#include "gongping/server/open_data/ocds_service.hpp"

#include <algorithm>

#include "gongping/audit/ocds_release.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/tenders/tender_rows.hpp"

namespace gp::server::open_data {
namespace {

constexpr const char* kPublisher = "Gongping public-resource trading platform (公平公共资源交易平台)";

common::Instant at(long long micros) { return common::Instant::from_unix_micros(micros); }

// What the open data says of a published tender, read in one session.
audit::ocds::TenderFacts facts_of(soci::session& sql, const tenders::TenderRow& row) {
  const auto& v = row.view;
  audit::ocds::TenderFacts f;
  f.tender_id = v.id;
  f.title = v.terms.title;
  f.description = v.terms.description;
  f.category = std::string(bidding::to_string(v.terms.category));
  f.procedure = std::string(bidding::to_string(v.terms.procedure));
  f.state = std::string(bidding::to_string(v.state));
  f.budget = v.terms.budget;
  f.published_at = *v.published_at;  // published() let only published tenders through
  f.clarification_deadline = v.terms.clarification_deadline;
  f.bid_deadline = v.terms.bid_deadline;
  f.price_only = v.terms.evaluation.method == "lowest_price";
  f.project_code = v.terms.project_code;
  const long long tid = row.id, author = row.created_by;
  f.buyer.id = accounts::staff_public_id(row.created_by);
  sql << "SELECT display_name FROM accounts WHERE id = :a", soci::use(author), soci::into(f.buyer.name);

  long long opened = 0;
  sql << "SELECT " + db::sql_micros("opened_at") + " FROM openings WHERE tender_id = :t", soci::use(tid),
      soci::into(opened);
  if (sql.got_data()) {
    f.opened_at = at(opened);
    soci::rowset<soci::row> bids =
        (sql.prepare << "SELECT o.bid_id, o.enterprise_id, e.name, " + db::sql_micros("b.received_at") +
                            ", o.status, o.price_fen FROM opened_bids o JOIN enterprises e ON e.id = o.enterprise_id "
                            "JOIN bids b ON b.id = o.bid_id WHERE o.tender_id = :t ORDER BY o.bid_id",
         soci::use(tid));
    for (const auto& r : bids) {
      audit::ocds::BidFact b;
      b.id = accounts::format_public_id('B', r.get<long long>(0));
      b.tenderer = {accounts::enterprise_public_id(r.get<long long>(1)), r.get<std::string>(2)};
      b.received_at = at(r.get<long long>(3));
      if (r.get_indicator(5) == soci::i_ok) b.price = common::Money::from_fen(r.get<long long>(5));
      b.valid = r.get<std::string>(4) == "opened" && b.price && b.price->fen() <= v.terms.ceiling.fen();
      f.bids.push_back(std::move(b));
    }
  }
  long long winner = 0, announced = 0, notice = 0, price = 0;
  std::string winner_name;
  soci::indicator notice_ind = soci::i_null, price_ind = soci::i_null;
  sql << "SELECT a.winner_enterprise_id, e.name, " + db::sql_micros("a.announced_at") + ", " +
             db::sql_micros("a.notice_at") +
             ", o.price_fen FROM awards a JOIN enterprises e ON e.id = a.winner_enterprise_id LEFT JOIN opened_bids o "
             "ON o.tender_id = a.tender_id AND o.enterprise_id = a.winner_enterprise_id WHERE a.tender_id = :t",
      soci::use(tid), soci::into(winner), soci::into(winner_name), soci::into(announced),
      soci::into(notice, notice_ind), soci::into(price, price_ind);
  if (sql.got_data()) {
    audit::ocds::TenderFacts::Award a{{accounts::enterprise_public_id(winner), winner_name},
                                      common::Money::from_fen(price_ind == soci::i_ok ? price : 0),
                                      at(announced),
                                      std::nullopt};
    if (notice_ind == soci::i_ok) a.notice_at = at(notice);
    f.award = a;
    long long signed_at = 0, recorded_at = 0, amount = 0;
    sql << "SELECT " + db::sql_micros("signed_at") + ", " + db::sql_micros("recorded_at") +
               ", amount_fen FROM contracts WHERE tender_id = :t",
        soci::use(tid), soci::into(signed_at), soci::into(recorded_at), soci::into(amount);
    if (sql.got_data()) {
      f.contract = audit::ocds::TenderFacts::Contract{common::Money::from_fen(amount), at(signed_at), at(recorded_at)};
    }
  }
  if (v.state == bidding::TenderState::cancelled || v.state == bidding::TenderState::failed) {
    long long updated = 0;
    sql << "SELECT " + db::sql_micros("updated_at") + " FROM tenders WHERE id = :t", soci::use(tid),
        soci::into(updated);
    f.ended_at = at(updated);
  }
  return f;
}

common::Result<tenders::TenderRow> published(soci::session& sql, const std::string& tender_id) {
  auto row = tenders::find_tender(sql, tender_id);
  // A draft, or a draft cancelled before publication, was never public.
  if (!row || !row->view.published_at) {
    return common::make_error(common::ErrorCode::not_found, "No published tender " + tender_id + ".");
  }
  return *row;
}

}  // namespace

OcdsService::OcdsService(db::Database& database, const common::Clock& clock, std::string ocid_prefix,
                         std::string origin)
    : db_(database), clock_(clock), prefix_(std::move(ocid_prefix)), origin_(std::move(origin)) {}

common::Result<std::string> OcdsService::release_package(const std::string& tender_id) {
  return db_.run<std::string>([&](soci::session& sql) -> common::Result<std::string> {
    auto row = published(sql, tender_id);
    if (!row) return row.error();
    const auto releases = audit::ocds::releases(prefix_, facts_of(sql, row.value()));
    return audit::ocds::release_package({origin_ + "/api/ocds/releases/" + tender_id, clock_.now(), kPublisher},
                                        releases);
  });
}

common::Result<std::string> OcdsService::record_package(const std::string& tender_id) {
  return db_.run<std::string>([&](soci::session& sql) -> common::Result<std::string> {
    auto row = published(sql, tender_id);
    if (!row) return row.error();
    const auto releases = audit::ocds::releases(prefix_, facts_of(sql, row.value()));
    return audit::ocds::record_package({origin_ + "/api/ocds/records/" + tender_id, clock_.now(), kPublisher},
                                       {releases});
  });
}

common::Result<std::string> OcdsService::feed(std::optional<common::Instant> since, const std::string& after,
                                              std::size_t limit) {
  return db_.run<std::string>([&](soci::session& sql) -> common::Result<std::string> {
    std::vector<std::string> ids;
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT public_id FROM tenders WHERE published_at IS NOT NULL ORDER BY id");
    for (const auto& id : rows) ids.push_back(id);
    std::vector<audit::ocds::Release> all;
    for (const auto& id : ids) {
      auto row = tenders::find_tender(sql, id);
      if (!row) continue;
      for (auto& r : audit::ocds::releases(prefix_, facts_of(sql, *row))) {
        // After the cursor: a later date, or the same date and a later release id.
        if (!since || r.date > *since || (r.date == *since && r.id > after)) all.push_back(std::move(r));
      }
    }
    std::stable_sort(all.begin(), all.end(), [](const audit::ocds::Release& a, const audit::ocds::Release& b) {
      return a.date < b.date || (a.date == b.date && a.id < b.id);
    });
    if (all.size() > limit) all.resize(limit);
    std::string uri = origin_ + "/api/ocds/releases";
    if (since) uri += "?since=" + since->to_rfc3339();
    auto package = audit::ocds::release_package({uri, clock_.now(), kPublisher}, all);
    if (!all.empty()) {
      // links.next: the page after the last release here (OCDS 1.1 packages allow extra members).
      package.pop_back();
      package += ",\"links\":{\"next\":\"" + origin_ + "/api/ocds/releases?since=" + all.back().date.to_rfc3339() +
                 "&after=" + all.back().id + "&limit=" + std::to_string(limit) + "\"}}";
    }
    return package;
  });
}

}  // namespace gp::server::open_data
