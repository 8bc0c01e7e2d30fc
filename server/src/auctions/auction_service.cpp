#include "gongping/server/auctions/auction_service.hpp"

#include <algorithm>
#include <map>

#include "auction_codec.hpp"
#include "exact_json.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/db/sql_time.hpp"

namespace gp::server::auctions {
namespace {

using common::ErrorCode;
using common::Instant;
using common::make_error;

common::Error no_auction(const std::string& id) { return make_error(ErrorCode::not_found, "No auction " + id + "."); }

std::optional<std::int64_t> auction_row(const std::string& id) {
  if (id.size() < 4 || id.size() > 20 || id.compare(0, 3, "AU-") != 0) return std::nullopt;
  return accounts::parse_public_id('X', "X-" + id.substr(3));
}

// The auction row locked (or not) with what the service decides on.
struct Head {
  std::int64_t row = 0;
  std::string kind;
  std::string state;
  std::int64_t created_by = 0;
  Instant starts_at;
};

std::optional<Head> head_of(soci::session& sql, const std::string& id, bool lock) {
  const auto row = auction_row(id);
  if (!row) return std::nullopt;
  Head h;
  long long r = *row, by = 0, starts = 0;
  soci::indicator found = soci::i_null;
  sql << "SELECT id, kind, state, created_by, " + db::sql_micros("starts_at") + " FROM auctions WHERE id = :r" +
             (lock ? " FOR UPDATE" : ""),
      soci::use(r), soci::into(r, found), soci::into(h.kind), soci::into(h.state), soci::into(by), soci::into(starts);
  if (found != soci::i_ok) return std::nullopt;
  h.row = r;
  h.created_by = by;
  h.starts_at = Instant::from_unix_micros(starts);
  return h;
}

AuctionRecord load_record(soci::session& sql, std::int64_t row) {
  AuctionRecord a;
  long long r = row, by = 0, starts = 0, created = 0, deposit = 0, winner_row = 0, price = 0, ended = 0;
  soci::indicator winner_ind = soci::i_null, price_ind = soci::i_null, ended_ind = soci::i_null,
                  tender_ind = soci::i_null;
  std::string tender;
  sql << "SELECT public_id, kind, title, description, created_by, state, terms, deposit_fen, " +
             db::sql_micros("starts_at") + ", " + db::sql_micros("created_at") +
             ", winner_enterprise_id, winning_price_fen, " + db::sql_micros("ended_at") +
             ", (SELECT public_id FROM tenders WHERE tenders.id = auctions.tender_id) FROM auctions WHERE id = :r",
      soci::use(r), soci::into(a.id), soci::into(a.kind), soci::into(a.title), soci::into(a.description),
      soci::into(by), soci::into(a.state), soci::into(a.terms_body_json), soci::into(deposit), soci::into(starts),
      soci::into(created), soci::into(winner_row, winner_ind), soci::into(price, price_ind),
      soci::into(ended, ended_ind), soci::into(tender, tender_ind);
  if (tender_ind == soci::i_ok) a.tender = tender;
  a.row = row;
  a.created_by = accounts::staff_public_id(by);
  a.deposit_fen = deposit;
  a.starts_at = Instant::from_unix_micros(starts);
  a.created_at = Instant::from_unix_micros(created);
  if (winner_ind == soci::i_ok) a.winner = accounts::enterprise_public_id(winner_row);
  if (price_ind == soci::i_ok) a.winning_price_fen = price;
  if (ended_ind == soci::i_ok) a.ended_at = Instant::from_unix_micros(ended);
  soci::rowset<soci::row> regs =
      (sql.prepare << "SELECT r.enterprise_id, e.name, r.deposit_reference, " + db::sql_micros("r.requested_at") +
                          ", " + db::sql_micros("r.confirmed_at") +
                          " FROM auction_registrations r JOIN enterprises e ON e.id = r.enterprise_id "
                          "WHERE r.auction_id = :r ORDER BY r.requested_at, r.enterprise_id",
       soci::use(r));
  for (const auto& reg : regs) {
    AuctionRegistration g{accounts::enterprise_public_id(reg.get<long long>(0)), reg.get<std::string>(1),
                          reg.get<std::string>(2), Instant::from_unix_micros(reg.get<long long>(3)), std::nullopt};
    if (reg.get_indicator(4) == soci::i_ok) g.confirmed_at = Instant::from_unix_micros(reg.get<long long>(4));
    a.registrations.push_back(std::move(g));
  }
  long long stored = 0;
  sql << "SELECT count(*) FROM auction_bids WHERE auction_id = :r", soci::use(r), soci::into(stored);
  a.stored_bids = static_cast<std::uint32_t>(stored);
  return a;
}

std::optional<std::int64_t> enterprise_row(const std::string& id) { return accounts::parse_public_id('E', id); }

}  // namespace

AuctionService::AuctionService(db::Database& database, const common::Clock& clock)
    : db_(database), clock_(clock), audit_(clock) {}

common::Result<AuctionRecord> AuctionService::create(const accounts::Principal& official, const NewAuction& n) {
  const bool english = std::holds_alternative<matching::EnglishAuctionTerms>(n.terms);
  const Instant starts = english ? std::get<matching::EnglishAuctionTerms>(n.terms).starts_at
                                 : std::get<matching::ReverseAuctionTerms>(n.terms).starts_at;
  if (starts <= clock_.now()) return common::Error::validation({{"terms.starts_at", "must be in the future"}});
  return db_.run<AuctionRecord>([&](soci::session& sql) -> common::Result<AuctionRecord> {
    soci::transaction tx(sql);
    if (n.tender) {  // still the official's, opened and not awarded: held so until this commits
      std::string state;
      long long by = 0;
      soci::indicator found = soci::i_null;
      sql << "SELECT state, created_by FROM tenders WHERE public_id = :t FOR SHARE", soci::use(*n.tender),
          soci::into(state, found), soci::into(by);
      if (found != soci::i_ok || by != official.account_id || (state != "opening" && state != "evaluating")) {
        return common::Error::validation({{"tender", "must be a tender of yours, opened and not yet awarded"}});
      }
    }
    if (!english) {  // a reverse auction's bidders are enterprises of the platform
      const auto& bidders = std::get<matching::ReverseAuctionTerms>(n.terms).bidders;
      for (std::size_t i = 0; i < bidders.size(); ++i) {
        const auto company = enterprise_row(bidders[i].bidder);
        long long found = 0;
        const long long key = company.value_or(0);
        sql << "SELECT count(*) FROM enterprises WHERE id = :e", soci::use(key), soci::into(found);
        if (!company || found == 0) {
          return common::Error::validation(
              {{"terms.bidders[" + std::to_string(i) + "].bidder", "is no enterprise's id"}});
        }
      }
    }
    const std::string kind = english ? "english" : "reverse";
    const std::string tender = n.tender.value_or("");
    const long long by = official.account_id, deposit = n.deposit_fen, at_starts = starts.unix_micros(),
                    now = clock_.now().unix_micros();
    long long row = 0;
    sql << "WITH next AS (SELECT nextval(pg_get_serial_sequence('auctions', 'id')) AS id) "
           "INSERT INTO auctions (id, public_id, kind, title, description, created_by, state, terms, deposit_fen, "
           "starts_at, created_at, tender_id) OVERRIDING SYSTEM VALUE SELECT next.id, 'AU-' || lpad(next.id::text, "
           "greatest(6, length(next.id::text)), '0'), :k, "
           ":t, :d, :b, 'scheduled', :terms, :dep, " +
               db::sql_instant(":s") + ", " + db::sql_instant(":now") +
               ", (SELECT id FROM tenders WHERE public_id = :tender) FROM next RETURNING id",
        soci::use(kind), soci::use(n.title), soci::use(n.description), soci::use(by), soci::use(n.terms_body_json),
        soci::use(deposit), soci::use(at_starts), soci::use(now), soci::use(tender), soci::into(row);
    const std::string id =
        "AU-" + std::string(6 - std::min<std::size_t>(6, std::to_string(row).size()), '0') + std::to_string(row);
    common::JsonWriter data;
    data.begin_object().key("kind").value(kind).key("title").value(n.title).key("deposit_fen").value(n.deposit_fen);
    if (n.tender) data.key("tender").value(*n.tender);
    data.key("terms").raw(n.terms_body_json).end_object();
    auto e = audit::make_entry(official.actor(), "auction.created", {"auction", id}, data.take());
    audit_.append(sql, e);
    auto record = load_record(sql, row);
    tx.commit();
    return record;
  });
}

common::Result<AuctionRecord> AuctionService::load(const std::string& id) {
  return db_.run<AuctionRecord>([&](soci::session& sql) -> common::Result<AuctionRecord> {
    const auto h = head_of(sql, id, false);
    if (!h) return no_auction(id);
    return load_record(sql, h->row);
  });
}

common::Result<AuctionRecord> AuctionService::request_registration(const accounts::Principal& enterprise,
                                                                   const std::string& id,
                                                                   const std::string& deposit_reference) {
  return db_.run<AuctionRecord>([&](soci::session& sql) -> common::Result<AuctionRecord> {
    soci::transaction tx(sql);
    const auto h = head_of(sql, id, true);
    if (!h) return no_auction(id);
    if (h->kind != "english") {
      return make_error(ErrorCode::conflict, "A reverse auction's bidders are those of its tender; none register.");
    }
    const auto now = clock_.now();
    if (now >= h->starts_at) {
      return make_error(ErrorCode::auction_not_open,
                        "Registration closed when the auction started at " + h->starts_at.to_rfc3339() + ".");
    }
    const long long row = h->row, company = *enterprise.enterprise_id, at = now.unix_micros();
    int inserted = 0;
    sql << "WITH added AS (INSERT INTO auction_registrations (auction_id, enterprise_id, deposit_reference, "
           "requested_at) VALUES (:a, :e, :ref, " +
               db::sql_instant(":at") + ") ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*)::int FROM added",
        soci::use(row), soci::use(company), soci::use(deposit_reference), soci::use(at), soci::into(inserted);
    if (inserted > 0) {
      common::JsonWriter data;
      data.begin_object().key("deposit_reference").value(deposit_reference).end_object();
      auto e = audit::make_entry(enterprise.actor(), "auction.registration_requested", {"auction", id}, data.take());
      audit_.append(sql, e);
    }
    auto record = load_record(sql, row);
    tx.commit();
    return record;
  });
}

common::Result<matching::RegisterBidderCommand> AuctionService::confirm_registration(
    const accounts::Principal& official, const std::string& id, const std::string& enterprise) {
  using Out = matching::RegisterBidderCommand;
  return db_.run<Out>([&](soci::session& sql) -> common::Result<Out> {
    soci::transaction tx(sql);
    const auto h = head_of(sql, id, true);
    if (!h || h->created_by != official.account_id)
      return make_error(ErrorCode::not_found, "No auction " + id + " of yours.");
    const auto company = enterprise_row(enterprise);
    const long long row = h->row, company_row = company.value_or(0);
    long long confirmed = 0;
    soci::indicator asked = soci::i_null, confirmed_ind = soci::i_null;
    long long present = 0;
    sql << "SELECT 1, " + db::sql_micros("confirmed_at") +
               " FROM auction_registrations WHERE auction_id = :a AND enterprise_id = :e FOR UPDATE",
        soci::use(row), soci::use(company_row), soci::into(present, asked), soci::into(confirmed, confirmed_ind);
    if (!company || asked != soci::i_ok) {
      return make_error(ErrorCode::not_found, enterprise + " has not asked to bid in " + id + ".");
    }
    if (confirmed_ind == soci::i_ok) return Out{id, enterprise, Instant::from_unix_micros(confirmed)};
    const auto now = clock_.now();
    if (now >= h->starts_at) {
      return make_error(ErrorCode::auction_not_open,
                        "Registration closed when the auction started at " + h->starts_at.to_rfc3339() + ".");
    }
    const long long by = official.account_id, at = now.unix_micros();
    sql << "UPDATE auction_registrations SET confirmed_by = :b, confirmed_at = " + db::sql_instant(":at") +
               " WHERE auction_id = :a AND enterprise_id = :e",
        soci::use(by), soci::use(at), soci::use(row), soci::use(company_row);
    common::JsonWriter data;
    data.begin_object().key("bidder").value(enterprise).end_object();
    auto e = audit::make_entry(official.actor(), "auction.bidder_registered", {"auction", id}, data.take());
    audit_.append(sql, e);
    tx.commit();
    return Out{id, enterprise, now};
  });
}

common::Result<AuctionService::StoredBid> AuctionService::store_bid(const std::string& id,
                                                                    const AcceptedAuctionBid& bid) {
  return db_.run<StoredBid>([&](soci::session& sql) -> common::Result<StoredBid> {
    soci::transaction tx(sql);
    const auto h = head_of(sql, id, true);
    if (!h) return no_auction(id);
    const auto company = enterprise_row(bid.bidder);
    if (!company) return make_error(ErrorCode::internal, "The engine accepted a bid of " + bid.bidder + ".");
    const long long row = h->row, seq = bid.seq;
    long long stored_index = 0, stored_company = 0, stored_price = 0;
    int stored_pass = 0;
    std::string stored_key;
    soci::indicator stored = soci::i_null;
    sql << "SELECT audit_index, enterprise_id, price_fen, pass::int, idempotency_key FROM auction_bids "
           "WHERE auction_id = :a AND seq = :s",
        soci::use(row), soci::use(seq), soci::into(stored_index, stored), soci::into(stored_company),
        soci::into(stored_price), soci::into(stored_pass), soci::into(stored_key);
    if (stored == soci::i_ok) {
      // A retry, or a catch-up of a stored bid: it must be the same bid.
      if (stored_company != *company || stored_key != bid.key || (stored_pass == 1) != bid.pass ||
          (!bid.pass && stored_price != bid.price_fen)) {
        auto e = make_error(ErrorCode::internal, "The auction's record and the engine disagree.");
        e.log_detail = id + " bid " + std::to_string(bid.seq) + " is stored as another bid";
        return e;
      }
      return StoredBid{stored_index, false};
    }
    common::JsonWriter data;
    data.begin_object().key("seq").value(std::int64_t{bid.seq}).key("bidder").value(bid.bidder);
    data.key("price_fen").value(bid.price_fen).key("pass").value(bid.pass).key("at").value(bid.at.to_rfc3339());
    data.key("key").value(bid.key).end_object();
    // The bidder acts through the platform: the entry names the enterprise as its actor.
    auto e = audit::make_entry({bid.bidder, "enterprise"}, "auction.bid", {"auction", id}, data.take());
    audit_.append(sql, e);
    const long long company_row = *company, price = bid.price_fen, at = bid.at.unix_micros(), index = e.index;
    const int pass = bid.pass ? 1 : 0;
    sql << "INSERT INTO auction_bids (auction_id, seq, enterprise_id, price_fen, pass, idempotency_key, at, "
           "audit_index) VALUES (:a, :s, :e, :p, CAST(:pass AS int) = 1, :k, " +
               db::sql_instant(":at") + ", :i)",
        soci::use(row), soci::use(seq), soci::use(company_row), soci::use(price), soci::use(pass), soci::use(bid.key),
        soci::use(at), soci::use(index);
    tx.commit();
    return StoredBid{index, true};
  });
}

common::Result<std::optional<std::uint32_t>> AuctionService::first_missing_bid(const std::string& id,
                                                                               std::uint32_t accepted) {
  using Out = std::optional<std::uint32_t>;
  return db_.run<Out>([&](soci::session& sql) -> common::Result<Out> {
    const auto h = head_of(sql, id, false);
    if (!h) return no_auction(id);
    const long long row = h->row, n = accepted;
    long long missing = 0;
    soci::indicator found = soci::i_null;
    sql << "SELECT min(s) FROM generate_series(1, CAST(:n AS bigint)) s WHERE NOT EXISTS "
           "(SELECT 1 FROM auction_bids b WHERE b.auction_id = :a AND b.seq = s)",
        soci::use(n), soci::use(row), soci::into(missing, found);
    if (found != soci::i_ok) return Out{};
    return Out{static_cast<std::uint32_t>(missing)};
  });
}

common::Result<AuctionRecord> AuctionService::store_outcome(const std::string& id, const std::string& state,
                                                            const std::optional<std::string>& winner,
                                                            std::int64_t winning_price_fen, Instant ended_at,
                                                            std::uint32_t accepted) {
  return db_.run<AuctionRecord>([&](soci::session& sql) -> common::Result<AuctionRecord> {
    soci::transaction tx(sql);
    const auto h = head_of(sql, id, true);
    if (!h) return no_auction(id);
    if (h->state != "scheduled") return load_record(sql, h->row);
    const long long row = h->row, at = ended_at.unix_micros(), price = winning_price_fen;
    long long stored = 0;
    sql << "SELECT count(*) FROM auction_bids WHERE auction_id = :a", soci::use(row), soci::into(stored);
    if (stored < static_cast<long long>(accepted)) {
      return make_error(ErrorCode::conflict, "Auction " + id + " has accepted bids its record lacks yet.");
    }
    const auto winner_row = winner ? enterprise_row(*winner) : std::nullopt;
    if (winner && !winner_row)
      return make_error(ErrorCode::internal, "The engine's winner " + *winner + " is no enterprise.");
    const long long company = winner_row.value_or(0);
    soci::indicator company_ind = winner ? soci::i_ok : soci::i_null, price_ind = winner ? soci::i_ok : soci::i_null;
    sql << "UPDATE auctions SET state = :s, winner_enterprise_id = :w, winning_price_fen = :p, ended_at = " +
               db::sql_instant(":at") + " WHERE id = :r",
        soci::use(state), soci::use(company, company_ind), soci::use(price, price_ind), soci::use(at), soci::use(row);
    common::JsonWriter data;
    data.begin_object().key("state").value(state).key("winner").value_or_null(winner);
    data.key("winning_price_fen").value(winning_price_fen).key("ended_at").value(ended_at.to_rfc3339()).end_object();
    auto e = audit::make_entry(accounts::system_actor(), "auction.ended", {"auction", id}, data.take());
    audit_.append(sql, e);
    auto record = load_record(sql, row);
    tx.commit();
    return record;
  });
}

common::Result<std::vector<AuctionService::Listed>> AuctionService::list(std::size_t limit) {
  return db_.run<std::vector<Listed>>([&](soci::session& sql) -> common::Result<std::vector<Listed>> {
    std::vector<Listed> out;
    const long long n = static_cast<long long>(limit);
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT public_id, kind, title, state, " + db::sql_micros("starts_at") + ", " +
                            db::sql_micros("ended_at") + " FROM auctions ORDER BY id DESC LIMIT :n",
         soci::use(n));
    for (const auto& r : rows) {
      Listed l{r.get<std::string>(0),
               r.get<std::string>(1),
               r.get<std::string>(2),
               r.get<std::string>(3),
               Instant::from_unix_micros(r.get<long long>(4)),
               std::nullopt};
      if (r.get_indicator(5) == soci::i_ok) l.ended_at = Instant::from_unix_micros(r.get<long long>(5));
      out.push_back(std::move(l));
    }
    return out;
  });
}

common::Result<std::vector<AuctionService::Undecided>> AuctionService::undecided() {
  return db_.run<std::vector<Undecided>>([&](soci::session& sql) -> common::Result<std::vector<Undecided>> {
    std::vector<Undecided> out;
    std::map<std::string, std::size_t, std::less<>> at;
    soci::rowset<soci::row> auctions =
        (sql.prepare << "SELECT a.public_id, (SELECT count(*) FROM auction_bids b WHERE b.auction_id = a.id) "
                        "FROM auctions a WHERE a.state = 'scheduled' ORDER BY a.id");
    for (const auto& a : auctions) {
      at.emplace(a.get<std::string>(0), out.size());
      out.push_back({a.get<std::string>(0), static_cast<std::uint32_t>(a.get<long long>(1)), {}});
    }
    soci::rowset<soci::row> confirmed =
        (sql.prepare << "SELECT a.public_id, r.enterprise_id, " + db::sql_micros("r.confirmed_at") +
                            " FROM auction_registrations r JOIN auctions a ON a.id = r.auction_id "
                            "WHERE a.state = 'scheduled' AND r.confirmed_at IS NOT NULL "
                            "ORDER BY r.confirmed_at, r.enterprise_id");
    for (const auto& r : confirmed) {
      const auto it = at.find(r.get<std::string>(0));
      if (it == at.end()) continue;  // scheduled after the first query read the list
      out[it->second].confirmed.emplace_back(accounts::enterprise_public_id(r.get<long long>(1)),
                                             Instant::from_unix_micros(r.get<long long>(2)));
    }
    return out;
  });
}

common::Result<matching::AuctionTranscript> AuctionService::transcript(const std::string& id) {
  using Out = matching::AuctionTranscript;
  return db_.run<Out>([&](soci::session& sql) -> common::Result<Out> {
    const auto h = head_of(sql, id, false);
    if (!h) return no_auction(id);
    const auto record = load_record(sql, h->row);
    // The stored body is the opening's without its id: the id goes in here.
    auto parsed = matching::engine::parse_exact_json(record.terms_body_json);
    auto* body = std::get_if<matching::engine::ExactJson>(&parsed);
    if (body && body->kind == matching::engine::ExactJson::Kind::object) {
      matching::engine::ExactJson auction;
      auction.kind = matching::engine::ExactJson::Kind::string;
      auction.text = id;
      body->members.emplace_back("auction", std::move(auction));
    }
    auto decoded = body ? matching::engine::decode_auction_body("open_auction", *body) : std::nullopt;
    if (!decoded || !std::holds_alternative<matching::engine::AuctionCommand>(*decoded)) {
      return make_error(ErrorCode::internal, "The stored terms of " + id + " do not read.");
    }
    Out t;
    t.open = std::get<matching::OpenAuctionCommand>(std::get<matching::engine::AuctionCommand>(std::move(*decoded)));
    // In the order they were confirmed. (The engine numbers an ascending auction's bidders as their
    // registrations arrive, which a registration the keeper caught up may change; the numbers are
    // never shown, and views, bids and the replay name bidders by their ids.)
    for (const auto& r : record.registrations) {
      if (r.confirmed_at) t.registrations.push_back({id, r.enterprise, *r.confirmed_at});
    }
    std::stable_sort(t.registrations.begin(), t.registrations.end(),
                     [](const auto& x, const auto& y) { return x.at < y.at; });
    const long long row = h->row;
    soci::rowset<soci::row> bids =
        (sql.prepare << "SELECT idempotency_key, enterprise_id, price_fen, pass::int, " + db::sql_micros("at") +
                            " FROM auction_bids WHERE auction_id = :a ORDER BY seq",
         soci::use(row));
    for (const auto& b : bids) {
      t.bids.push_back({id, b.get<std::string>(0), accounts::enterprise_public_id(b.get<long long>(1)),
                        b.get<long long>(2), b.get<int>(3) == 1, Instant::from_unix_micros(b.get<long long>(4))});
    }
    return t;
  });
}

}  // namespace gp::server::auctions
