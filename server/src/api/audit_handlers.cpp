// The verifiable audit log (audit_log/audit_service.hpp; specs/audit-log.md "API").
#include "answer_from_worker.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"

namespace gp::server::api {
namespace {

constexpr int kMaxIndex = 2'000'000'000;

std::string proof_json(const audit_log::Proof& p, const char* first_name, const char* second_name) {
  common::JsonWriter w;
  w.begin_object().key(first_name).value(static_cast<std::int64_t>(p.first));
  w.key(second_name).value(static_cast<std::int64_t>(p.second)).key("hashes").begin_array();
  for (const auto& h : p.hashes) w.value(common::base64_encode(h.data(), h.size()));
  w.end_array();
  if (p.entry) w.key("entry").value(*p.entry);
  w.end_object();
  return w.take();
}

std::string inclusion_json(const audit_log::Proof& p) { return proof_json(p, "index", "tree_size"); }
std::string consistency_json(const audit_log::Proof& p) { return proof_json(p, "first", "second"); }

// Two required whole-number query parameters, or the problem naming what is wrong.
std::optional<common::Error> read_pair(const http::RequestContext& rc, const char* a, const char* b, int& first,
                                       int& second) {
  std::vector<common::FieldError> errors;
  for (const auto& [name, out] : {std::pair<const char*, int*>{a, &first}, {b, &second}}) {
    const auto value = query_text(rc.query, name).empty() ? std::nullopt : query_int(rc.query, name, 0, kMaxIndex);
    if (!value) {
      errors.push_back({name, "is required: a whole number"});
    } else {
      *out = *value;
    }
  }
  if (errors.empty()) return std::nullopt;
  return common::Error::validation(std::move(errors));
}

}  // namespace

HandlerResult get_audit_checkpoint(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<std::string>()> work = [&server] { return server.audit.latest_checkpoint(); };
  auto note = co_await server.blocking.run<std::string>(std::move(work));
  if (!note) co_return rc.problem(note.error());
  http::Response res{http::Status::ok, rc.request.version()};
  res.set(http::beast_http::field::content_type, "text/plain; charset=utf-8");
  res.set(http::beast_http::field::cache_control, "no-cache");
  res.body() = std::move(note.value());
  res.prepare_payload();
  co_return res;
}

HandlerResult get_audit_entries(http::RequestContext& rc) {
  int start = 0, end = 0;
  if (auto bad = read_pair(rc, "start", "end", start, end)) co_return rc.problem(*bad);
  auto& server = rc.server;
  std::function<common::Result<std::vector<audit_log::EntryLine>>()> work = [&server, start, end] {
    return server.audit.entries(start, end);
  };
  auto lines = co_await server.blocking.run<std::vector<audit_log::EntryLine>>(std::move(work));
  if (!lines) co_return rc.problem(lines.error());
  std::string body;
  for (const auto& line : lines.value()) body += line.text + "\n";
  http::Response res{http::Status::ok, rc.request.version()};
  res.set(http::beast_http::field::content_type, "application/x-ndjson");
  res.body() = std::move(body);
  res.prepare_payload();
  co_return res;
}

HandlerResult get_inclusion_proof(http::RequestContext& rc) {
  int index = 0, tree_size = 0;
  if (auto bad = read_pair(rc, "index", "tree_size", index, tree_size)) co_return rc.problem(*bad);
  auto& server = rc.server;
  if (const auto ready = server.audit.inclusion_proof_in_memory(*rc.principal, static_cast<std::uint64_t>(index),
                                                                static_cast<std::uint64_t>(tree_size))) {
    co_return rc.json(http::Status::ok, inclusion_json(*ready));
  }
  std::function<common::Result<audit_log::Proof>()> work = [&server, reader = *rc.principal, index, tree_size] {
    return server.audit.inclusion_proof(reader, static_cast<std::uint64_t>(index),
                                        static_cast<std::uint64_t>(tree_size));
  };
  co_return co_await answer_from_worker<audit_log::Proof>(rc, work, http::Status::ok, &inclusion_json);
}

HandlerResult get_consistency_proof(http::RequestContext& rc) {
  int first = 0, second = 0;
  if (auto bad = read_pair(rc, "first", "second", first, second)) co_return rc.problem(*bad);
  auto& server = rc.server;
  if (const auto ready = server.audit.consistency_proof_in_memory(static_cast<std::uint64_t>(first),
                                                                  static_cast<std::uint64_t>(second))) {
    co_return rc.json(http::Status::ok, consistency_json(*ready));
  }
  std::function<common::Result<audit_log::Proof>()> work = [&server, first, second] {
    return server.audit.consistency_proof(static_cast<std::uint64_t>(first), static_cast<std::uint64_t>(second));
  };
  co_return co_await answer_from_worker<audit_log::Proof>(rc, work, http::Status::ok, &consistency_json);
}

}  // namespace gp::server::api
