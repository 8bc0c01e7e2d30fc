#include "gongping/server/bids/bid_service.hpp"

#include <algorithm>
#include <future>
#include <map>
#include <set>

#include "gongping/bidding/sealed_bid.hpp"
#include "gongping/common/crypto.hpp"
#include "gongping/common/jose.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/db/sql_arrays.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/enterprises/credential_service.hpp"
#include "gongping/server/jose/jose_json.hpp"
#include "gongping/server/tenders/tender_rows.hpp"

namespace gp::server::bids {
namespace {

using common::ErrorCode;
using common::make_error;

common::Result<void> check_idempotency_key(const std::string& key) {
  if (key.empty() || key.size() > kMaxIdempotencyKeyBytes) {
    return common::Error::validation(
        {{"Idempotency-Key", "header is required: 1 to 128 visible ASCII characters, new for each bid action"}});
  }
  for (unsigned char c : key) {
    if (c < 0x21 || c > 0x7e) return common::Error::validation({{"Idempotency-Key", "must be visible ASCII"}});
  }
  return common::Ok{};
}

// The envelope's form and bindings, checked before any database work.
common::Result<jose::ParsedEnvelopeHeader> read_envelope(const std::string& envelope) {
  if (envelope.size() > kMaxEnvelopeBytes) {
    return make_error(ErrorCode::envelope_invalid,
                      "The sealed bid is larger than 512 KiB; put documents in attachments.");
  }
  auto jwe = common::parse_compact_jwe(envelope);
  if (!jwe) return jwe.error();
  const auto& header_bytes = jwe.value().protected_json_bytes;
  return jose::parse_envelope_header(
      std::string_view(reinterpret_cast<const char*>(header_bytes.data()), header_bytes.size()));
}

using TenderBidder = std::pair<std::int64_t, std::int64_t>;  // tender row, enterprise row

struct Stored {  // a bid row found by idempotency key
  std::string request_hash;
  IssuedReceipt receipt;
};

}  // namespace

// A queued request, what was derived from it, and its outcome.
struct BidService::Pending {
  BidRequest request;
  Completion done;
  std::optional<jose::ParsedEnvelopeHeader> header;
  std::string envelope_hash;  // hex; empty for a withdrawal
  std::string request_hash;   // hex, over everything that makes two requests "the same"
  std::optional<common::Result<IssuedReceipt>> outcome;
  // Set when accepted in this batch:
  std::int64_t tender_row = 0;
  std::int64_t bid_row = 0;
  int version = 0;
  bidding::BidAction action = bidding::BidAction::submitted;
  common::Instant received_at;
  std::vector<std::int64_t> credential_rows;
  std::size_t audit_slot = 0;
  bool in_failed_transaction = false;

  std::int64_t enterprise() const { return request.bidder.enterprise_id.value_or(0); }
};

std::string bid_public_id(std::int64_t row_id) { return accounts::format_public_id('B', row_id); }

BidService::BidService(db::Database& database, const common::Clock& clock, const ReceiptSigner& signer,
                       std::string issuer, BidBatchSettings batch)
    : db_(database), clock_(clock), signer_(signer), issuer_(std::move(issuer)), batch_settings_(batch), audit_(clock) {
  for (std::size_t i = 0; i < std::max<std::size_t>(1, batch_settings_.writers); ++i) {
    writers_.emplace_back([this] { write_loop(); });
  }
}

BidService::~BidService() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& w : writers_) w.join();
}

void BidService::record_async(BidRequest request, Completion done) {
  Pending pending{std::move(request), std::move(done)};
  // What needs no database is checked on the caller's thread, so that writers only write.
  if (auto ok = prepare(pending); !ok) {
    pending.done(ok.error());
    return;
  }
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() < batch_settings_.max_queued && !stopping_) {
      queue_.push_back(std::move(pending));
      wake_.notify_one();
      return;
    }
  }
  common::Error error = make_error(ErrorCode::overloaded, "The server is busy; try again shortly.");
  error.retry_after_seconds = 1;
  pending.done(std::move(error));
}

common::Result<IssuedReceipt> BidService::record(BidRequest request) {
  std::promise<common::Result<IssuedReceipt>> promise;
  auto future = promise.get_future();
  record_async(std::move(request), [&promise](common::Result<IssuedReceipt> r) { promise.set_value(std::move(r)); });
  return future.get();
}

void BidService::write_loop() {
  while (true) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left
      const auto n = std::min(queue_.size(), batch_settings_.max_batch);
      batch.assign(std::make_move_iterator(queue_.begin()),
                   std::make_move_iterator(queue_.begin() + static_cast<std::ptrdiff_t>(n)));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    }
    if (!write_batch(batch) && batch.size() > 1) {
      // The batch failed as a whole (a lost connection, a constraint): retry its requests one by
      // one, so that one bad request cannot take the others down with it.
      for (auto& p : batch) {
        if (!p.in_failed_transaction) {
          p.done(std::move(*p.outcome));
          continue;
        }
        std::vector<Pending> single;
        single.push_back(std::move(p));
        single[0].outcome.reset();
        single[0].in_failed_transaction = false;
        single[0].credential_rows.clear();
        write_batch(single);
        single[0].done(std::move(*single[0].outcome));
      }
      continue;
    }
    for (auto& p : batch) p.done(std::move(*p.outcome));
  }
}

common::Result<void> BidService::prepare(Pending& p) {
  if (auto ok = check_idempotency_key(p.request.idempotency_key); !ok) return ok.error();
  if (p.request.envelope) {
    auto parsed = read_envelope(*p.request.envelope);
    if (!parsed) return parsed.error();
    p.header = std::move(parsed).value();
    p.envelope_hash = common::to_hex(common::sha256(*p.request.envelope));
  }
  common::Sha256Stream request;
  request.update(p.request.tender_id);
  request.update(p.request.envelope ? "\nsubmit\n" : "\nwithdraw");
  if (p.request.envelope) request.update(*p.request.envelope);
  for (const auto& c : p.request.credential_ids) {
    request.update("\n");
    request.update(c);
  }
  p.request_hash = common::to_hex(request.finish());
  return common::Ok{};
}

bool BidService::write_batch(std::vector<Pending>& batch) {
  std::vector<Pending*> live;
  for (auto& p : batch) {
    if (!p.outcome) live.push_back(&p);
  }
  if (live.empty()) return true;

  auto written = db_.run<common::Ok>([&](soci::session& sql) -> common::Result<common::Ok> {
    soci::transaction tx(sql);
    // The tenders, locked against state changes (closing at the deadline) until the commit.
    std::map<std::string, std::optional<tenders::TenderRow>> tenders_by_id;
    for (auto* p : live) {
      if (!tenders_by_id.contains(p->request.tender_id)) {
        tenders_by_id[p->request.tender_id] = tenders::find_tender(sql, p->request.tender_id, tenders::RowLock::share);
      }
    }
    for (auto* p : live) {
      const auto& t = tenders_by_id[p->request.tender_id];
      if (!t || !t->view.published_at) {
        p->outcome = make_error(ErrorCode::not_found, "No such published tender.");
      } else {
        p->tender_row = t->id;
      }
    }
    std::erase_if(live, [](Pending* p) { return p->outcome.has_value(); });

    // One bidder's actions on one tender take turns across batches and servers: advisory locks,
    // taken in a fixed order so that two batches cannot deadlock.
    std::set<TenderBidder> pairs;
    for (auto* p : live) pairs.insert({p->tender_row, p->enterprise()});
    std::vector<std::int64_t> pair_tenders, pair_bidders;
    for (const auto& [t, e] : pairs) {
      pair_tenders.push_back(t);
      pair_bidders.push_back(e);
    }
    const std::string tender_array = db::pg_bigint_array(pair_tenders);
    const std::string bidder_array = db::pg_bigint_array(pair_bidders);
    if (!pairs.empty()) {
      sql << "SELECT count(pg_advisory_xact_lock(t::int, e::int)) FROM "
             "unnest(CAST(:t AS bigint[]), CAST(:e AS bigint[])) AS r(t, e)",
          soci::use(tender_array), soci::use(bidder_array);
    }

    // Earlier requests with the same keys, and each bidder's latest version, in one query each.
    std::map<std::pair<std::int64_t, std::string>, Stored> stored;
    {
      std::vector<std::int64_t> enterprises;
      std::vector<std::string> keys;
      for (auto* p : live) {
        enterprises.push_back(p->enterprise());
        keys.push_back(p->request.idempotency_key);
      }
      const std::string e_array = db::pg_bigint_array(enterprises);
      const std::string k_array = db::pg_text_array(keys);
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT b.enterprise_id, b.idempotency_key, encode(b.request_sha256, 'hex'), b.receipt, "
                          "b.id, b.action, b.audit_index, " +
                              db::sql_micros("b.received_at") +
                              " FROM bids b JOIN unnest(CAST(:e AS bigint[]), CAST(:k AS text[])) AS r(e, k) "
                              "ON b.enterprise_id = r.e AND b.idempotency_key = r.k",
           soci::use(e_array), soci::use(k_array));
      for (const auto& r : rows) {
        Stored s;
        s.request_hash = r.get<std::string>(2);
        s.receipt =
            IssuedReceipt{r.get<std::string>(3),
                          bid_public_id(r.get<long long>(4)),
                          bidding::parse_bid_action(r.get<std::string>(5)).value_or(bidding::BidAction::submitted),
                          common::Instant::from_unix_micros(r.get<long long>(7)),
                          r.get<long long>(6),
                          true};
        stored[{r.get<long long>(0), r.get<std::string>(1)}] = std::move(s);
      }
    }
    std::map<TenderBidder, std::pair<int, bool>> latest;  // version, whether it is a live (not withdrawn) bid
    if (!pairs.empty()) {
      soci::rowset<soci::row> rows =
          // The newest version only, by a backward index scan per bidder: a bidder that has
          // replaced its bid a hundred times costs no more than one that bid once.
          (sql.prepare << "SELECT r.t, r.e, b.version, b.action FROM unnest(CAST(:t AS bigint[]), "
                          "CAST(:e AS bigint[])) AS r(t, e) CROSS JOIN LATERAL (SELECT version, action FROM bids "
                          "WHERE tender_id = r.t AND enterprise_id = r.e ORDER BY version DESC LIMIT 1) b",
           soci::use(tender_array), soci::use(bidder_array));
      for (const auto& r : rows) {
        latest[{r.get<long long>(0), r.get<long long>(1)}] = {r.get<int>(2), r.get<std::string>(3) != "withdrawn"};
      }
    }

    // Decide each request in arrival order, by the clock at this moment.
    std::vector<Pending*> accepted;
    for (auto* p : live) {
      const auto key = std::make_pair(p->enterprise(), p->request.idempotency_key);
      if (const auto found = stored.find(key); found != stored.end()) {
        if (found->second.request_hash != p->request_hash) {
          p->outcome = make_error(ErrorCode::idempotency_key_reused,
                                  "This Idempotency-Key was already used for a different bid action; use a new key.");
        } else {
          p->outcome = found->second.receipt;
        }
        continue;
      }
      const auto& tender = *tenders_by_id[p->request.tender_id];
      if (p->header) {
        if (auto ok = bidding::check_envelope_header(p->header->header, p->request.tender_id, tender.view.opening_kid,
                                                     p->request.bidder.public_id);
            !ok) {
          p->outcome = ok.error();
          continue;
        }
      }
      const auto now = clock_.now();
      const auto& terms = tender.view.terms;
      if (tender.view.state != bidding::TenderState::published && now < terms.bid_deadline) {
        p->outcome =
            make_error(ErrorCode::tender_transition_refused,
                       "The tender is " + std::string(bidding::to_string(tender.view.state)) + "; it takes no bids.");
        continue;
      }
      if (tender.view.state != bidding::TenderState::published || now >= terms.bid_deadline) {
        p->outcome = make_error(ErrorCode::bid_deadline_passed,
                                "Bids for this tender closed at " + terms.bid_deadline.to_rfc3339() +
                                    "; the server received this at " + now.to_rfc3339() + ".");
        continue;
      }
      if (p->request.envelope) {
        auto loaded = enterprises::load_own_credentials(sql, p->enterprise(), p->request.credential_ids);
        if (!loaded) {
          p->outcome = loaded.error();
          continue;
        }
        std::vector<bidding::Credential> referenced;
        for (const auto& [row, c] : loaded.value()) {
          referenced.push_back(c);
          p->credential_rows.push_back(row);
        }
        if (auto ok = bidding::check_bid_credentials(referenced, terms.qualification_requirements, terms.bid_deadline);
            !ok) {
          p->outcome = ok.error();
          continue;
        }
      }
      auto& [version, live_bid] = latest[{p->tender_row, p->enterprise()}];
      if (!p->request.envelope) {
        if (!live_bid) {
          p->outcome = make_error(ErrorCode::not_found, "You have no bid on this tender to withdraw.");
          continue;
        }
        p->action = bidding::BidAction::withdrawn;
      } else {
        p->action = live_bid ? bidding::BidAction::replaced : bidding::BidAction::submitted;
      }
      p->version = ++version;
      live_bid = p->request.envelope.has_value();
      p->received_at = now;
      // A second request with the same key later in this batch is a retry of this one.
      stored[key] = Stored{p->request_hash, IssuedReceipt{}};
      accepted.push_back(p);
    }
    if (accepted.empty()) {
      tx.commit();
      return common::Ok{};
    }

    // Row ids, audit entries (one reservation), receipts, then every row in one INSERT.
    {
      const long long n = static_cast<long long>(accepted.size());
      soci::rowset<long long> ids =
          (sql.prepare << "SELECT nextval(pg_get_serial_sequence('bids', 'id')) FROM generate_series(1, :n)",
           soci::use(n));
      std::size_t i = 0;
      for (const auto id : ids) accepted[i++]->bid_row = id;
    }
    std::vector<audit::AuditEntry> entries;
    for (auto* p : accepted) {
      common::JsonWriter data;
      data.begin_object().key("bid_id").value(bid_public_id(p->bid_row)).key("version").value(std::int64_t{p->version});
      if (p->request.envelope) data.key("envelope_sha256").value(p->envelope_hash);
      data.end_object();
      auto e = audit::make_entry(p->request.bidder.actor(), "bid." + std::string(bidding::to_string(p->action)),
                                 {"tender", p->request.tender_id}, data.take());
      p->audit_slot = entries.size();
      entries.push_back(std::move(e));
    }
    audit_.append_all(sql, entries);

    std::vector<std::int64_t> ids, tender_rows, enterprise_rows, versions, received, audit_indices;
    std::vector<std::string> actions, keys, request_hashes, receipts;
    std::vector<std::optional<std::string>> envelopes, envelope_hashes;
    std::vector<std::int64_t> credential_bids, credential_ids;
    std::vector<std::string> origin_addresses;
    std::vector<std::optional<std::string>> origin_devices;
    for (auto* p : accepted) {
      bidding::BidReceiptFacts facts;
      facts.issuer = issuer_;
      facts.tender_id = p->request.tender_id;
      facts.bidder_id = p->request.bidder.public_id;
      facts.bid_id = bid_public_id(p->bid_row);
      facts.action = p->action;
      facts.envelope_sha256_hex = p->envelope_hash;
      facts.received_at = p->received_at;
      facts.audit_index = entries[p->audit_slot].index;
      const std::string receipt = signer_.sign(bidding::receipt_payload(facts));
      p->outcome = IssuedReceipt{receipt, facts.bid_id, p->action, p->received_at, facts.audit_index, false};
      stored[{p->enterprise(), p->request.idempotency_key}].receipt = p->outcome->value();
      ids.push_back(p->bid_row);
      tender_rows.push_back(p->tender_row);
      enterprise_rows.push_back(p->enterprise());
      versions.push_back(p->version);
      received.push_back(p->received_at.unix_micros());
      audit_indices.push_back(facts.audit_index);
      actions.emplace_back(bidding::to_string(p->action));
      keys.push_back(p->request.idempotency_key);
      request_hashes.push_back(p->request_hash);
      receipts.push_back(receipt);
      envelopes.push_back(p->request.envelope);
      envelope_hashes.push_back(p->request.envelope ? std::optional<std::string>(p->envelope_hash) : std::nullopt);
      for (const auto c : p->credential_rows) {
        credential_bids.push_back(p->bid_row);
        credential_ids.push_back(c);
      }
      origin_addresses.push_back(p->request.remote_address);
      origin_devices.push_back(p->request.device);
    }
    const std::string a_ids = db::pg_bigint_array(ids), a_tenders = db::pg_bigint_array(tender_rows),
                      a_enterprises = db::pg_bigint_array(enterprise_rows), a_versions = db::pg_bigint_array(versions),
                      a_actions = db::pg_text_array(actions), a_envelopes = db::pg_text_array(envelopes),
                      a_envelope_hashes = db::pg_text_array(envelope_hashes), a_keys = db::pg_text_array(keys),
                      a_request_hashes = db::pg_text_array(request_hashes), a_received = db::pg_bigint_array(received),
                      a_audit = db::pg_bigint_array(audit_indices), a_receipts = db::pg_text_array(receipts);
    sql << "INSERT INTO bids (id, tender_id, enterprise_id, version, action, envelope, envelope_sha256, "
           "idempotency_key, request_sha256, received_at, audit_index, receipt) "
           "SELECT id, t, e, v, a, env, decode(eh, 'hex'), k, decode(rh, 'hex'), " +
               db::sql_instant("at") +
               ", ai, r FROM unnest(CAST(:id AS bigint[]), CAST(:t AS bigint[]), CAST(:e AS bigint[]), "
               "CAST(:v AS int[]), CAST(:a AS text[]), CAST(:env AS text[]), CAST(:eh AS text[]), "
               "CAST(:k AS text[]), CAST(:rh AS text[]), CAST(:at AS bigint[]), CAST(:ai AS bigint[]), "
               "CAST(:r AS text[])) AS x(id, t, e, v, a, env, eh, k, rh, at, ai, r)",
        soci::use(a_ids), soci::use(a_tenders), soci::use(a_enterprises), soci::use(a_versions), soci::use(a_actions),
        soci::use(a_envelopes), soci::use(a_envelope_hashes), soci::use(a_keys), soci::use(a_request_hashes),
        soci::use(a_received), soci::use(a_audit), soci::use(a_receipts);
    const std::string a_addresses = db::pg_text_array(origin_addresses), a_devices = db::pg_text_array(origin_devices);
    sql << "INSERT INTO bid_origins (bid_id, remote_address, device) SELECT b, r, d FROM unnest(CAST(:b AS bigint[]), "
           "CAST(:r AS text[]), CAST(:d AS text[])) AS x(b, r, d)",
        soci::use(a_ids), soci::use(a_addresses), soci::use(a_devices);
    if (!credential_bids.empty()) {
      const std::string a_cb = db::pg_bigint_array(credential_bids), a_ci = db::pg_bigint_array(credential_ids);
      sql << "INSERT INTO bid_credentials (bid_id, credential_id) SELECT * FROM "
             "unnest(CAST(:b AS bigint[]), CAST(:c AS bigint[]))",
          soci::use(a_cb), soci::use(a_ci);
    }
    tx.commit();
    return common::Ok{};
  });
  if (!written) {
    // Nothing of this batch was committed: whatever was decided inside is void.
    for (auto& p : batch) {
      if (p.request_hash.empty()) continue;  // refused before the transaction
      p.outcome = written.error();
      p.in_failed_transaction = true;
    }
    return false;
  }
  // A duplicate of a request accepted in this same batch answers that request's receipt.
  for (auto& p : batch) {
    if (p.outcome && p.outcome->ok() && p.outcome->value().receipt.empty()) {
      for (auto& q : batch) {
        if (&q != &p && q.outcome && q.outcome->ok() && !q.outcome->value().receipt.empty() &&
            q.enterprise() == p.enterprise() && q.request.idempotency_key == p.request.idempotency_key) {
          auto replay = q.outcome->value();
          replay.replayed = true;
          p.outcome = replay;
        }
      }
    }
  }
  return true;
}

common::Result<std::vector<BidVersion>> BidService::own_bids(const accounts::Principal& bidder,
                                                             const std::string& tender_id) {
  return db_.run<std::vector<BidVersion>>([&](soci::session& sql) -> common::Result<std::vector<BidVersion>> {
    auto tender = tenders::find_tender(sql, tender_id);
    if (!tender || !tender->view.published_at) return make_error(ErrorCode::not_found, "No such published tender.");
    const long long tid = tender->id;
    const long long enterprise = bidder.enterprise_id.value_or(0);
    std::vector<BidVersion> out;
    std::vector<long long> row_ids;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, version, action, encode(envelope_sha256, 'hex'), " + db::sql_micros("received_at") +
                            ", receipt FROM bids WHERE tender_id = :t AND enterprise_id = :e ORDER BY version",
         soci::use(tid), soci::use(enterprise));
    for (const auto& r : rows) {
      BidVersion v;
      row_ids.push_back(r.get<long long>(0));
      v.bid_id = bid_public_id(r.get<long long>(0));
      v.version = r.get<int>(1);
      v.action = bidding::parse_bid_action(r.get<std::string>(2)).value_or(bidding::BidAction::submitted);
      if (r.get_indicator(3) == soci::i_ok) v.envelope_sha256_hex = r.get<std::string>(3);
      v.received_at = common::Instant::from_unix_micros(r.get<long long>(4));
      v.receipt = r.get<std::string>(5);
      out.push_back(std::move(v));
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
      const long long bid_row = row_ids[i];
      soci::rowset<long long> ids =
          (sql.prepare << "SELECT credential_id FROM bid_credentials WHERE bid_id = :b ORDER BY credential_id",
           soci::use(bid_row));
      for (const auto id : ids) out[i].credential_ids.push_back(enterprises::credential_public_id(id));
    }
    return out;
  });
}

}  // namespace gp::server::bids
