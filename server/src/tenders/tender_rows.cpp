#include "gongping/server/tenders/tender_rows.hpp"

#include <rapidjson/document.h>

#include "gongping/common/json_writer.hpp"
#include "gongping/server/db/sql_time.hpp"

namespace gp::server::tenders {
namespace {

std::vector<std::string> string_list(const std::string& json) {
  std::vector<std::string> out;
  rapidjson::Document d;
  d.Parse(json.c_str());
  if (!d.IsArray()) return out;
  for (const auto& v : d.GetArray()) {
    if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return out;
}

// The evaluation summary the publication rules need, from the stored evaluation JSON.
bidding::EvaluationTerms evaluation_terms(const std::string& json) {
  bidding::EvaluationTerms t;
  rapidjson::Document d;
  d.Parse(json.c_str());
  if (!d.IsObject()) return t;
  if (d.HasMember("method") && d["method"].IsString()) t.method = d["method"].GetString();
  if (d.HasMember("price_formula") && d["price_formula"].IsString()) t.price_formula = d["price_formula"].GetString();
  if (d.HasMember("price_points") && d["price_points"].IsInt()) t.price_points = d["price_points"].GetInt();
  if (d.HasMember("criteria") && d["criteria"].IsArray()) {
    for (const auto& c : d["criteria"].GetArray()) {
      if (c.IsObject() && c.HasMember("max") && c["max"].IsInt()) t.technical_points += c["max"].GetInt();
    }
  }
  return t;
}

// Every column a TenderRow needs, officers included (account ids in share order), so that a tender
// is read in one query.
const std::string kTenderColumns =
    "id, public_id, state, title, description, category, procedure, budget_fen, ceiling_fen, bid_bond_fen, "
    "evaluation, qualifications, " +
    db::sql_micros("clarification_deadline") + ", " + db::sql_micros("bid_deadline") +
    ", opening_threshold, project_code, created_by, " + db::sql_micros("created_at") + ", " +
    db::sql_micros("published_at") +
    ", opening_kid, opening_public_jwk, state_reason, (SELECT string_agg(o.account_id::text, ',' ORDER BY "
    "o.position) FROM tender_officers o WHERE o.tender_id = tenders.id)";

TenderRow tender_from_row(const soci::row& r) {
  TenderRow row;
  auto& v = row.view;
  auto& t = v.terms;
  row.id = r.get<long long>(0);
  v.id = r.get<std::string>(1);
  v.state = bidding::parse_tender_state(r.get<std::string>(2)).value_or(bidding::TenderState::draft);
  t.title = r.get<std::string>(3);
  t.description = r.get<std::string>(4);
  t.category = bidding::parse_tender_category(r.get<std::string>(5)).value_or(bidding::TenderCategory::goods);
  t.procedure = bidding::parse_procedure(r.get<std::string>(6)).value_or(bidding::Procedure::public_tender);
  t.budget = common::Money::from_fen(r.get<long long>(7));
  t.ceiling = common::Money::from_fen(r.get<long long>(8));
  t.bid_bond = common::Money::from_fen(r.get<long long>(9));
  v.evaluation_json = r.get<std::string>(10);
  t.evaluation = evaluation_terms(v.evaluation_json);
  t.qualification_requirements = string_list(r.get<std::string>(11));
  t.clarification_deadline = common::Instant::from_unix_micros(r.get<long long>(12));
  t.bid_deadline = common::Instant::from_unix_micros(r.get<long long>(13));
  t.opening_threshold = r.get<int>(14);
  if (r.get_indicator(15) == soci::i_ok) t.project_code = r.get<std::string>(15);
  row.created_by = r.get<long long>(16);
  v.created_by = accounts::staff_public_id(row.created_by);
  v.created_at = common::Instant::from_unix_micros(r.get<long long>(17));
  if (r.get_indicator(18) == soci::i_ok) v.published_at = common::Instant::from_unix_micros(r.get<long long>(18));
  if (r.get_indicator(19) == soci::i_ok) v.opening_kid = r.get<std::string>(19);
  if (r.get_indicator(20) == soci::i_ok) v.opening_public_jwk = r.get<std::string>(20);
  if (r.get_indicator(21) == soci::i_ok) v.state_reason = r.get<std::string>(21);
  if (r.get_indicator(22) == soci::i_ok) {
    const auto joined = r.get<std::string>(22);  // "7,9": officer account ids in share order
    std::string_view ids = joined;
    while (!ids.empty()) {
      const auto comma = ids.find(',');
      t.opening_officers.push_back(accounts::format_public_id('U', std::stoll(std::string(ids.substr(0, comma)))));
      ids.remove_prefix(comma == std::string_view::npos ? ids.size() : comma + 1);
    }
  }
  return row;
}

}  // namespace

std::optional<TenderRow> find_tender(soci::session& sql, std::string_view public_id, RowLock lock) {
  const std::string id(public_id);
  if (lock != RowLock::none) {
    long long row_id = 0;
    sql << "SELECT id FROM tenders WHERE public_id = :id", soci::use(id), soci::into(row_id);
    if (!sql.got_data()) return std::nullopt;
    if (lock == RowLock::share) {
      sql << "SELECT pg_advisory_xact_lock_shared(:t)", soci::use(row_id);
    } else {
      sql << "SELECT pg_advisory_xact_lock(:t)", soci::use(row_id);
    }
  }
  soci::row r;
  sql << "SELECT " + kTenderColumns + " FROM tenders WHERE public_id = :id" +
             (lock == RowLock::update ? " FOR UPDATE" : ""),
      soci::use(id), soci::into(r);
  if (!sql.got_data()) return std::nullopt;
  return tender_from_row(r);
}

std::vector<TenderRow> published_tenders(soci::session& sql, const std::string& state, const std::string& category,
                                         const std::string& text, int limit, int offset, std::int64_t* total) {
  // The text as typed, matched literally (strpos, not LIKE: '%' and '_' mean themselves).
  const std::string filter =
      " FROM tenders WHERE published_at IS NOT NULL AND (:s = '' OR state = :s2) AND (:c = '' OR category = :c2) AND "
      "(:q = '' OR strpos(lower(title), lower(:q2)) > 0 OR public_id = upper(:q3))";
  if (total != nullptr) {
    long long n = 0;
    sql << "SELECT count(*)" + filter, soci::use(state), soci::use(state), soci::use(category), soci::use(category),
        soci::use(text), soci::use(text), soci::use(text), soci::into(n);
    *total = n;
  }
  std::vector<TenderRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " + kTenderColumns + filter + " ORDER BY published_at DESC, id DESC LIMIT :l OFFSET :o",
       soci::use(state), soci::use(state), soci::use(category), soci::use(category), soci::use(text), soci::use(text),
       soci::use(text), soci::use(limit), soci::use(offset));
  for (const auto& r : rows) out.push_back(tender_from_row(r));
  return out;
}

void update_tender_state(soci::session& sql, std::int64_t tender_id, bidding::TenderState state,
                         const std::string& reason, common::Instant at) {
  const long long id = tender_id;
  const std::string name(bidding::to_string(state));
  const long long micros = at.unix_micros();
  soci::indicator reason_ind = reason.empty() ? soci::i_null : soci::i_ok;
  sql << "UPDATE tenders SET state = :s, state_reason = :r, updated_at = " + db::sql_instant(":at") + " WHERE id = :id",
      soci::use(name), soci::use(reason, reason_ind), soci::use(micros), soci::use(id);
}

void update_tender_terms(soci::session& sql, std::int64_t tender_id, const bidding::TenderTerms& t,
                         common::Instant at) {
  const long long id = tender_id;
  const long long ceiling = t.ceiling.fen(), bond = t.bid_bond.fen();
  std::string qualifications = "[";
  for (const auto& q : t.qualification_requirements) {
    if (qualifications.size() > 1) qualifications += ",";
    common::JsonWriter::append_quoted(qualifications, q);
  }
  qualifications += "]";
  const long long clarification = t.clarification_deadline.unix_micros();
  const long long deadline = t.bid_deadline.unix_micros();
  const long long now = at.unix_micros();
  sql << "UPDATE tenders SET title = :title, description = :d, ceiling_fen = :c, bid_bond_fen = :b, "
         "qualifications = :q, clarification_deadline = " +
             db::sql_instant(":cd") + ", bid_deadline = " + db::sql_instant(":bd") +
             ", updated_at = " + db::sql_instant(":at") + " WHERE id = :id",
      soci::use(t.title), soci::use(t.description), soci::use(ceiling), soci::use(bond), soci::use(qualifications),
      soci::use(clarification), soci::use(deadline), soci::use(now), soci::use(id);
}

std::vector<OfficerRow> tender_officers(soci::session& sql, std::int64_t tender_id) {
  const long long id = tender_id;
  std::vector<OfficerRow> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT position, account_id, encode(share_sha256, 'hex') "
                                                 "FROM tender_officers WHERE tender_id = :id ORDER BY position",
                                  soci::use(id));
  for (const auto& r : rows) {
    OfficerRow o;
    o.position = r.get<int>(0);
    o.account_id = r.get<long long>(1);
    if (r.get_indicator(2) == soci::i_ok) o.share_sha256_hex = r.get<std::string>(2);
    out.push_back(std::move(o));
  }
  return out;
}

bool is_author_or_supervisor(const accounts::Principal& reader, const TenderRow& tender) {
  return reader.role == common::Role::supervisor ||
         (reader.role == common::Role::official && reader.account_id == tender.created_by);
}

}  // namespace gp::server::tenders
