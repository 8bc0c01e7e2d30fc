// Live auctions (issue 8): an official creates one; enterprises ask to bid with their deposit, the
// author confirms it; bidders bid, the engine decides each bid at the server's clock, and the
// server stores every accepted bid (with its audit entry) before answering that it was accepted.
// Anyone reads an auction, each reader seeing what is theirs to see (auction_view.hpp).
#include "../auctions/json_text.hpp"
#include "answer_from_worker.hpp"
#include "auction_codec.hpp"
#include "auction_transcript.hpp"
#include "auction_view.hpp"
#include "exact_json.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/auctions/reverse_from_tender.hpp"
#include "gongping/server/engine/engine_call.hpp"
#include "gongping/server/http/json_body.hpp"

#include <rapidjson/document.h>

namespace gp::server::api {
namespace {

using namespace std::chrono_literals;
constexpr auto kEngineTimeout = 2000ms;

// The engine's open_auction body for a stored auction: its id, then the stored kind and terms.
std::string open_body(const auctions::AuctionRecord& a) {
  return R"({"auction":")" + a.id + R"(",)" + a.terms_body_json.substr(1);
}

// The engine's live state of `id` at the server's clock now, or none when the engine does not hold
// it (or is away). The auction (only it) is told the time first, so that a turn or an end that came
// since the keeper's last tick shows.
boost::asio::awaitable<std::optional<std::string>> live_state(http::ServerContext& server, std::string id) {
  common::JsonWriter now;
  now.begin_object().key("auction").value(id).key("at").value(server.clock.now().to_rfc3339()).end_object();
  (void)co_await engine::call_engine(server.engine, "advance_auctions", now.take(), kEngineTimeout);
  auto reply =
      co_await engine::call_engine(server.engine, "auction_state", R"({"auction":")" + id + R"("})", kEngineTimeout);
  if (!reply) co_return std::nullopt;
  rapidjson::Document body;
  body.Parse(reply.value().body_json.c_str());
  if (!body.IsObject() || !body.HasMember("state") || !body["state"].IsObject()) co_return std::nullopt;
  co_return auctions::json_text(body["state"]);
}

// `id` by value: the coroutine runs after its caller's temporaries are gone.
HandlerResult answer_view(http::RequestContext& rc, std::string id, http::Status status) {
  auto& server = rc.server;
  std::function<common::Result<auctions::AuctionRecord>()> load = [&server, id] { return server.auctions.load(id); };
  auto record = co_await server.blocking.run<auctions::AuctionRecord>(std::move(load));
  if (!record) co_return rc.problem(record.error());
  std::optional<std::string> state;  // by the record's own id (AU-1 and AU-000001 are one auction)
  if (record.value().state == "scheduled") state = co_await live_state(server, record.value().id);
  co_return rc.json(status, auction_view_json(record.value(), state, rc.principal ? &*rc.principal : nullptr));
}

}  // namespace

HandlerResult create_auction(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  auctions::NewAuction n;
  n.title = f.required_string("title", 600);
  n.description = f.optional_string("description", 20'000).value_or("");
  n.deposit_fen = f.optional_int("deposit_fen", 0, matching::kMaxAuctionPriceFen).value_or(0);
  const auto kind = f.required_string("kind", 16);
  auto terms_text = f.required_object_text("terms");
  const auto tender = f.optional_string("tender", 40);
  if (kind != "english" && kind != "reverse" && !kind.empty()) f.reject("kind", "must be english or reverse");
  if (tender && kind != "reverse") f.reject("tender", "only a reverse auction follows a tender");
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  if (tender) {
    // The bidders and their starting prices from the tender's opening record.
    std::function<common::Result<auctions::TenderBidders>()> read = [&server, who = *rc.principal, id = *tender] {
      return auctions::tender_bidders(server.tenders, server.opening, who, id);
    };
    auto from = co_await server.blocking.run<auctions::TenderBidders>(std::move(read));
    if (!from) co_return rc.problem(from.error());
    auto filled = auctions::terms_from_tender(*terms_text, from.value());
    if (!filled) co_return rc.problem(filled.error());
    terms_text = filled.value();
    n.tender = from.value().tender;
  }
  // The terms as the engine reads them, checked by the auction rules themselves.
  const std::string open = R"({"auction":"AU-NEW","kind":")" + kind + R"(","terms":)" + *terms_text + "}";
  auto parsed = matching::engine::parse_exact_json(open);
  const auto* doc = std::get_if<matching::engine::ExactJson>(&parsed);
  auto decoded = doc ? matching::engine::decode_auction_body("open_auction", *doc) : std::nullopt;
  if (!decoded) co_return rc.problem(common::Error::validation({{"terms", "must be an object"}}));
  if (const auto* problem = std::get_if<matching::engine::AuctionBodyProblem>(&*decoded)) {
    co_return rc.problem(common::Error::validation({{problem->member, problem->problem}}));
  }
  n.terms = std::get<matching::OpenAuctionCommand>(std::get<matching::engine::AuctionCommand>(*decoded)).terms;
  const auto checked = std::visit([](const auto& t) { return matching::check_terms(t); }, n.terms);
  if (!checked) {
    auto error = checked.error();
    for (auto& field : error.fields) field.field = "terms." + field.field;
    co_return rc.problem(error);
  }
  common::JsonWriter terms_body;
  terms_body.begin_object();
  matching::engine::write_auction_terms(terms_body, n.terms);
  terms_body.end_object();
  n.terms_body_json = terms_body.take();

  std::function<common::Result<auctions::AuctionRecord>()> work = [&server, who = *rc.principal, n] {
    return server.auctions.create(who, n);
  };
  auto created = co_await server.blocking.run<auctions::AuctionRecord>(std::move(work));
  if (!created) co_return rc.problem(created.error());
  // Opened in the engine now; were the engine away, the auction keeper opens it within a second.
  (void)co_await engine::call_engine(server.engine, "open_auction", open_body(created.value()), kEngineTimeout);
  co_return co_await answer_view(rc, created.value().id, http::Status::created);
}

namespace {

std::string auctions_json(const std::vector<auctions::AuctionService::Listed>& items) {
  common::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& a : items) {
    w.begin_object().key("id").value(a.id).key("kind").value(a.kind).key("title").value(a.title);
    w.key("state")
        .value(a.state)
        .key("starts_at")
        .value(a.starts_at.to_rfc3339())
        .key("ended_at")
        .value_or_null(a.ended_at);
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

}  // namespace

HandlerResult list_auctions(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<std::vector<auctions::AuctionService::Listed>>()> work = [&server] {
    return server.auctions.list(200);
  };
  co_return co_await answer_from_worker<std::vector<auctions::AuctionService::Listed>>(rc, work, http::Status::ok,
                                                                                       &auctions_json);
}

HandlerResult get_auction(http::RequestContext& rc) { return answer_view(rc, rc.params.at("id"), http::Status::ok); }

HandlerResult request_auction_registration(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  const auto reference = body.value().required_string("deposit_reference", 100);
  if (auto done = body.value().finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<auctions::AuctionRecord>()> work = [&server, who = *rc.principal,
                                                                   id = rc.params.at("id"), reference] {
    return server.auctions.request_registration(who, id, reference);
  };
  auto done = co_await server.blocking.run<auctions::AuctionRecord>(std::move(work));
  if (!done) co_return rc.problem(done.error());
  co_return co_await answer_view(rc, done.value().id, http::Status::ok);
}

HandlerResult confirm_auction_registration(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<matching::RegisterBidderCommand>()> work =
      [&server, who = *rc.principal, id = rc.params.at("id"), enterprise = rc.params.at("enterprise")] {
        return server.auctions.confirm_registration(who, id, enterprise);
      };
  auto confirmed = co_await server.blocking.run<matching::RegisterBidderCommand>(std::move(work));
  if (!confirmed) co_return rc.problem(confirmed.error());
  const auto& r = confirmed.value();
  common::JsonWriter command;
  command.begin_object().key("auction").value(r.auction).key("bidder").value(r.bidder);
  command.key("at").value(r.at.to_rfc3339()).end_object();
  // Stored first: an engine away now (or a server stopped here) leaves the registration to the keeper,
  // and the engine takes it at the confirmation's instant even if the auction has started since.
  auto registered = co_await engine::call_engine(server.engine, "register_bidder", command.take(), kEngineTimeout);
  if (!registered && registered.error().code != common::ErrorCode::unavailable)
    co_return rc.problem(registered.error());
  co_return co_await answer_view(rc, r.auction, http::Status::ok);
}

HandlerResult bid_in_auction(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const bool pass = f.optional_bool("pass").value_or(false);
  const auto price =
      pass ? std::optional<std::int64_t>() : f.optional_int("price_fen", 1, matching::kMaxAuctionPriceFen);
  if (!pass && !price) f.reject("price_fen", "is required (or \"pass\": true in a reverse auction)");
  const std::string key(rc.request["Idempotency-Key"]);
  if (key.empty() || key.size() > 64) f.reject("Idempotency-Key", "the header must hold 1 to 64 characters");
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  const std::string id = rc.params.at("id");
  // The server's clock at receipt decides whether the bid is in time.
  common::JsonWriter command;
  command.begin_object().key("auction").value(id).key("key").value(key).key("bidder").value(rc.principal->public_id);
  if (pass) {
    command.key("pass").value(true);
  } else {
    command.key("price_fen").value(*price);
  }
  command.key("at").value(server.clock.now().to_rfc3339()).end_object();
  auto decided = co_await engine::call_engine(server.engine, "auction_bid", command.take(), kEngineTimeout);
  if (!decided && decided.error().code == common::ErrorCode::not_found) {
    // The engine no longer holds it: decided (then say so), or not yet rebuilt after a restart.
    std::function<common::Result<auctions::AuctionRecord>()> load = [&server, id] { return server.auctions.load(id); };
    auto record = co_await server.blocking.run<auctions::AuctionRecord>(std::move(load));
    if (!record) co_return rc.problem(record.error());
    if (record.value().ended_at) {
      co_return rc.problem(common::make_error(common::ErrorCode::auction_not_open,
                                              "The auction ended at " + record.value().ended_at->to_rfc3339() + "."));
    }
    co_return rc.problem(
        common::make_error(common::ErrorCode::unavailable, "The auction is being restored; bid again."));
  }
  if (!decided) co_return rc.problem(decided.error());
  rapidjson::Document reply;
  reply.Parse(decided.value().body_json.c_str());
  if (!reply.IsObject() || !reply.HasMember("bid") || !reply["bid"].IsObject()) {
    co_return rc.problem(common::make_error(common::ErrorCode::internal, "The engine's answer does not read."));
  }
  const auto& b = reply["bid"];
  auctions::AcceptedAuctionBid accepted{
      static_cast<std::uint32_t>(b["seq"].GetInt64()),
      key,
      b["bidder"].GetString(),
      b["price_fen"].GetInt64(),
      b["pass"].GetBool(),
      common::Instant::parse_rfc3339(b["at"].GetString()).value_or(common::Instant{})};
  // Stored, with its audit entry, before anyone hears it was accepted (a retry stores nothing twice);
  // then published to the live room.
  std::function<common::Result<auctions::AuctionService::StoredBid>()> store = [&server, id, accepted] {
    return server.auctions.store_bid(id, accepted);
  };
  auto stored = co_await server.blocking.run<auctions::AuctionService::StoredBid>(std::move(store));
  if (!stored) co_return rc.problem(stored.error());
  if (stored.value().stored_now) {
    common::JsonWriter announce;
    announce.begin_object().key("auction").value(id).key("seq").value(std::int64_t{accepted.seq}).end_object();
    (void)co_await engine::call_engine(server.engine, "announce_bid", announce.take(), kEngineTimeout);
  }
  const bool replayed = reply.HasMember("replayed") && reply["replayed"].IsTrue();
  common::JsonWriter out;
  out.begin_object().key("bid").begin_object().key("seq").value(std::int64_t{accepted.seq});
  out.key("price_fen")
      .value(accepted.price_fen)
      .key("pass")
      .value(accepted.pass)
      .key("at")
      .value(accepted.at.to_rfc3339());
  out.key("audit_index").value(stored.value().audit_index).end_object().key("replayed").value(replayed).end_object();
  co_return rc.json(replayed ? http::Status::ok : http::Status::created, out.take());
}

HandlerResult get_auction_transcript(http::RequestContext& rc) {
  auto& server = rc.server;
  const std::string id = rc.params.at("id");
  std::function<common::Result<auctions::AuctionRecord>()> load = [&server, id] { return server.auctions.load(id); };
  auto record = co_await server.blocking.run<auctions::AuctionRecord>(std::move(load));
  if (!record) co_return rc.problem(record.error());
  const auto& a = record.value();
  // While it runs, the transcript holds the reserve and every bidder: supervisors only.
  const bool supervisor = rc.principal && rc.principal->role == common::Role::supervisor;
  if (!a.ended_at && !supervisor) {
    co_return rc.problem(common::make_error(common::ErrorCode::conflict,
                                            "The transcript of " + id + " is published when the auction ends."));
  }
  std::function<common::Result<matching::AuctionTranscript>()> read = [&server, id] {
    return server.auctions.transcript(id);
  };
  auto transcript = co_await server.blocking.run<matching::AuctionTranscript>(std::move(read));
  if (!transcript) co_return rc.problem(transcript.error());
  matching::engine::AuctionTranscriptDocument doc{transcript.value(), std::nullopt};
  if (a.ended_at)
    doc.recorded = matching::engine::RecordedAuctionOutcome{a.winner, a.winning_price_fen.value_or(0), *a.ended_at};
  co_return rc.json(http::Status::ok, matching::engine::write_auction_transcript(doc));
}

}  // namespace gp::server::api
