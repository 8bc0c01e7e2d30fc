#include "gongping/server/awards/award_service.hpp"

#include <rapidjson/document.h>

#include <algorithm>

#include "gongping/bidding/award.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/db/sql_arrays.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/filing/project_ledger.hpp"
#include "gongping/server/tenders/tender_rows.hpp"

namespace gp::server::awards {
namespace {

using common::ErrorCode;
using common::make_error;

// The signed-off ranking of the tender, from the stored result document; not_found before sign-off.
common::Result<std::vector<bidding::RankedBidder>> signed_off_ranking(soci::session& sql, std::int64_t tender_row) {
  const long long tid = tender_row;
  std::string result;
  soci::indicator ind = soci::i_null;
  sql << "SELECT result FROM evaluations WHERE tender_id = :t AND closed_at IS NOT NULL", soci::use(tid),
      soci::into(result, ind);
  if (!sql.got_data() || ind != soci::i_ok) {
    return make_error(ErrorCode::tender_transition_refused, "The panel has not signed off the evaluation yet.");
  }
  rapidjson::Document doc;
  doc.Parse(result.c_str(), result.size());
  std::vector<bidding::RankedBidder> ranking;
  if (doc.IsObject() && doc.HasMember("results") && doc["results"].IsArray()) {
    for (const auto& row : doc["results"].GetArray()) {
      ranking.push_back({row["bidder"].GetString(), row["rank"].GetInt64()});
    }
  }
  return ranking;
}

bool is_overseer(const std::optional<accounts::Principal>& p, const tenders::TenderRow& t) {
  return p &&
         (p->role == common::Role::supervisor || (p->role == common::Role::official && p->account_id == t.created_by));
}

std::optional<AwardView> load_award(soci::session& sql, const tenders::TenderRow& tender,
                                    const std::optional<accounts::Principal>& reader) {
  const long long tid = tender.id;
  AwardView v;
  v.tender_id = tender.view.id;
  long long winner = 0, announced = 0, ends = 0, notice = 0, price = 0;
  std::string recommended, reason;
  soci::indicator reason_ind = soci::i_null, notice_ind = soci::i_null, price_ind = soci::i_null;
  sql << "SELECT a.winner_enterprise_id, e.name, a.recommended::text, a.deviation_reason, " +
             db::sql_micros("a.announced_at") + ", " + db::sql_micros("a.publicity_ends_at") + ", " +
             db::sql_micros("a.notice_at") +
             ", o.price_fen FROM awards a JOIN enterprises e ON e.id = a.winner_enterprise_id "
             "LEFT JOIN opened_bids o ON o.tender_id = a.tender_id AND o.enterprise_id = a.winner_enterprise_id "
             "WHERE a.tender_id = :t",
      soci::use(tid), soci::into(winner), soci::into(v.winner_name), soci::into(recommended),
      soci::into(reason, reason_ind), soci::into(announced), soci::into(ends), soci::into(notice, notice_ind),
      soci::into(price, price_ind);
  if (!sql.got_data()) return std::nullopt;
  v.winner = accounts::enterprise_public_id(winner);
  v.winner_price_fen = price_ind == soci::i_ok ? price : 0;
  v.recommended = db::parse_pg_text_array(recommended);
  if (reason_ind == soci::i_ok && is_overseer(reader, tender)) v.deviation_reason = reason;
  v.announced_at = common::Instant::from_unix_micros(announced);
  v.publicity_ends_at = common::Instant::from_unix_micros(ends);
  if (notice_ind == soci::i_ok) v.notice_at = common::Instant::from_unix_micros(notice);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, enterprise_id, objection, " + db::sql_micros("raised_at") + ", answer, " +
                          db::sql_micros("answered_at") + " FROM award_objections WHERE tender_id = :t ORDER BY id",
       soci::use(tid));
  for (const auto& r : rows) {
    ++v.objections;
    const bool open = r.get_indicator(4) != soci::i_ok;
    v.suspended = v.suspended || open;
    const auto enterprise = r.get<long long>(1);
    const bool mine = reader && reader->enterprise_id == enterprise;
    if (!is_overseer(reader, tender) && !mine) continue;
    ObjectionView o{r.get<long long>(0),   accounts::enterprise_public_id(enterprise),
                    r.get<std::string>(2), common::Instant::from_unix_micros(r.get<long long>(3)),
                    std::nullopt,          std::nullopt};
    if (!open) {
      o.answer = r.get<std::string>(4);
      o.answered_at = common::Instant::from_unix_micros(r.get<long long>(5));
    }
    v.objection_details.push_back(std::move(o));
  }
  long long signed_at = 0, amount = 0;
  sql << "SELECT " + db::sql_micros("signed_at") + ", amount_fen FROM contracts WHERE tender_id = :t", soci::use(tid),
      soci::into(signed_at), soci::into(amount);
  if (sql.got_data()) {
    v.contract_signed_at = common::Instant::from_unix_micros(signed_at);
    v.contract_amount_fen = amount;
    v.contract_late = v.notice_at && signed_at > v.notice_at->plus_seconds(bidding::kContractDueSeconds).unix_micros();
  }
  return v;
}

common::Result<tenders::TenderRow> own_tender(soci::session& sql, const accounts::Principal& official,
                                              const std::string& tender_id) {
  auto tender = tenders::find_tender(sql, tender_id, tenders::RowLock::update);
  if (!tender || tender->created_by != official.account_id) {
    return make_error(ErrorCode::not_found, "No tender " + tender_id + " of yours.");
  }
  return *tender;
}

}  // namespace

AwardService::AwardService(db::Database& database, const common::Clock& clock, const common::HolidayCalendar& calendar)
    : db_(database), clock_(clock), calendar_(calendar), audit_(clock) {}

common::Result<AwardView> AwardService::award(const accounts::Principal& official, const std::string& tender_id,
                                              const std::string& winner, const std::string& reason) {
  return db_.run<AwardView>([&](soci::session& sql) -> common::Result<AwardView> {
    soci::transaction tx(sql);
    auto tender = own_tender(sql, official, tender_id);
    if (!tender) return tender.error();
    auto next = bidding::next_state(tender.value().view.state, bidding::TenderEvent::award);
    if (!next) return next.error();
    auto ranking = signed_off_ranking(sql, tender.value().id);
    if (!ranking) return ranking.error();
    const auto category = tender.value().view.terms.category;
    const auto recommended = bidding::recommended_bidders(ranking.value(), category);
    if (auto ok = bidding::check_award_choice(winner, ranking.value(), recommended, reason); !ok) return ok.error();
    const bool deviates = std::find(recommended.begin(), recommended.end(), winner) == recommended.end();
    const auto now = clock_.now();
    const auto ends = bidding::publicity_end(now, category, calendar_);

    common::JsonWriter data;
    data.begin_object().key("winner").value(winner).key("recommended").begin_array();
    for (const auto& r : recommended) data.value(r);
    data.end_array().key("deviation_reason").text_or_null(deviates ? reason : "");
    data.key("publicity_ends_at").value(ends.to_rfc3339()).end_object();
    auto e = audit::make_entry(official.actor(), "tender.awarded", {"tender", tender_id}, data.take());
    audit_.append(sql, e);

    const long long tid = tender.value().id, winner_row = *accounts::parse_public_id('E', winner);
    const long long at = now.unix_micros(), end_at = ends.unix_micros(), audit_index = e.index;
    const std::string recommended_array = db::pg_text_array(recommended);
    std::string deviation = deviates ? reason : std::string();
    soci::indicator deviation_ind = deviates ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO awards (tender_id, winner_enterprise_id, recommended, deviation_reason, announced_at, "
           "publicity_ends_at, audit_index) VALUES (:t, :w, CAST(:r AS text[]), :d, " +
               db::sql_instant(":at") + ", " + db::sql_instant(":end") + ", :a)",
        soci::use(tid), soci::use(winner_row), soci::use(recommended_array), soci::use(deviation, deviation_ind),
        soci::use(at), soci::use(end_at), soci::use(audit_index);
    tenders::update_tender_state(sql, tid, next.value(), "", now);
    auto view = load_award(sql, tender.value(), official);
    tx.commit();
    return *view;
  });
}

common::Result<ObjectionView> AwardService::object(const accounts::Principal& bidder, const std::string& tender_id,
                                                   const std::string& objection) {
  return db_.run<ObjectionView>([&](soci::session& sql) -> common::Result<ObjectionView> {
    soci::transaction tx(sql);
    auto tender = tenders::find_tender(sql, tender_id, tenders::RowLock::update);
    const long long enterprise = bidder.enterprise_id.value_or(0);
    long long bid = 0;
    if (tender) {
      const long long tid = tender->id;
      sql << "SELECT count(*) FROM opened_bids WHERE tender_id = :t AND enterprise_id = :e", soci::use(tid),
          soci::use(enterprise), soci::into(bid);
    }
    if (!tender || bid == 0) return make_error(ErrorCode::not_found, "You did not bid on " + tender_id + ".");
    const auto award = load_award(sql, *tender, bidder);
    const auto now = clock_.now();
    if (!award || now >= award->publicity_ends_at) {
      return make_error(ErrorCode::tender_transition_refused, "Objections are raised during the award's publicity.");
    }
    const long long tid = tender->id;
    long long mine = 0;
    sql << "SELECT count(*) FROM award_objections WHERE tender_id = :t AND enterprise_id = :e", soci::use(tid),
        soci::use(enterprise), soci::into(mine);
    if (mine >= kMaxObjectionsPerBidder) {
      return make_error(ErrorCode::conflict, "At most 5 objections per bidder; add to one that is open instead.");
    }
    common::JsonWriter data;
    data.begin_object().key("objection").value(objection).end_object();
    auto e = audit::make_entry(bidder.actor(), "award.objection_raised", {"tender", tender_id}, data.take());
    audit_.append(sql, e);
    const long long at = now.unix_micros();
    long long id = 0;
    sql << "INSERT INTO award_objections (tender_id, enterprise_id, objection, raised_at) VALUES (:t, :e, :o, " +
               db::sql_instant(":at") + ") RETURNING id",
        soci::use(tid), soci::use(enterprise), soci::use(objection), soci::use(at), soci::into(id);
    tx.commit();
    return ObjectionView{id, bidder.public_id, objection, now, std::nullopt, std::nullopt};
  });
}

common::Result<ObjectionView> AwardService::answer(const accounts::Principal& official, const std::string& tender_id,
                                                   std::int64_t objection_id, const std::string& answer) {
  return db_.run<ObjectionView>([&](soci::session& sql) -> common::Result<ObjectionView> {
    soci::transaction tx(sql);
    auto tender = own_tender(sql, official, tender_id);
    if (!tender) return tender.error();
    const long long tid = tender.value().id, oid = objection_id;
    long long enterprise = 0, raised = 0;
    std::string objection, answered;
    soci::indicator answered_ind = soci::i_null;
    sql << "SELECT enterprise_id, objection, " + db::sql_micros("raised_at") +
               ", answer FROM award_objections WHERE tender_id = :t AND id = :o FOR UPDATE",
        soci::use(tid), soci::use(oid), soci::into(enterprise), soci::into(objection), soci::into(raised),
        soci::into(answered, answered_ind);
    if (!sql.got_data()) return make_error(ErrorCode::not_found, "No such objection to this award.");
    if (answered_ind == soci::i_ok) return make_error(ErrorCode::conflict, "This objection is answered already.");
    const auto now = clock_.now();
    const long long at = now.unix_micros();
    sql << "UPDATE award_objections SET answer = :a, answered_at = " + db::sql_instant(":at") + " WHERE id = :o",
        soci::use(answer), soci::use(at), soci::use(oid);
    common::JsonWriter data;
    data.begin_object().key("objection_id").value(objection_id).key("answer").value(answer).end_object();
    auto e = audit::make_entry(official.actor(), "award.objection_answered", {"tender", tender_id}, data.take());
    audit_.append(sql, e);
    tx.commit();
    return ObjectionView{objection_id, accounts::enterprise_public_id(enterprise),
                         objection,    common::Instant::from_unix_micros(raised),
                         answer,       now};
  });
}

common::Result<AwardView> AwardService::notice(const accounts::Principal& official, const std::string& tender_id) {
  return db_.run<AwardView>([&](soci::session& sql) -> common::Result<AwardView> {
    soci::transaction tx(sql);
    auto tender = own_tender(sql, official, tender_id);
    if (!tender) return tender.error();
    auto award = load_award(sql, tender.value(), official);
    if (!award) return make_error(ErrorCode::tender_transition_refused, "Award the tender first.");
    if (award->notice_at) return make_error(ErrorCode::conflict, "The award notice is issued already.");
    const auto now = clock_.now();
    if (now < award->publicity_ends_at) {
      return make_error(ErrorCode::tender_transition_refused,
                        "The publicity lasts until " + award->publicity_ends_at.to_rfc3339() + ".");
    }
    if (award->suspended) {
      return make_error(ErrorCode::tender_transition_refused,
                        "An objection awaits its answer; the award is suspended.");
    }
    const long long tid = tender.value().id, at = now.unix_micros();
    sql << "UPDATE awards SET notice_at = " + db::sql_instant(":at") + " WHERE tender_id = :t", soci::use(at),
        soci::use(tid);
    common::JsonWriter data;
    data.begin_object().key("winner").value(award->winner).end_object();
    auto e = audit::make_entry(official.actor(), "award.notice_issued", {"tender", tender_id}, data.take());
    audit_.append(sql, e);
    auto view = load_award(sql, tender.value(), official);
    tx.commit();
    return *view;
  });
}

common::Result<AwardView> AwardService::contract(const accounts::Principal& official, const std::string& tender_id,
                                                 common::Instant signed_at, common::Money amount) {
  return db_.run<AwardView>([&](soci::session& sql) -> common::Result<AwardView> {
    soci::transaction tx(sql);
    auto tender = own_tender(sql, official, tender_id);
    if (!tender) return tender.error();
    auto award = load_award(sql, tender.value(), official);
    if (!award || !award->notice_at) {
      return make_error(ErrorCode::tender_transition_refused, "The contract follows the award notice.");
    }
    auto next = bidding::next_state(tender.value().view.state, bidding::TenderEvent::sign_contract);
    if (!next) return next.error();
    const auto now = clock_.now();
    if (signed_at < *award->notice_at || signed_at > now) {
      return common::Error::validation({{"signed_at", "must lie between the award notice and now"}});
    }
    const long long tid = tender.value().id, at = now.unix_micros(), signed_micros = signed_at.unix_micros();
    const long long fen = amount.fen();
    common::JsonWriter data;
    data.begin_object().key("signed_at").value(signed_at.to_rfc3339()).key("amount_fen").value(amount.fen());
    data.key("late").value(signed_at > award->notice_at->plus_seconds(bidding::kContractDueSeconds)).end_object();
    auto e = audit::make_entry(official.actor(), "tender.contracted", {"tender", tender_id}, data.take());
    // The project (when the tender carries a code) is locked before the audit log: project_ledger.hpp.
    if (const auto& code = tender.value().view.terms.project_code) {
      filing::note_contract_signed(sql, audit_, *code, tender_id, now);
    }
    audit_.append(sql, e);
    const long long audit_index = e.index;
    sql << "INSERT INTO contracts (tender_id, signed_at, amount_fen, recorded_at, audit_index) VALUES (:t, " +
               db::sql_instant(":s") + ", :f, " + db::sql_instant(":at") + ", :a)",
        soci::use(tid), soci::use(signed_micros), soci::use(fen), soci::use(at), soci::use(audit_index);
    tenders::update_tender_state(sql, tid, next.value(), "", now);
    auto view = load_award(sql, tender.value(), official);
    tx.commit();
    return *view;
  });
}

common::Result<AwardView> AwardService::view(const std::optional<accounts::Principal>& reader,
                                             const std::string& tender_id) {
  return db_.run<AwardView>([&](soci::session& sql) -> common::Result<AwardView> {
    auto tender = tenders::find_tender(sql, tender_id);
    auto award = tender ? load_award(sql, *tender, reader) : std::nullopt;
    if (!award) return make_error(ErrorCode::not_found, "No award for " + tender_id + " yet.");
    return *award;
  });
}

}  // namespace gp::server::awards
