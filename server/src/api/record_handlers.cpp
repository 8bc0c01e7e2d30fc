// Supervisors' trading records: search, any record's history, a tender as it stood at a past time
// (supervision/record_search.hpp, supervision/record_history.hpp).
#include <algorithm>
#include <charconv>

#include "answer_from_worker.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"

namespace gp::server::api {
namespace {

using supervision::HistoryPage;
using supervision::RecordAsOf;
using supervision::RecordPage;

std::string records_json(const RecordPage& page) {
  common::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& h : page.items) {
    w.begin_object().key("kind").value(h.kind).key("id").value(h.id).key("subject_type").value(h.subject_type);
    w.key("subject_id").value(h.subject_id).key("title").value(h.title).key("parties").string_array(h.parties);
    w.key("state").value(h.state).key("amount_fen").value_or_null(h.amount_fen).key("at").value(h.at.to_rfc3339());
    w.key("detail").value(h.detail).end_object();
  }
  w.end_array()
      .key("next_offset")
      .value_or_null(page.next_offset ? std::optional<std::int64_t>(*page.next_offset) : std::nullopt);
  w.end_object();
  return w.take();
}

std::string history_json(const HistoryPage& page) {
  common::JsonWriter w;
  w.begin_object().key("subject").value(page.subject).key("subject_id").value(page.subject_id);
  w.key("versions").begin_array();
  for (const auto& v : page.versions) {
    w.begin_object()
        .key("id")
        .value(v.id)
        .key("record_type")
        .value(v.record_type)
        .key("record_key")
        .value(v.record_key);
    w.key("version").value(v.version).key("operation").value(v.operation).key("at").value_or_null(v.at);
    w.key("audit").raw(v.audit_json).key("changes").raw(v.changes_json).key("row").raw(v.row_json).end_object();
  }
  w.end_array().key("next_after").value_or_null(page.next_after).end_object();
  return w.take();
}

// A staff or enterprise id filter ("U-000007"): 0 when absent; a problem in `errors` when malformed.
std::int64_t id_filter(std::string_view query, std::string_view name, char prefix,
                       std::vector<common::FieldError>& errors) {
  const auto text = query_text(query, name);
  if (text.empty()) return 0;
  if (const auto id = accounts::parse_public_id(prefix, text)) return *id;
  errors.push_back({std::string(name), std::string("must be an id like ") + prefix + "-000001"});
  return 0;
}

// An amount in fen (0 to 10^18): nullopt when absent; a problem in `errors` when malformed.
std::optional<std::int64_t> amount_filter(std::string_view query, std::string_view name,
                                          std::vector<common::FieldError>& errors) {
  const auto text = query_text(query, name);
  if (text.empty()) return std::nullopt;
  std::int64_t value = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 1'000'000'000'000'000'000) {
    errors.push_back({std::string(name), "must be a whole number of fen from 0 to 10^18"});
    return std::nullopt;
  }
  return value;
}

}  // namespace

HandlerResult search_records(http::RequestContext& rc) {
  supervision::RecordQuery q;
  std::vector<common::FieldError> errors;
  const auto kind_list = query_decoded(rc.query, "kind").value_or(std::string(query_text(rc.query, "kind")));
  for (std::string_view kinds = kind_list; !kinds.empty();) {
    const auto comma = kinds.find(',');
    const auto kind = supervision::parse_record_kind(kinds.substr(0, comma));
    if (!kind) {
      errors.push_back({"kind", "must be tender, bid, score, award, objection or application (comma-separated)"});
      break;
    }
    if (std::find(q.kinds.begin(), q.kinds.end(), *kind) == q.kinds.end()) q.kinds.push_back(*kind);
    kinds = comma == std::string_view::npos ? std::string_view() : kinds.substr(comma + 1);
  }
  if (const auto party = query_text(rc.query, "party"); !party.empty()) {
    if (const auto e = accounts::parse_public_id('E', party))
      q.party_enterprise = *e;
    else if (const auto d = accounts::parse_public_id('U', party))
      q.party_department = *d;
    else
      errors.push_back({"party", "must be an enterprise (E-000001) or a department (U-000001)"});
  }
  q.official = id_filter(rc.query, "official", 'U', errors);
  q.expert = id_filter(rc.query, "expert", 'U', errors);
  q.from = query_instant(rc.query, "from", errors);
  q.to = query_instant(rc.query, "to", errors);
  q.state = std::string(query_text(rc.query, "state"));
  if (q.state.size() > 40 || q.state.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
    errors.push_back({"state", "must be a state name (lowercase letters and _)"});
  }
  q.min_amount_fen = amount_filter(rc.query, "min_amount_fen", errors);
  q.max_amount_fen = amount_filter(rc.query, "max_amount_fen", errors);
  const auto limit = query_int(rc.query, "limit", 50, supervision::kMaxRecordPage);
  const auto offset = query_int(rc.query, "offset", 0, supervision::kMaxRecordOffset);
  if (!limit || *limit == 0) errors.push_back({"limit", "must be a whole number from 1 to 200"});
  if (!offset) errors.push_back({"offset", "must be a whole number from 0 to 2000"});
  if (!errors.empty()) co_return rc.problem(common::Error::validation(std::move(errors)));
  q.limit = *limit;
  q.offset = *offset;
  auto& server = rc.server;
  std::function<common::Result<RecordPage>()> work = [&server, q] { return server.record_search.search(q); };
  co_return co_await answer_from_worker<RecordPage>(rc, work, http::Status::ok, &records_json);
}

HandlerResult get_record_history(http::RequestContext& rc) {
  std::vector<common::FieldError> errors;
  const auto limit = query_int(rc.query, "limit", 200, supervision::kMaxHistoryPage);
  if (!limit || *limit == 0) errors.push_back({"limit", "must be a whole number from 1 to 500"});
  const std::string after(query_text(rc.query, "after"));
  if (after.size() > 48) errors.push_back({"after", "must be the previous page's next_after"});
  if (!errors.empty()) co_return rc.problem(common::Error::validation(std::move(errors)));
  auto& server = rc.server;
  std::function<common::Result<HistoryPage>()> work = [&server, subject = rc.params.at("subject"),
                                                       id = rc.params.at("id"), after, n = *limit] {
    return server.record_history.history(subject, id, after, n);
  };
  co_return co_await answer_from_worker<HistoryPage>(rc, work, http::Status::ok, &history_json);
}

HandlerResult get_tender_as_of(http::RequestContext& rc) {
  std::vector<common::FieldError> errors;
  const auto at = query_instant(rc.query, "at", errors);
  if (!at && errors.empty()) errors.push_back({"at", "is required: an RFC 3339 UTC time"});
  if (!errors.empty()) co_return rc.problem(common::Error::validation(std::move(errors)));
  auto& server = rc.server;
  const std::string tender_id = rc.params.at("id");
  std::function<common::Result<std::vector<RecordAsOf>>()> work = [&server, tender_id, when = *at] {
    return server.record_history.tender_as_of(tender_id, when);
  };
  auto found = co_await server.blocking.run<std::vector<RecordAsOf>>(std::move(work));
  if (!found) co_return rc.problem(found.error());
  // {"tender_id", "at", "records": {"<record type>": [{"key", "row"}, ...]}}, types in name order.
  common::JsonWriter w;
  w.begin_object().key("tender_id").value(tender_id).key("at").value(at->to_rfc3339()).key("records").begin_object();
  std::string open_type;
  for (const auto& r : found.value()) {
    if (r.record_type != open_type) {
      if (!open_type.empty()) w.end_array();
      w.key(r.record_type).begin_array();
      open_type = r.record_type;
    }
    w.begin_object().key("key").value(r.record_key).key("row").raw(r.row_json).end_object();
  }
  if (!open_type.empty()) w.end_array();
  w.end_object().end_object();
  co_return rc.json(http::Status::ok, w.take());
}

}  // namespace gp::server::api
