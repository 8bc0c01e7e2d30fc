#include "auction_transcript.hpp"

#include "auction_codec.hpp"
#include "exact_json.hpp"
#include "gongping/common/json_writer.hpp"

namespace gp::matching::engine {
namespace {

using common::JsonWriter;
using Kind = ExactJson::Kind;

common::Error wrong(const std::string& member, const std::string& problem) {
  return common::Error::validation({{member, problem}});
}

// Decodes `body` as the auction command `type`, with "auction" filled in from the opening.
template <class Command>
common::Result<Command> command_of(std::string_view type, ExactJson body, const std::string& auction,
                                   const std::string& where) {
  if (body.kind != Kind::object) return wrong(where, "must be an object");
  if (!body.find("auction")) {
    ExactJson id;
    id.kind = Kind::string;
    id.text = auction;
    body.members.emplace_back("auction", std::move(id));
  }
  auto decoded = decode_auction_body(type, body);
  if (const auto* problem = std::get_if<AuctionBodyProblem>(&*decoded)) {
    return wrong(where + "." + problem->member, problem->problem);
  }
  auto command = std::get<Command>(std::get<AuctionCommand>(std::move(*decoded)));
  if (command.auction != auction) return wrong(where + ".auction", "must be the opened auction");
  return command;
}

}  // namespace

common::Result<AuctionTranscriptDocument> read_auction_transcript(std::string_view json) {
  auto parsed = parse_exact_json(json);
  const auto* doc = std::get_if<ExactJson>(&parsed);
  if (!doc) return wrong("(document)", "must be one JSON object");
  return read_auction_transcript(*doc);
}

common::Result<AuctionTranscriptDocument> read_auction_transcript(const ExactJson& document) {
  const auto* doc = &document;
  if (doc->kind != Kind::object) return wrong("(document)", "must be one JSON object");
  const auto* v = doc->find("v");
  if (!v || v->kind != Kind::number || v->text != "1") return wrong("v", "must be 1");
  const auto* open = doc->find("open");
  if (!open || open->kind != Kind::object) return wrong("open", "must be an object");
  auto decoded = decode_auction_body("open_auction", *open);
  if (const auto* problem = std::get_if<AuctionBodyProblem>(&*decoded)) {
    return wrong("open." + problem->member, problem->problem);
  }
  AuctionTranscriptDocument out;
  out.transcript.open = std::get<OpenAuctionCommand>(std::get<AuctionCommand>(std::move(*decoded)));
  const auto& auction = out.transcript.open.auction;
  for (const auto* list : {"registrations", "bids"}) {
    const auto* items = doc->find(list);
    if (!items) continue;
    if (items->kind != Kind::array) return wrong(list, "must be an array");
    for (std::size_t i = 0; i < items->items.size(); ++i) {
      const std::string where = std::string(list) + "[" + std::to_string(i) + "]";
      if (std::string_view(list) == "registrations") {
        auto r = command_of<RegisterBidderCommand>("register_bidder", items->items[i], auction, where);
        if (!r) return r.error();
        out.transcript.registrations.push_back(std::move(r).value());
      } else {
        auto b = command_of<AuctionBidCommand>("auction_bid", items->items[i], auction, where);
        if (!b) return b.error();
        out.transcript.bids.push_back(std::move(b).value());
      }
    }
  }
  if (const auto* recorded = doc->find("recorded")) {
    if (recorded->kind != Kind::object) return wrong("recorded", "must be an object");
    RecordedAuctionOutcome o;
    const auto* winner = recorded->find("winner");
    if (winner && winner->kind == Kind::string) {
      o.winner = winner->text;
    } else if (!winner || winner->kind != Kind::null) {
      return wrong("recorded.winner", "must be a bidder's id or null");
    }
    const auto* price = recorded->find("winning_price_fen");
    if (!price || price->kind != Kind::number) return wrong("recorded.winning_price_fen", "must be an integer");
    try {
      o.winning_price_fen = std::stoll(price->text);
    } catch (const std::exception&) {
      return wrong("recorded.winning_price_fen", "must be an integer");
    }
    const auto* ended = recorded->find("ended_at");
    const auto at = ended && ended->kind == Kind::string ? common::Instant::parse_rfc3339(ended->text) : std::nullopt;
    if (!at) return wrong("recorded.ended_at", "must be an RFC 3339 UTC instant");
    o.ended_at = *at;
    out.recorded = o;
  }
  return out;
}

std::string write_auction_transcript(const AuctionTranscriptDocument& document) {
  JsonWriter w;
  w.begin_object().key("v").value(std::int64_t{1}).key("open");
  write_auction_command_body(w, document.transcript.open);
  w.key("registrations").begin_array();
  for (const auto& r : document.transcript.registrations) write_auction_command_body(w, r);
  w.end_array().key("bids").begin_array();
  for (const auto& b : document.transcript.bids) write_auction_command_body(w, b);
  w.end_array();
  if (document.recorded) {
    w.key("recorded").begin_object().key("winner").value_or_null(document.recorded->winner);
    w.key("winning_price_fen").value(document.recorded->winning_price_fen);
    w.key("ended_at").value(document.recorded->ended_at.to_rfc3339()).end_object();
  }
  w.end_object();
  return w.take();
}

bool replay_matches(const AuctionReplay& replay, const RecordedAuctionOutcome& recorded) {
  return !replay.refusal && replay.state.ended && replay.state.winner == recorded.winner &&
         replay.state.winning_price_fen == recorded.winning_price_fen && replay.state.ended_at == recorded.ended_at;
}

std::string write_auction_replay(const AuctionReplay& replay, const std::optional<RecordedAuctionOutcome>& recorded) {
  const auto& s = replay.state;
  JsonWriter w;
  w.begin_object()
      .key("auction")
      .value(s.auction)
      .key("bids_replayed")
      .value(static_cast<std::int64_t>(replay.bids_replayed));
  w.key("refusal").value_or_null(replay.refusal).key("phase").value(s.phase).key("winner").value_or_null(s.winner);
  w.key("winning_price_fen").value(s.winning_price_fen).key("reserve_met").value(s.reserve_met);
  w.key("ended_at").value_or_null(s.ended_at).key("matches_recorded");
  if (recorded) {
    w.value(replay_matches(replay, *recorded));
  } else {
    w.null();
  }
  w.end_object();
  return w.take();
}

}  // namespace gp::matching::engine
