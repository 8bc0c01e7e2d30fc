#include "gongping/server/bids/bid_service.hpp"

#include <cstdio>

#include "gongping/bidding/sealed_bid.hpp"
#include "gongping/common/crypto.hpp"
#include "gongping/common/jose.hpp"
#include "gongping/common/json_writer.hpp"
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

}  // namespace

std::string bid_public_id(std::int64_t row_id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "B-%06lld", static_cast<long long>(row_id));
  return buf;
}

BidService::BidService(db::Database& database, const common::Clock& clock, const ReceiptSigner& signer,
                       std::string issuer)
    : db_(database), clock_(clock), signer_(signer), issuer_(std::move(issuer)), audit_(clock) {}

common::Result<IssuedReceipt> BidService::submit(const accounts::Principal& bidder, const std::string& tender_id,
                                                 const std::string& envelope, const std::string& idempotency_key,
                                                 const std::vector<std::string>& credential_ids) {
  return record(bidder, tender_id, &envelope, idempotency_key, credential_ids);
}

common::Result<IssuedReceipt> BidService::withdraw(const accounts::Principal& bidder, const std::string& tender_id,
                                                   const std::string& idempotency_key) {
  return record(bidder, tender_id, nullptr, idempotency_key, {});
}

common::Result<IssuedReceipt> BidService::record(const accounts::Principal& bidder, const std::string& tender_id,
                                                 const std::string* envelope, const std::string& idempotency_key,
                                                 const std::vector<std::string>& credential_ids) {
  if (auto ok = check_idempotency_key(idempotency_key); !ok) return ok.error();
  std::optional<jose::ParsedEnvelopeHeader> header;
  if (envelope != nullptr) {
    auto parsed = read_envelope(*envelope);
    if (!parsed) return parsed.error();
    header = std::move(parsed).value();
  }
  const std::string envelope_hash = envelope ? common::to_hex(common::sha256(*envelope)) : "";
  std::string request_text = tender_id + "\n" + (envelope ? "submit\n" + *envelope : "withdraw");
  for (const auto& c : credential_ids) request_text += "\n" + c;
  const std::string request_hash = common::to_hex(common::sha256(request_text));
  const long long enterprise = bidder.enterprise_id.value_or(0);

  return db_.run<IssuedReceipt>([&](soci::session& sql) -> common::Result<IssuedReceipt> {
    soci::transaction tx(sql);
    auto tender = tenders::find_tender(sql, tender_id, tenders::RowLock::share);
    if (!tender || !tender->view.published_at) return make_error(ErrorCode::not_found, "No such published tender.");
    // One bidder's actions on one tender take turns, so versions never collide.
    const long long tid = tender->id;
    sql << "SELECT pg_advisory_xact_lock(:t::int, :e::int)", soci::use(tid), soci::use(enterprise);

    // A retry of an accepted request answers the same receipt.
    {
      std::string stored_hash, receipt, action;
      long long bid_id = 0, audit_index = 0, received = 0;
      sql << "SELECT encode(request_sha256, 'hex'), receipt, id, action, audit_index, " +
                 db::sql_micros("received_at") + " FROM bids WHERE enterprise_id = :e AND idempotency_key = :k",
          soci::use(enterprise), soci::use(idempotency_key), soci::into(stored_hash), soci::into(receipt),
          soci::into(bid_id), soci::into(action), soci::into(audit_index), soci::into(received);
      if (sql.got_data()) {
        if (stored_hash != request_hash) {
          return make_error(ErrorCode::idempotency_key_reused,
                            "This Idempotency-Key was already used for a different bid action; use a new key.");
        }
        return IssuedReceipt{receipt,
                             bid_public_id(bid_id),
                             bidding::parse_bid_action(action).value_or(bidding::BidAction::submitted),
                             common::Instant::from_unix_micros(received),
                             audit_index,
                             true};
      }
    }

    if (header) {
      if (auto ok =
              bidding::check_envelope_header(header->header, tender_id, tender->view.opening_kid, bidder.public_id);
          !ok) {
        return ok.error();
      }
    }
    const auto now = clock_.now();
    if (tender->view.state != bidding::TenderState::published && now < tender->view.terms.bid_deadline) {
      return make_error(ErrorCode::tender_transition_refused,
                        "The tender is " + std::string(bidding::to_string(tender->view.state)) + "; it takes no bids.");
    }
    if (tender->view.state != bidding::TenderState::published || now >= tender->view.terms.bid_deadline) {
      return make_error(ErrorCode::bid_deadline_passed, "Bids for this tender closed at " +
                                                            tender->view.terms.bid_deadline.to_rfc3339() +
                                                            "; the server received this at " + now.to_rfc3339() + ".");
    }

    std::vector<std::pair<std::int64_t, bidding::Credential>> credentials;
    if (envelope != nullptr) {
      auto loaded = enterprises::load_own_credentials(sql, enterprise, credential_ids);
      if (!loaded) return loaded.error();
      credentials = std::move(loaded).value();
      std::vector<bidding::Credential> referenced;
      for (const auto& [row, c] : credentials) referenced.push_back(c);
      if (auto ok = bidding::check_bid_credentials(referenced, tender->view.terms.qualification_requirements,
                                                   tender->view.terms.bid_deadline);
          !ok) {
        return ok.error();
      }
    }

    int latest_version = 0;
    std::string latest_action;
    soci::indicator latest_ind = soci::i_null;
    sql << "SELECT version, action FROM bids WHERE tender_id = :t AND enterprise_id = :e ORDER BY version DESC LIMIT 1",
        soci::use(tid), soci::use(enterprise), soci::into(latest_version), soci::into(latest_action, latest_ind);
    const bool has_live_bid = sql.got_data() && latest_action != "withdrawn";
    bidding::BidAction action = bidding::BidAction::submitted;
    if (envelope == nullptr) {
      if (!has_live_bid) return make_error(ErrorCode::not_found, "You have no bid on this tender to withdraw.");
      action = bidding::BidAction::withdrawn;
    } else if (has_live_bid) {
      action = bidding::BidAction::replaced;
    }

    long long bid_row = 0;
    sql << "SELECT nextval(pg_get_serial_sequence('bids', 'id'))", soci::into(bid_row);
    const std::string bid_id = bid_public_id(bid_row);
    const std::string action_name(bidding::to_string(action));

    common::JsonWriter data;
    data.begin_object().key("bid_id").value(bid_id).key("version").value(std::int64_t{latest_version + 1});
    if (envelope) data.key("envelope_sha256").value(envelope_hash);
    data.end_object();
    audit::AuditEntry e;
    e.actor = bidder.actor();
    e.action = "bid." + action_name;
    e.object = {"tender", tender_id};
    e.data_json = data.take();
    const auto audit_index = audit_.append(sql, e);

    bidding::BidReceiptFacts facts;
    facts.issuer = issuer_;
    facts.tender_id = tender_id;
    facts.bidder_id = bidder.public_id;
    facts.bid_id = bid_id;
    facts.action = action;
    facts.envelope_sha256_hex = envelope_hash;
    facts.received_at = now;
    facts.audit_index = audit_index;
    const std::string receipt = signer_.sign(bidding::receipt_payload(facts));

    const int version = latest_version + 1;
    const long long received = now.unix_micros();
    const long long audit_idx = audit_index;
    const std::string envelope_text = envelope ? *envelope : "";
    soci::indicator envelope_ind = envelope ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO bids (id, tender_id, enterprise_id, version, action, envelope, envelope_sha256, "
           "idempotency_key, request_sha256, received_at, audit_index, receipt) VALUES (:id, :t, :e, :v, :a, :env, "
           "decode(:eh, 'hex'), :k, decode(:rh, 'hex'), " +
               db::sql_instant(":at") + ", :ai, :r)",
        soci::use(bid_row), soci::use(tid), soci::use(enterprise), soci::use(version), soci::use(action_name),
        soci::use(envelope_text, envelope_ind), soci::use(envelope_hash, envelope_ind), soci::use(idempotency_key),
        soci::use(request_hash), soci::use(received), soci::use(audit_idx), soci::use(receipt);
    for (const auto& [credential_row, c] : credentials) {
      const long long credential = credential_row;
      sql << "INSERT INTO bid_credentials (bid_id, credential_id) VALUES (:b, :c)", soci::use(bid_row),
          soci::use(credential);
    }
    tx.commit();
    return IssuedReceipt{receipt, bid_id, action, now, audit_index, false};
  });
}

common::Result<std::vector<BidVersion>> BidService::own_bids(const accounts::Principal& bidder,
                                                             const std::string& tender_id) {
  return db_.run<std::vector<BidVersion>>([&](soci::session& sql) -> common::Result<std::vector<BidVersion>> {
    auto tender = tenders::find_tender(sql, tender_id);
    if (!tender || !tender->view.published_at) return make_error(ErrorCode::not_found, "No such published tender.");
    const long long tid = tender->id;
    const long long enterprise = bidder.enterprise_id.value_or(0);
    std::vector<BidVersion> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, version, action, encode(envelope_sha256, 'hex'), " + db::sql_micros("received_at") +
                            ", receipt FROM bids WHERE tender_id = :t AND enterprise_id = :e ORDER BY version",
         soci::use(tid), soci::use(enterprise));
    std::vector<long long> row_ids;
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
      auto& v = out[i];
      const long long bid_row = row_ids[i];
      soci::rowset<long long> ids =
          (sql.prepare << "SELECT credential_id FROM bid_credentials WHERE bid_id = :b ORDER BY credential_id",
           soci::use(bid_row));
      for (const auto id : ids) v.credential_ids.push_back(enterprises::credential_public_id(id));
    }
    return out;
  });
}

}  // namespace gp::server::bids
