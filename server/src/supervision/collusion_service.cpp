#include "gongping/server/supervision/collusion_service.hpp"

#include "gongping/server/accounts/principal.hpp"

namespace gp::server::supervision {
namespace {

using audit::collusion::BidderSignals;
using audit::collusion::TenderSignals;

// What the records say of an opened tender's bidders.
TenderSignals signals_of(soci::session& sql, long long tender_row, const std::string& tender_id, long long ceiling) {
  TenderSignals t;
  t.tender_id = tender_id;
  t.ceiling_fen = ceiling;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT o.enterprise_id, o.price_fen, e.contact_phone, lower(e.contact_email) "
                      "FROM opened_bids o JOIN enterprises e ON e.id = o.enterprise_id WHERE o.tender_id = :t "
                      "ORDER BY o.enterprise_id",
       soci::use(tender_row));
  std::vector<long long> enterprises;
  for (const auto& r : rows) {
    BidderSignals b;
    enterprises.push_back(r.get<long long>(0));
    b.bidder = accounts::enterprise_public_id(r.get<long long>(0));
    if (r.get_indicator(1) == soci::i_ok) b.price_fen = r.get<long long>(1);
    // One contact "person": their phone and their e-mail both identify the one handling the bid.
    b.contact_person = r.get<std::string>(2) + " / " + r.get<std::string>(3);
    t.bidders.push_back(std::move(b));
  }
  for (std::size_t i = 0; i < enterprises.size(); ++i) {
    auto& b = t.bidders[i];
    const long long e = enterprises[i];
    soci::rowset<soci::row> origins =
        (sql.prepare << "SELECT DISTINCT g.remote_address, g.device FROM bids x JOIN bid_origins g ON g.bid_id = x.id "
                        "WHERE x.tender_id = :t AND x.enterprise_id = :e",
         soci::use(tender_row), soci::use(e));
    for (const auto& r : origins) {
      b.ip_addresses.push_back(r.get<std::string>(0));
      if (r.get_indicator(1) == soci::i_ok) b.device_fingerprints.push_back(r.get<std::string>(1));
    }
    soci::rowset<std::string> files =
        (sql.prepare << "SELECT encode(sha256, 'hex') FROM uploads WHERE kind = 'attachment' AND tender_id = :t AND "
                        "enterprise_id = :e AND sha256 IS NOT NULL",
         soci::use(tender_row), soci::use(e));
    for (const auto& f : files) b.document_hashes.push_back(f);
  }
  long long winner = 0;
  sql << "SELECT winner_enterprise_id FROM awards WHERE tender_id = :t", soci::use(tender_row), soci::into(winner);
  if (sql.got_data()) t.winner = accounts::enterprise_public_id(winner);
  return t;
}

}  // namespace

CollusionService::CollusionService(db::Database& database) : db_(database) {}

common::Result<std::vector<audit::collusion::Indicator>> CollusionService::tender(const std::string& tender_id) {
  return db_.run<std::vector<audit::collusion::Indicator>>(
      [&](soci::session& sql) -> common::Result<std::vector<audit::collusion::Indicator>> {
        long long row = 0, ceiling = 0;
        sql << "SELECT t.id, t.ceiling_fen FROM tenders t JOIN openings o ON o.tender_id = t.id WHERE t.public_id = :p",
            soci::use(tender_id), soci::into(row), soci::into(ceiling);
        if (!sql.got_data()) {
          long long exists = 0;
          sql << "SELECT count(*) FROM tenders WHERE public_id = :p AND published_at IS NOT NULL", soci::use(tender_id),
              soci::into(exists);
          if (exists == 0) {
            return common::make_error(common::ErrorCode::not_found, "No published tender " + tender_id + ".");
          }
          return common::make_error(common::ErrorCode::tender_transition_refused,
                                    "Collusion indicators are computed once the bids of " + tender_id + " are opened.");
        }
        return audit::collusion::tender_indicators(signals_of(sql, row, tender_id, ceiling));
      });
}

common::Result<std::vector<audit::collusion::Indicator>> CollusionService::alerts(double min_strength) {
  return db_.run<std::vector<audit::collusion::Indicator>>(
      [&](soci::session& sql) -> common::Result<std::vector<audit::collusion::Indicator>> {
        std::vector<std::tuple<long long, std::string, long long>> opened;
        soci::rowset<soci::row> rows = (sql.prepare << "SELECT t.id, t.public_id, t.ceiling_fen FROM tenders t JOIN "
                                                       "openings o ON o.tender_id = t.id ORDER BY o.opened_at");
        for (const auto& r : rows) opened.emplace_back(r.get<long long>(0), r.get<std::string>(1), r.get<long long>(2));
        std::vector<TenderSignals> history;
        std::vector<audit::collusion::Indicator> out;
        for (const auto& [row, id, ceiling] : opened) {
          history.push_back(signals_of(sql, row, id, ceiling));
          for (auto& i : audit::collusion::tender_indicators(history.back())) {
            if (i.strength >= min_strength) out.push_back(std::move(i));
          }
        }
        for (auto& i : audit::collusion::history_indicators(history)) out.push_back(std::move(i));
        return out;
      });
}

}  // namespace gp::server::supervision
