#include "gongping/server/evaluation/evaluation_service.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <future>
#include <set>

#include "evaluation_json.hpp"
#include "exact_json.hpp"
#include "gongping/common/crypto.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/matching/evaluate.hpp"
#include "gongping/matching/evaluation_room.hpp"
#include "gongping/matching/price_scoring.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/evaluation/panel_service.hpp"
#include "gongping/server/tenders/tender_rows.hpp"

namespace gp::server::evaluation {
namespace {

using common::ErrorCode;
using common::make_error;

struct Stored {  // an evaluation as PostgreSQL holds it
  tenders::TenderRow tender;
  PanelView panel;
  std::string room_case;
  matching::EvaluationCase evaluation_case;  // room_case, read
  bool closed = false;
  bool engine_stale = false;
  std::optional<std::string> result;
  std::optional<std::string> result_sha256;
};

// The tender's evaluation, or not_found when it has not started.
common::Result<Stored> load(soci::session& sql, const std::string& tender_id, tenders::RowLock lock) {
  auto tender = tenders::find_tender(sql, tender_id, lock);
  if (!tender) return make_error(ErrorCode::not_found, "No tender " + tender_id + ".");
  Stored s{*tender, {}, {}, {}, false, false, std::nullopt, std::nullopt};
  const long long tid = tender->id;
  std::string result, result_hash;
  soci::indicator closed_ind = soci::i_null, result_ind = soci::i_null, hash_ind = soci::i_null;
  long long closed_at = 0;
  int stale = 0;
  sql << "SELECT room_case, " + db::sql_micros("closed_at") +
             ", result, encode(result_sha256, 'hex'), engine_stale::int FROM evaluations WHERE tender_id = :t",
      soci::use(tid), soci::into(s.room_case), soci::into(closed_at, closed_ind), soci::into(result, result_ind),
      soci::into(result_hash, hash_ind), soci::into(stale);
  if (!sql.got_data()) return make_error(ErrorCode::not_found, "The evaluation of " + tender_id + " has not started.");
  s.closed = closed_ind == soci::i_ok;
  s.engine_stale = stale != 0;
  if (result_ind == soci::i_ok) s.result = result;
  if (hash_ind == soci::i_ok) s.result_sha256 = result_hash;
  auto read = matching::engine::read_evaluation_case(s.room_case, matching::ScoresRequired::none);
  if (!read) return make_error(ErrorCode::internal, "a stored evaluation case does not read back");
  s.evaluation_case = std::move(read).value();
  s.panel = *load_panel(sql, tid, tender_id);
  return s;
}

std::vector<GivenScore> stored_scores(soci::session& sql, std::int64_t tender_row) {
  const long long tid = tender_row;
  std::vector<GivenScore> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT expert_id, bidder, criterion, score FROM evaluation_scores "
                                                 "WHERE tender_id = :t AND score IS NOT NULL "
                                                 "ORDER BY expert_id, bidder, criterion",
                                  soci::use(tid));
  for (const auto& r : rows) {
    out.push_back({accounts::staff_public_id(r.get<long long>(0)), r.get<std::string>(1), r.get<std::string>(2),
                   r.get<std::string>(3)});
  }
  return out;
}

// The case with every stored score filled in.
matching::EvaluationCase with_scores(matching::EvaluationCase c, const std::vector<GivenScore>& scores) {
  for (auto& bid : c.bids)
    bid.scores.assign(c.experts.size(), std::vector<std::optional<matching::Decimal4>>(c.criteria.size()));
  for (const auto& s : scores) {
    const auto e = std::find(c.experts.begin(), c.experts.end(), s.expert) - c.experts.begin();
    const auto b = std::find_if(c.bids.begin(), c.bids.end(), [&](const auto& bid) { return bid.bidder == s.bidder; });
    const auto k =
        std::find_if(c.criteria.begin(), c.criteria.end(), [&](const auto& x) { return x.id == s.criterion; });
    if (static_cast<std::size_t>(e) < c.experts.size() && b != c.bids.end() && k != c.criteria.end()) {
      b->scores[static_cast<std::size_t>(e)][static_cast<std::size_t>(k - c.criteria.begin())] =
          matching::parse_decimal4(s.score);
    }
  }
  return c;
}

// Members who scored every criterion of every valid bid.
std::set<std::string> finished_members(const matching::EvaluationCase& c, const std::vector<GivenScore>& scores) {
  std::size_t valid = 0;
  std::set<std::string> valid_bidders;
  for (const auto& bid : c.bids) {
    if (matching::is_valid_bid(c, bid)) valid_bidders.insert(bid.bidder);
  }
  valid = valid_bidders.size();
  std::map<std::string, std::size_t> counts;
  for (const auto& s : scores) {
    if (valid_bidders.contains(s.bidder)) ++counts[s.expert];
  }
  std::set<std::string> out;
  for (const auto& e : c.experts) {
    if (counts[e] == valid * c.criteria.size()) out.insert(e);
  }
  return out;
}

// The case document for a tender whose bids are opened: its evaluation terms plus the platform's
// members (ceiling, panel, bids). validation_failed naming the field when the terms do not make a case
// (they are only shape-checked at drafting) or set a member the platform sets.
common::Result<std::string> build_room_case(soci::session& sql, const tenders::TenderRow& tender,
                                            const PanelView& panel) {
  auto parsed = matching::engine::parse_exact_json(tender.view.evaluation_json);
  auto* terms = std::get_if<matching::engine::ExactJson>(&parsed);
  if (!terms || terms->kind != matching::engine::ExactJson::Kind::object) {
    return common::Error::validation({{"evaluation", "the tender's evaluation terms are not a JSON object"}});
  }
  common::JsonWriter doc;
  doc.begin_object();
  bool has_aggregation = false;
  for (const auto& [name, value] : terms->members) {
    if (name == "experts" || name == "bids" || name == "ceiling_fen") {
      return common::Error::validation(std::vector<common::FieldError>{
          {"evaluation." + name, "is set by the platform (panel, opened bids, the tender's ceiling)"}});
    }
    has_aggregation = has_aggregation || name == "aggregation";
    doc.key(name).raw(matching::engine::write_exact_json(value));
  }
  doc.key("ceiling_fen").value(tender.view.terms.ceiling.fen());
  // DOMAIN.md: scores are averaged by mean unless the tender says trimmed mean.
  if (!has_aggregation) doc.key("aggregation").value("mean");
  std::vector<std::string> seated;
  for (const auto& m : panel.members) {
    if (m.status == MemberStatus::seated) seated.push_back(m.account);
  }
  std::sort(seated.begin(), seated.end());
  doc.key("experts").begin_array();
  for (const auto& m : seated) doc.value(m);
  doc.end_array().key("bids").begin_array();
  const long long tid = tender.id;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT enterprise_id, price_fen, coalesce(size, 'large') FROM "
                                                 "opened_bids WHERE tender_id = :t AND status = 'opened' "
                                                 "ORDER BY enterprise_id",
                                  soci::use(tid));
  for (const auto& r : rows) {
    doc.begin_object().key("bidder").value(accounts::enterprise_public_id(r.get<long long>(0)));
    doc.key("price_fen").value(static_cast<std::int64_t>(r.get<long long>(1))).key("size").value(r.get<std::string>(2));
    doc.end_object();
  }
  doc.end_array().end_object();
  auto c = matching::engine::read_evaluation_case(doc.str(), matching::ScoresRequired::none);
  if (!c) {
    const auto& f = c.error().fields.front();
    return common::Error::validation(std::vector<common::FieldError>{{"evaluation." + f.field, f.problem}});
  }
  return matching::engine::write_evaluation_case(c.value());
}

void set_engine_stale(soci::session& sql, std::int64_t tender_row, bool stale) {
  const long long tid = tender_row;
  const int flag = stale ? 1 : 0;
  sql << "UPDATE evaluations SET engine_stale = (CAST(:s AS int) = 1) WHERE tender_id = :t", soci::use(flag),
      soci::use(tid);
}

// 503 with Retry-After, saying what the caller should know; the engine's failure goes to the log.
common::Error engine_unavailable(std::string detail, const common::Error& cause) {
  common::Error error = make_error(ErrorCode::unavailable, std::move(detail));
  error.retry_after_seconds = 1;
  error.log_detail = cause.detail + " " + cause.log_detail;
  return error;
}

}  // namespace

EvaluationService::EvaluationService(db::Database& database, const common::Clock& clock, engine::EngineClient& engine,
                                     std::chrono::milliseconds engine_timeout, int deviation_alert_percent)
    : db_(database),
      clock_(clock),
      engine_(engine),
      engine_timeout_(engine_timeout),
      deviation_alert_percent_(deviation_alert_percent),
      audit_(clock) {}

common::Result<engine::EngineReply> EvaluationService::call_engine(std::string type, std::string body) {
  std::promise<common::Result<engine::EngineReply>> promise;
  auto future = promise.get_future();
  engine_.request(std::move(type), std::move(body), engine_timeout_,
                  [&promise](common::Result<engine::EngineReply> r) { promise.set_value(std::move(r)); });
  return future.get();
}

// The caller holds the tender's update lock: engine deliveries for one tender happen in the order
// their transactions commit, on every server, so the room never gets an older score after a newer one.
common::Result<void> EvaluationService::rebuild_room(soci::session& sql, const std::string& tender_id,
                                                     std::int64_t tender_row,
                                                     const matching::EvaluationCase& room_case) {
  const auto full = with_scores(room_case, stored_scores(sql, tender_row));
  auto reply = call_engine("open_room", "{\"room\":" + common::JsonWriter::quote(tender_id) +
                                            ",\"replace\":true,\"settings\":{\"deviation_alert_percent\":" +
                                            std::to_string(deviation_alert_percent_) +
                                            "},\"case\":" + matching::engine::write_evaluation_case(full) + "}");
  if (!reply) return reply.error();
  return common::Ok{};
}

common::Result<EvaluationView> EvaluationService::start(const accounts::Principal& official,
                                                        const std::string& tender_id) {
  auto started = db_.run<common::Ok>([&](soci::session& sql) -> common::Result<common::Ok> {
    soci::transaction tx(sql);
    auto tender = tenders::find_tender(sql, tender_id, tenders::RowLock::update);
    if (!tender || tender->created_by != official.account_id) {
      return make_error(ErrorCode::not_found, "No tender " + tender_id + " of yours.");
    }
    auto next = bidding::next_state(tender->view.state, bidding::TenderEvent::start_evaluation);
    if (!next) return next.error();
    auto panel = load_panel(sql, tender->id, tender_id);
    if (!panel) return make_error(ErrorCode::conflict, "Draw the panel first.");
    auto room_case = build_room_case(sql, *tender, *panel);
    if (!room_case) return room_case.error();
    auto evaluation_case = matching::engine::read_evaluation_case(room_case.value(), matching::ScoresRequired::none);
    const auto now = clock_.now();
    const long long tid = tender->id, at = now.unix_micros();
    sql << "INSERT INTO evaluations (tender_id, room_case, started_at) VALUES (:t, :c, " + db::sql_instant(":at") + ")",
        soci::use(tid), soci::use(room_case.value()), soci::use(at);
    common::JsonWriter data;
    data.begin_object().key("case_sha256").value(common::to_hex(common::sha256(room_case.value()))).end_object();
    auto e = audit::make_entry(official.actor(), "evaluation.started", {"tender", tender_id}, data.take());
    audit_.append(sql, e);

    if (!matching::score_prices(evaluation_case.value()).enough_valid_bids) {
      // Too few valid bids (rule 1): nothing to score. The evaluation is over and the tender fails.
      const std::string result = matching::engine::write_evaluation_result(matching::evaluate(evaluation_case.value()));
      const std::string digest = common::to_hex(common::sha256(result));
      sql << "UPDATE evaluations SET closed_at = " + db::sql_instant(":at") +
                 ", result = :r, result_sha256 = decode(:h, 'hex') WHERE tender_id = :t",
          soci::use(at), soci::use(result), soci::use(digest), soci::use(tid);
      tenders::update_tender_state(sql, tid, bidding::TenderState::failed, "too few valid bids to evaluate", now);
      common::JsonWriter failed;
      failed.begin_object()
          .key("result_sha256")
          .value(digest)
          .key("reason")
          .value("insufficient_valid_bids")
          .end_object();
      auto f = audit::make_entry(official.actor(), "evaluation.failed", {"tender", tender_id}, failed.take());
      audit_.append(sql, f);
    } else {
      tenders::update_tender_state(sql, tid, next.value(), "", now);
      // Opened now if the engine is there; else at the next call that reaches it.
      if (!rebuild_room(sql, tender_id, tid, evaluation_case.value())) set_engine_stale(sql, tid, true);
    }
    tx.commit();
    return common::Ok{};
  });
  if (!started) return started.error();
  return read_view(official, tender_id);
}

common::Result<GivenScore> EvaluationService::score(const accounts::Principal& member, const std::string& tender_id,
                                                    const std::string& bidder, const std::string& criterion,
                                                    std::optional<matching::Decimal4> score) {
  std::optional<common::Error> undelivered;
  auto saved = db_.run<GivenScore>([&](soci::session& sql) -> common::Result<GivenScore> {
    soci::transaction tx(sql);
    auto s = load(sql, tender_id, tenders::RowLock::update);  // one tender's scores take turns
    if (!s || !is_seated(s.value().panel, member.public_id)) {
      return make_error(ErrorCode::not_found, "You do not sit on the panel of " + tender_id + ".");
    }
    auto& st = s.value();
    if (st.closed || st.tender.view.state != bidding::TenderState::evaluating) {
      return make_error(ErrorCode::tender_transition_refused, "This evaluation is over; scores are final.");
    }
    // The room checks the score exactly as the engine will (and refuses what it would refuse).
    auto room = matching::EvaluationRoom::open(st.evaluation_case);
    if (!room) return room.error();
    if (auto ok = room.value().set_score(member.public_id, bidder, criterion, score); !ok) return ok.error();
    const long long tid = st.tender.id, expert = member.account_id, at = clock_.now().unix_micros();
    const std::string text = score ? matching::format_decimal4(*score) : std::string();
    soci::indicator text_ind = score ? soci::i_ok : soci::i_null;
    // Signatures cover the scores as they were: a change voids them, and the panel signs again.
    long long voided = 0;
    sql << "SELECT count(*) FROM evaluation_signoffs WHERE tender_id = :t", soci::use(tid), soci::into(voided);
    if (voided > 0) sql << "DELETE FROM evaluation_signoffs WHERE tender_id = :t", soci::use(tid);
    common::JsonWriter data;
    data.begin_object().key("bidder").value(bidder).key("criterion").value(criterion);
    data.key("score").text_or_null(text).key("signatures_voided").value(static_cast<std::int64_t>(voided)).end_object();
    auto e = audit::make_entry(member.actor(), score ? "evaluation.scored" : "evaluation.score_withdrawn",
                               {"tender", tender_id}, data.take());
    audit_.append(sql, e);
    const long long audit_index = e.index;
    sql << "INSERT INTO evaluation_scores (tender_id, expert_id, bidder, criterion, score, updated_at, audit_index) "
           "VALUES (:t, :x, :b, :c, :s, " +
               db::sql_instant(":at") +
               ", :a) ON CONFLICT (tender_id, expert_id, bidder, criterion) DO UPDATE SET score = EXCLUDED.score, "
               "updated_at = EXCLUDED.updated_at, audit_index = EXCLUDED.audit_index",
        soci::use(tid), soci::use(expert), soci::use(bidder), soci::use(criterion), soci::use(text, text_ind),
        soci::use(at), soci::use(audit_index);

    // The engine hears of it under the same lock; the score commits whatever the engine says.
    common::Result<void> delivered = common::Ok{};
    if (st.engine_stale) {
      delivered = rebuild_room(sql, tender_id, tid, st.evaluation_case);
    } else {
      std::string body = "{\"room\":" + common::JsonWriter::quote(tender_id) +
                         ",\"expert\":" + common::JsonWriter::quote(member.public_id) +
                         ",\"bidder\":" + common::JsonWriter::quote(bidder) +
                         ",\"criterion\":" + common::JsonWriter::quote(criterion);
      body += score ? ",\"score\":" + matching::format_decimal4(*score) + "}" : "}";
      auto reply = call_engine(score ? "submit_score" : "withdraw_score", body);
      if (!reply && reply.error().code == ErrorCode::not_found) {
        delivered = rebuild_room(sql, tender_id, tid, st.evaluation_case);  // the engine lost the room
      } else if (!reply) {
        delivered = reply.error();
      }
    }
    if (!delivered) undelivered = delivered.error();
    if (delivered.ok() == st.engine_stale) set_engine_stale(sql, tid, !delivered);
    tx.commit();
    return GivenScore{member.public_id, bidder, criterion, text};
  });
  if (!saved) return saved.error();
  if (undelivered) {
    return engine_unavailable("Your score is saved, but the live ranking cannot be updated now; it will catch up.",
                              *undelivered);
  }
  return saved;
}

common::Result<EvaluationView> EvaluationService::view(const accounts::Principal& reader,
                                                       const std::string& tender_id) {
  auto built = read_view(reader, tender_id);
  if (!built || !built.value().live) return built;
  // The live standing is the engine's; a room it may lack or hold stale is rebuilt first, under the
  // tender's lock.
  const std::string snapshot = "{\"room\":" + common::JsonWriter::quote(tender_id) + "}";
  common::Result<engine::EngineReply> reply = make_error(ErrorCode::not_found, "the room is to be rebuilt");
  if (!built.value().engine_stale) reply = call_engine("snapshot", snapshot);
  if (!reply && reply.error().code == ErrorCode::not_found) {
    auto rebuilt = db_.run<common::Ok>([&](soci::session& sql) -> common::Result<common::Ok> {
      soci::transaction tx(sql);
      auto s = load(sql, tender_id, tenders::RowLock::update);
      if (!s) return s.error();
      if (auto ok = rebuild_room(sql, tender_id, s.value().tender.id, s.value().evaluation_case); !ok)
        return ok.error();
      set_engine_stale(sql, s.value().tender.id, false);
      tx.commit();
      return common::Ok{};
    });
    if (rebuilt) reply = call_engine("snapshot", snapshot);
  }
  if (!reply) return engine_unavailable("The evaluation engine cannot be reached; try again shortly.", reply.error());
  rapidjson::Document body;
  body.Parse(reply.value().body_json.c_str(), reply.value().body_json.size());
  if (body.IsObject() && body.HasMember("standing")) {
    rapidjson::StringBuffer text;
    rapidjson::Writer<rapidjson::StringBuffer> writer(text);
    body["standing"].Accept(writer);
    built.value().standing = std::string(text.GetString(), text.GetSize());
  }
  return built;
}

common::Result<EvaluationView> EvaluationService::read_view(const accounts::Principal& reader,
                                                            const std::string& tender_id) {
  return db_.run<EvaluationView>([&](soci::session& sql) -> common::Result<EvaluationView> {
    auto s = load(sql, tender_id, tenders::RowLock::none);
    if (!s) return s.error();
    auto& st = s.value();
    const bool overseer = tenders::is_author_or_supervisor(reader, st.tender);
    const bool member = is_seated(st.panel, reader.public_id);
    if (!overseer && !member) {
      return make_error(ErrorCode::not_found, "No evaluation of " + tender_id + " you may see.");
    }
    EvaluationView v;
    v.tender_id = tender_id;
    v.room_case = st.room_case;
    v.closed = st.closed;
    v.result = st.result;
    v.result_sha256 = st.result_sha256;
    const auto scores = stored_scores(sql, st.tender.id);
    const auto finished = finished_members(st.evaluation_case, scores);
    std::set<std::string> signed_off;
    const long long tid = st.tender.id;
    soci::rowset<long long> signers =
        (sql.prepare << "SELECT account_id FROM evaluation_signoffs WHERE tender_id = :t", soci::use(tid));
    for (const auto a : signers) signed_off.insert(accounts::staff_public_id(a));
    for (const auto& e : st.evaluation_case.experts) {
      v.members.push_back({e, finished.contains(e), signed_off.contains(e)});
    }
    const bool all_finished = finished.size() == st.evaluation_case.experts.size();
    for (const auto& g : scores) {
      if (all_finished || st.closed || g.expert == reader.public_id) v.scores.push_back(g);
    }
    if (overseer && st.closed) v.standing = st.result;
    v.live = overseer && !st.closed;
    v.engine_stale = st.engine_stale;
    return v;
  });
}

common::Result<EvaluationView> EvaluationService::sign_off(const accounts::Principal& member,
                                                           const std::string& tender_id) {
  bool closed_now = false;
  auto signed_ = db_.run<common::Ok>([&](soci::session& sql) -> common::Result<common::Ok> {
    soci::transaction tx(sql);
    auto s = load(sql, tender_id, tenders::RowLock::update);
    if (!s || !is_seated(s.value().panel, member.public_id)) {
      return make_error(ErrorCode::not_found, "You do not sit on the panel of " + tender_id + ".");
    }
    auto& st = s.value();
    if (st.closed || st.tender.view.state != bidding::TenderState::evaluating) {
      return make_error(ErrorCode::conflict, "This evaluation is over.");
    }
    const auto full = with_scores(st.evaluation_case, stored_scores(sql, st.tender.id));
    if (auto ok = matching::check_evaluation_case(full); !ok) {
      return make_error(ErrorCode::conflict, "Scores are missing (" + ok.error().fields[0].field +
                                                 "); the panel signs off once every member has scored every bid.");
    }
    const long long tid = st.tender.id, account = member.account_id, at = clock_.now().unix_micros();
    long long already = 0;
    sql << "SELECT count(*) FROM evaluation_signoffs WHERE tender_id = :t AND account_id = :a", soci::use(tid),
        soci::use(account), soci::into(already);
    if (already > 0) return make_error(ErrorCode::conflict, "You have signed off already.");
    const std::string inputs_sha256 = common::to_hex(common::sha256(matching::engine::write_evaluation_case(full)));
    common::JsonWriter signature;
    signature.begin_object().key("inputs_sha256").value(inputs_sha256).end_object();
    auto e = audit::make_entry(member.actor(), "evaluation.member_signed_off", {"tender", tender_id}, signature.take());
    audit_.append(sql, e);
    const long long audit_index = e.index;
    sql << "INSERT INTO evaluation_signoffs (tender_id, account_id, signed_at, audit_index) VALUES (:t, :a, " +
               db::sql_instant(":at") + ", :i)",
        soci::use(tid), soci::use(account), soci::use(at), soci::use(audit_index);
    long long signatures = 0;
    sql << "SELECT count(*) FROM evaluation_signoffs WHERE tender_id = :t", soci::use(tid), soci::into(signatures);
    if (static_cast<std::size_t>(signatures) == st.evaluation_case.experts.size()) {
      // The result is evaluate() of the stored inputs: what `gongping evaluate` prints for them.
      const std::string result = matching::engine::write_evaluation_result(matching::evaluate(full));
      const std::string digest = common::to_hex(common::sha256(result));
      sql << "UPDATE evaluations SET closed_at = " + db::sql_instant(":at") +
                 ", result = :r, result_sha256 = decode(:h, 'hex') WHERE tender_id = :t",
          soci::use(at), soci::use(result), soci::use(digest), soci::use(tid);
      common::JsonWriter data;
      data.begin_object().key("result_sha256").value(digest).key("inputs_sha256").value(inputs_sha256).end_object();
      auto closed = audit::make_entry(member.actor(), "evaluation.signed_off", {"tender", tender_id}, data.take());
      audit_.append(sql, closed);
      closed_now = true;
    }
    tx.commit();
    return common::Ok{};
  });
  if (!signed_) return signed_.error();
  if (closed_now) {
    // Best effort: watchers hear room_closed; a room the engine keeps is harmless (its result is not used).
    (void)call_engine("close_room", "{\"room\":" + common::JsonWriter::quote(tender_id) + "}");
  }
  return read_view(member, tender_id);
}

common::Result<void> EvaluationService::may_watch(const accounts::Principal& reader, const std::string& tender_id) {
  auto allowed = db_.run<common::Ok>([&](soci::session& sql) -> common::Result<common::Ok> {
    auto tender = tenders::find_tender(sql, tender_id);
    if (!tender || !tenders::is_author_or_supervisor(reader, *tender)) {
      return make_error(ErrorCode::not_found, "No evaluation of " + tender_id + " you may watch.");
    }
    return common::Ok{};
  });
  if (!allowed) return allowed.error();
  return common::Ok{};
}

}  // namespace gp::server::evaluation
