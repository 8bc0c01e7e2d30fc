#include "gongping/server/opening/opening_service.hpp"

#include "gongping/bidding/opening_shares.hpp"
#include "gongping/bidding/sealed_bid.hpp"
#include "gongping/bidding/tender_lifecycle.hpp"
#include "gongping/common/aes_gcm.hpp"
#include "gongping/common/crypto.hpp"
#include "gongping/common/jose.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/bids/bid_service.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/jose/jose_json.hpp"
#include "gongping/server/tenders/tender_rows.hpp"
#include "gongping/server/uploads/upload_service.hpp"

namespace gp::server::opening {
namespace {

using bids::bid_public_id;
using uploads::read_upload_chunks;

using common::ErrorCode;
using common::make_error;

// The bid that counts for each bidder: its latest version, unless that is a withdrawal.
struct CountedBid {
  std::int64_t bid_row = 0;
  std::int64_t enterprise_id = 0;
  std::string envelope;
};

std::vector<CountedBid> counted_bids(soci::session& sql, std::int64_t tender_id) {
  const long long tid = tender_id;
  std::vector<CountedBid> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT DISTINCT ON (enterprise_id) id, enterprise_id, action, envelope FROM bids "
                      "WHERE tender_id = :t ORDER BY enterprise_id, version DESC",
       soci::use(tid));
  for (const auto& r : rows) {
    if (r.get<std::string>(2) == "withdrawn") continue;
    out.push_back({r.get<long long>(0), r.get<long long>(1), r.get<std::string>(3)});
  }
  return out;
}

// Closes bidding on a tender row locked FOR UPDATE whose deadline has passed.
void close_bidding(soci::session& sql, const db::AuditLogWriter& audit, tenders::TenderRow& tender,
                   common::Instant now) {
  const int count = static_cast<int>(counted_bids(sql, tender.id).size());
  const auto event = bidding::event_at_deadline(count);
  const auto next = bidding::next_state(tender.view.state, event).value();
  const std::string reason = event == bidding::TenderEvent::fail
                                 ? "Fewer than " + std::to_string(bidding::kMinimumBidsToOpen) +
                                       " bids at the deadline (" + std::to_string(count) + ")."
                                 : "";
  tenders::update_tender_state(sql, tender.id, next, reason, now);
  common::JsonWriter data;
  data.begin_object().key("bids").value(std::int64_t{count}).key("state").value(bidding::to_string(next)).end_object();
  auto e =
      audit::make_entry(accounts::system_actor(), "tender.bidding_closed", {"tender", tender.view.id}, data.take());
  audit.append(sql, e);
  tender.view.state = next;
  tender.view.state_reason = reason;
}

// The bidder's attachments completed before the deadline, by hash, with their upload ids.
std::vector<std::pair<bidding::StoredAttachment, std::int64_t>> uploaded_in_time(soci::session& sql,
                                                                                 const tenders::TenderRow& tender,
                                                                                 std::int64_t enterprise_id) {
  const long long tid = tender.id;
  const long long enterprise = enterprise_id;
  const long long deadline = tender.view.terms.bid_deadline.unix_micros();
  std::vector<std::pair<bidding::StoredAttachment, std::int64_t>> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT name, encode(sha256, 'hex'), id FROM uploads WHERE tender_id = :t AND "
                      "enterprise_id = :e AND kind = 'attachment' AND completed_at < " +
                          db::sql_instant(":d") + " ORDER BY id",
       soci::use(tid), soci::use(enterprise), soci::use(deadline));
  for (const auto& r : rows) {
    out.push_back({{r.get<std::string>(0), r.get<std::string>(1)}, r.get<long long>(2)});
  }
  return out;
}

// Whether an uploaded attachment (ciphertext || 16-byte tag) decrypts with the bid's key and IV.
bool attachment_decrypts(soci::session& sql, std::int64_t upload_id, const bidding::SealedAttachment& a) {
  auto key = common::base64url_decode_fixed<32>(a.key_b64url);
  const auto iv = common::base64url_decode_fixed<12>(a.iv_b64url);
  if (!key || !iv) return false;
  common::Aes256GcmStreamDecryptor decryptor(*key, *iv);
  common::secure_wipe(key->data(), key->size());
  std::string held;  // the last 16 bytes seen so far: the tag, once the stream ends
  common::Bytes plain;
  std::int64_t total = 0;
  read_upload_chunks(sql, upload_id, [&](const std::string& chunk) {
    held += chunk;
    total += static_cast<std::int64_t>(chunk.size());
    if (held.size() > 16) {
      const auto ready = held.size() - 16;
      decryptor.update(reinterpret_cast<const std::uint8_t*>(held.data()), ready, plain);
      common::secure_wipe(plain.data(), plain.size());
      held.erase(0, ready);
    }
    return true;
  });
  if (held.size() != 16) return false;
  common::GcmTag tag{};
  std::copy(held.begin(), held.end(), tag.begin());
  return decryptor.finish(tag).ok() && (a.bytes < 0 || a.bytes == total - 16 || a.bytes == total);
}

// Decrypts and checks one counted bid with the rebuilt opening key.
OpenedBid open_bid(soci::session& sql, const tenders::TenderRow& tender, const CountedBid& bid,
                   const common::P256PrivateKey& key) {
  OpenedBid out;
  out.bid_id = bid_public_id(bid.bid_row);
  out.status = "undecryptable";
  auto jwe = common::parse_compact_jwe(bid.envelope);
  if (!jwe) {
    out.reason = jwe.error().detail;
    return out;
  }
  const auto& hb = jwe.value().protected_json_bytes;
  auto header = jose::parse_envelope_header(std::string_view(reinterpret_cast<const char*>(hb.data()), hb.size()));
  if (!header || !header.value().header.has_epk) {
    out.reason = "the envelope's header has no valid epk";
    return out;
  }
  auto plaintext =
      common::open_jwe_ecdh_es_a256gcm(jwe.value(), key, header.value().epk, header.value().apu, header.value().apv);
  if (!plaintext) {
    out.reason = "the envelope does not decrypt with the tender's opening key";
    return out;
  }
  auto content = jose::parse_bid_content(plaintext.value());
  common::secure_wipe(plaintext.value().data(), plaintext.value().size());
  if (!content) {
    out.reason = content.error().detail;
    return out;
  }
  const auto uploaded = uploaded_in_time(sql, tender, bid.enterprise_id);
  std::vector<bidding::StoredAttachment> stored;
  for (const auto& [attachment, id] : uploaded) stored.push_back(attachment);
  if (auto problem = bidding::content_problem(content.value(), header.value().header, stored)) {
    out.reason = *problem;
    return out;
  }
  for (const auto& a : content.value().attachments) {
    for (const auto& [attachment, id] : uploaded) {
      if (attachment.sha256_hex != a.sha256_hex) continue;
      if (!attachment_decrypts(sql, id, a)) {
        out.reason = "attachment \"" + a.name + "\" does not decrypt with the key and IV in the bid";
        return out;
      }
      break;
    }
  }
  out.status = "opened";
  out.price_fen = content.value().price_fen;
  out.size = content.value().size;
  return out;
}

OpeningRecord load_record(soci::session& sql, const tenders::TenderRow& tender) {
  OpeningRecord record;
  record.tender_id = tender.view.id;
  const long long tid = tender.id;
  long long opened_at = 0, audit_index = 0;
  sql << "SELECT " + db::sql_micros("opened_at") + ", audit_index FROM openings WHERE tender_id = :t", soci::use(tid),
      soci::into(opened_at), soci::into(audit_index);
  record.opened_at = common::Instant::from_unix_micros(opened_at);
  record.audit_index = audit_index;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT o.enterprise_id, e.name, o.bid_id, o.status, o.price_fen, o.size, o.reason "
                      "FROM opened_bids o JOIN enterprises e ON e.id = o.enterprise_id WHERE o.tender_id = :t "
                      "ORDER BY o.enterprise_id",
       soci::use(tid));
  for (const auto& r : rows) {
    OpenedBid b;
    b.bidder_id = accounts::enterprise_public_id(r.get<long long>(0));
    b.bidder_name = r.get<std::string>(1);
    b.bid_id = bid_public_id(r.get<long long>(2));
    b.status = r.get<std::string>(3);
    if (r.get_indicator(4) == soci::i_ok) b.price_fen = r.get<long long>(4);
    if (r.get_indicator(5) == soci::i_ok) b.size = r.get<std::string>(5);
    if (r.get_indicator(6) == soci::i_ok) b.reason = r.get<std::string>(6);
    record.bids.push_back(std::move(b));
  }
  return record;
}

bool is_opened(soci::session& sql, std::int64_t tender_id) {
  const long long tid = tender_id;
  long long n = 0;
  sql << "SELECT count(*) FROM openings WHERE tender_id = :t", soci::use(tid), soci::into(n);
  return n > 0;
}

}  // namespace

OpeningService::OpeningService(db::Database& database, const common::Clock& clock)
    : db_(database), clock_(clock), audit_(clock) {}

common::Result<int> OpeningService::settle_due_tenders() {
  return db_.run<int>([&](soci::session& sql) -> common::Result<int> {
    const long long now = clock_.now().unix_micros();
    std::vector<std::string> due;
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT public_id FROM tenders t WHERE state = 'published' AND bid_deadline <= " +
                            db::sql_instant(":now") +
                            " AND NOT EXISTS (SELECT 1 FROM monitoring_cases m WHERE m.subject_type = 'tender' AND "
                            "m.subject_row = t.id AND m.frozen)",  // a frozen tender waits for its case
         soci::use(now));
    for (const auto& id : rows) due.push_back(id);
    int settled = 0;
    for (const auto& id : due) {
      soci::transaction tx(sql);
      auto tender = tenders::find_tender(sql, id, tenders::RowLock::update);
      const auto at = clock_.now();
      if (tender && tender->view.state == bidding::TenderState::published && at >= tender->view.terms.bid_deadline) {
        close_bidding(sql, audit_, *tender, at);
        ++settled;
      }
      tx.commit();
    }
    return settled;
  });
}

common::Result<ShareProgress> OpeningService::submit_share(const accounts::Principal& officer,
                                                           const std::string& tender_id,
                                                           const std::string& share_text) {
  return db_.run<ShareProgress>([&](soci::session& sql) -> common::Result<ShareProgress> {
    soci::transaction tx(sql);
    auto tender = tenders::find_tender(sql, tender_id, tenders::RowLock::update);
    if (!tender || !tender->view.published_at) return make_error(ErrorCode::not_found, "No such published tender.");
    const auto now = clock_.now();
    if (tender->view.state == bidding::TenderState::published) {
      if (now < tender->view.terms.bid_deadline) {
        return make_error(ErrorCode::opening_not_due, "Shares are accepted from the opening time, " +
                                                          tender->view.terms.bid_deadline.to_rfc3339() + ".");
      }
      close_bidding(sql, audit_, *tender, now);
      if (tender->view.state != bidding::TenderState::opening) {
        tx.commit();  // the tender failed at the deadline: keep that, refuse the share
        return make_error(ErrorCode::tender_transition_refused, "The tender failed: " + tender->view.state_reason);
      }
    }
    if (tender->view.state != bidding::TenderState::opening || is_opened(sql, tender->id)) {
      return make_error(ErrorCode::tender_transition_refused,
                        "The tender is " + std::string(bidding::to_string(tender->view.state)) +
                            (is_opened(sql, tender->id) ? " and already opened." : "; it cannot be opened."));
    }

    const auto officers = tenders::tender_officers(sql, tender->id);
    const tenders::OfficerRow* mine = nullptr;
    for (const auto& o : officers) {
      if (o.account_id == officer.account_id) mine = &o;
    }
    if (mine == nullptr) return make_error(ErrorCode::forbidden, "You are not an opening officer of this tender.");
    auto share = bidding::parse_share(share_text, tender_id);
    if (!share) return share.error();
    if (share.value().x != mine->position ||
        !common::constant_time_equal(common::to_hex(common::sha256(share_text)), mine->share_sha256_hex)) {
      return make_error(ErrorCode::share_invalid,
                        "This is not the share sealed to you for this tender; decrypt your own sealed share.");
    }
    const long long tid = tender->id;
    const int position = mine->position;
    long long already = 0;
    sql << "SELECT count(*) FROM opening_share_submissions WHERE tender_id = :t AND position = :p", soci::use(tid),
        soci::use(position), soci::into(already);
    if (already > 0) return make_error(ErrorCode::share_duplicate, "You have already handed in your share.");
    const long long at = now.unix_micros();
    sql << "INSERT INTO opening_share_submissions (tender_id, position, share, submitted_at) VALUES (:t, :p, :s, " +
               db::sql_instant(":at") + ")",
        soci::use(tid), soci::use(position), soci::use(share_text), soci::use(at);
    common::JsonWriter data;
    data.begin_object().key("x").value(std::int64_t{position}).end_object();
    auto e = audit::make_entry(officer.actor(), "opening.share_submitted", {"tender", tender_id}, data.take());
    audit_.append(sql, e);

    ShareProgress progress;
    progress.threshold = tender->view.terms.opening_threshold;
    std::vector<std::string> texts;
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT share FROM opening_share_submissions WHERE tender_id = :t ORDER BY position",
         soci::use(tid));
    for (const auto& t : rows) texts.push_back(t);
    progress.received = static_cast<int>(texts.size());
    if (progress.received < progress.threshold) {
      tx.commit();
      return progress;
    }

    // k shares: rebuild the key, check it against the published one, open every counted bid.
    std::vector<bidding::OpeningShare> shares;
    for (const auto& t : texts) shares.push_back(bidding::parse_share(t, tender_id).value());
    auto scalar = bidding::combine_shares(shares);
    for (auto& s : shares) common::secure_wipe(s.y.data(), s.y.size());
    for (auto& t : texts) common::secure_wipe(t.data(), t.size());
    if (!scalar) return scalar.error();
    const common::P256PrivateKey key(scalar.value());
    common::secure_wipe(scalar.value().data(), scalar.value().size());
    const auto published = jose::parse_p256_jwk(tender->view.opening_public_jwk);
    const auto rebuilt = common::p256_public_key_of(key);
    if (!published || !rebuilt || !(rebuilt.value() == published.value().public_key)) {
      return make_error(ErrorCode::share_invalid, "The shares handed in do not rebuild this tender's opening key.");
    }

    common::JsonWriter record_json;
    record_json.begin_array();
    for (const auto& bid : counted_bids(sql, tid)) {
      auto opened = open_bid(sql, *tender, bid, key);
      const long long bid_row = bid.bid_row;
      const long long enterprise = bid.enterprise_id;
      const long long price = opened.price_fen.value_or(0);
      soci::indicator price_ind = opened.price_fen ? soci::i_ok : soci::i_null;
      soci::indicator size_ind = opened.size.empty() ? soci::i_null : soci::i_ok;
      soci::indicator reason_ind = opened.reason.empty() ? soci::i_null : soci::i_ok;
      sql << "INSERT INTO opened_bids (tender_id, bid_id, enterprise_id, status, price_fen, size, reason) "
             "VALUES (:t, :b, :e, :s, :p, :z, :r)",
          soci::use(tid), soci::use(bid_row), soci::use(enterprise), soci::use(opened.status),
          soci::use(price, price_ind), soci::use(opened.size, size_ind), soci::use(opened.reason, reason_ind);
      record_json.begin_object()
          .key("bidder_id")
          .value(accounts::enterprise_public_id(bid.enterprise_id))
          .key("bid_id")
          .value(opened.bid_id)
          .key("status")
          .value(opened.status);
      if (opened.price_fen) record_json.key("price_fen").value(*opened.price_fen);
      if (!opened.reason.empty()) record_json.key("reason").value(opened.reason);
      record_json.end_object();
    }
    record_json.end_array();
    sql << "DELETE FROM opening_share_submissions WHERE tender_id = :t", soci::use(tid);
    common::JsonWriter opened_data;
    opened_data.begin_object().key("bids").raw(record_json.str()).end_object();
    auto opened_entry = audit::make_entry(officer.actor(), "tender.opened", {"tender", tender_id}, opened_data.take());
    const long long audit_index = audit_.append(sql, opened_entry);
    sql << "INSERT INTO openings (tender_id, opened_at, audit_index) VALUES (:t, " + db::sql_instant(":at") + ", :a)",
        soci::use(tid), soci::use(at), soci::use(audit_index);
    progress.record = load_record(sql, *tender);
    tx.commit();
    return progress;
  });
}

common::Result<OpeningStatus> OpeningService::status(const std::string& tender_id) {
  return db_.run<OpeningStatus>([&](soci::session& sql) -> common::Result<OpeningStatus> {
    auto tender = tenders::find_tender(sql, tender_id);
    if (!tender || !tender->view.published_at) return make_error(ErrorCode::not_found, "No such published tender.");
    OpeningStatus s;
    s.tender_id = tender_id;
    s.state = std::string(bidding::to_string(tender->view.state));
    s.bid_deadline = tender->view.terms.bid_deadline;
    s.threshold = tender->view.terms.opening_threshold;
    s.opened = is_opened(sql, tender->id);
    const long long tid = tender->id;
    long long received = 0;
    sql << "SELECT count(*) FROM opening_share_submissions WHERE tender_id = :t", soci::use(tid), soci::into(received);
    s.shares_received = s.opened ? s.threshold : static_cast<int>(received);
    return s;
  });
}

common::Result<OpeningRecord> OpeningService::record(const std::string& tender_id) {
  return db_.run<OpeningRecord>([&](soci::session& sql) -> common::Result<OpeningRecord> {
    auto tender = tenders::find_tender(sql, tender_id);
    if (!tender || !tender->view.published_at || !is_opened(sql, tender->id)) {
      return make_error(ErrorCode::not_found, "This tender has no opening record yet.");
    }
    return load_record(sql, *tender);
  });
}

common::Result<void> OpeningService::respond(const accounts::Principal& bidder, const std::string& tender_id,
                                             const std::string& kind, const std::string& text) {
  if (kind != "confirmed" && kind != "objection") {
    return common::Error::validation({{"kind", "must be confirmed or objection"}});
  }
  if (kind == "objection" && text.empty()) return common::Error::validation({{"text", "must say what is objected to"}});
  return db_.run<void>([&](soci::session& sql) -> common::Result<void> {
    soci::transaction tx(sql);
    auto tender = tenders::find_tender(sql, tender_id);
    if (!tender || !tender->view.published_at || !is_opened(sql, tender->id)) {
      return make_error(ErrorCode::not_found, "This tender has no opening record yet.");
    }
    const long long tid = tender->id;
    const long long enterprise = bidder.enterprise_id.value_or(0);
    long long bid_count = 0;
    sql << "SELECT count(*) FROM opened_bids WHERE tender_id = :t AND enterprise_id = :e", soci::use(tid),
        soci::use(enterprise), soci::into(bid_count);
    if (bid_count == 0) return make_error(ErrorCode::forbidden, "Only bidders in the opening record may respond.");
    const long long at = clock_.now().unix_micros();
    sql << "INSERT INTO opening_responses (tender_id, enterprise_id, kind, text, at) VALUES (:t, :e, :k, :x, " +
               db::sql_instant(":at") + ")",
        soci::use(tid), soci::use(enterprise), soci::use(kind), soci::use(text), soci::use(at);
    common::JsonWriter data;
    data.begin_object().key("kind").value(kind).key("text").value(text).end_object();
    auto e = audit::make_entry(bidder.actor(), "opening." + kind, {"tender", tender_id}, data.take());
    audit_.append(sql, e);
    tx.commit();
    return common::Ok{};
  });
}

}  // namespace gp::server::opening
