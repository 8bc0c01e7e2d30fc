#include "protocol_codec.hpp"

#include <functional>

#include "evaluation_json.hpp"
#include "exact_json.hpp"
#include "gongping/common/json_writer.hpp"

namespace gp::matching::engine {
namespace {

using common::JsonWriter;
using Kind = ExactJson::Kind;

ProtocolError fail(std::string id, std::string code, std::string message) {
  return ProtocolError{std::move(id), std::move(code), std::move(message)};
}

void header(JsonWriter& w, const std::string& id, std::string_view type) {
  w.key("v").value(std::int64_t{kEngineProtocolVersion}).key("id").text_or_null(id).key("type").value(type);
}

// Reads one command's body; a problem is an invalid_body error naming the member.
class BodyReader {
 public:
  BodyReader(const ExactJson& body, std::string id, std::string type)
      : body_(body), id_(std::move(id)), type_(std::move(type)) {}

  const std::optional<ProtocolError>& error() const { return error_; }

  std::string id_string(std::string_view name, bool required = true) {
    const auto* v = body_.find(name);
    if (!v) {
      if (required) invalid(name, "is required");
      return {};
    }
    if (v->kind != Kind::string || v->text.empty() || v->text.size() > kMaxIdBytes) {
      invalid(name, "must be a string of 1 to 64 bytes");
      return {};
    }
    return v->text;
  }

  std::optional<Decimal4> decimal(std::string_view name) {
    const auto* v = body_.find(name);
    if (!v) return std::nullopt;
    const auto d = v->kind == Kind::number ? parse_decimal4(v->text) : std::nullopt;
    if (!d) invalid(name, "must be a decimal with at most 4 places");
    return d;
  }

  std::optional<EvaluationCase> evaluation_case(ScoresRequired scores) {
    const auto* v = body_.find("case");
    if (!v) {
      invalid("case", "is required");
      return std::nullopt;
    }
    auto c = read_evaluation_case(*v, scores);
    if (!c) {
      const auto& f = c.error().fields.front();
      invalid("case." + f.field, f.problem);
      return std::nullopt;
    }
    return std::move(c).value();
  }

  std::vector<std::string> id_list(std::string_view name) {
    const auto* v = body_.find(name);
    std::vector<std::string> out;
    if (!v || v->kind != Kind::array) {
      invalid(name, "must be an array of strings");
      return out;
    }
    for (const auto& item : v->items) {
      if (item.kind != Kind::string || item.text.empty() || item.text.size() > kMaxIdBytes) {
        invalid(name, "must hold strings of 1 to 64 bytes");
        return out;
      }
      out.push_back(item.text);
    }
    return out;
  }

  void invalid(std::string_view member, const std::string& problem) {
    if (!error_) error_ = fail(id_, "invalid_body", type_ + ": \"" + std::string(member) + "\" " + problem);
  }

 private:
  const ExactJson& body_;
  std::string id_;
  std::string type_;
  std::optional<ProtocolError> error_;
};

std::variant<DecodedCommand, ProtocolError> decode_body(const std::string& id, const std::string& type,
                                                        const ExactJson& body) {
  BodyReader r(body, id, type);
  EngineCommand command;
  if (auto auction = decode_auction_body(type, body)) {
    if (const auto* problem = std::get_if<AuctionBodyProblem>(&*auction)) {
      return fail(id, "invalid_body", type + ": \"" + problem->member + "\" " + problem->problem);
    }
    std::visit([&command](auto& c) { command = std::move(c); }, std::get<AuctionCommand>(*auction));
  } else if (type == "ping") {
    PingCommand ping;
    if (const auto* nonce = body.find("nonce")) {
      if (nonce->kind != Kind::string || nonce->text.size() > 64) {
        return fail(id, "invalid_body", "ping: \"nonce\" must be a string of at most 64 characters");
      }
      ping.nonce = nonce->text;
    }
    command = ping;
  } else if (type == "open_room") {
    OpenRoomCommand open;
    open.room = r.id_string("room");
    if (auto c = r.evaluation_case(ScoresRequired::none)) open.setup = std::move(*c);
    if (const auto* settings = body.find("settings")) {
      if (settings->kind != Kind::object) {
        r.invalid("settings", "must be an object");
      } else if (const auto* share = settings->find("deviation_alert_percent")) {
        const auto d = share->kind == Kind::number ? parse_decimal4(share->text) : std::nullopt;
        if (!d) r.invalid("settings.deviation_alert_percent", "must be a decimal with at most 4 places");
        if (d) open.settings.deviation_alert_percent = *d;
      }
    }
    if (const auto* replace = body.find("replace")) {
      if (replace->kind != Kind::boolean) r.invalid("replace", "must be true or false");
      open.replace = replace->flag;
    }
    command = std::move(open);
  } else if (type == "add_panel") {
    command = AddPanelCommand{r.id_string("room"), r.id_list("experts")};
  } else if (type == "submit_score" || type == "withdraw_score") {
    SetScoreCommand set{r.id_string("room"), r.id_string("expert"), r.id_string("bidder"), r.id_string("criterion"),
                        std::nullopt};
    if (type == "submit_score") {
      set.score = r.decimal("score");
      if (!set.score) r.invalid("score", "is required");
    }
    command = std::move(set);
  } else if (type == "close_room") {
    command = CloseRoomCommand{r.id_string("room")};
  } else if (type == "evaluate_case") {
    EvaluateCaseCommand evaluate;
    if (auto c = r.evaluation_case(ScoresRequired::all)) evaluate.evaluation_case = std::move(*c);
    command = std::move(evaluate);
  } else if (type == "snapshot") {
    SnapshotCommand snapshot;
    if (body.find("room")) snapshot.room = r.id_string("room");
    command = std::move(snapshot);
  } else {
    return fail(id, "unknown_command", "unknown command type \"" + type.substr(0, 64) + "\"");
  }
  if (r.error()) return *r.error();
  return DecodedCommand{id, std::move(command)};
}

void write_rows(JsonWriter& w, const std::vector<RankingRow>& rows) {
  w.begin_array();
  for (const auto& row : rows) {
    w.begin_object().key("bidder").value(row.bidder).key("rank").value(row.rank).key("tied").value(row.tied);
    w.key("technical_score").value(format_hundredths(row.technical_hundredths));
    w.key("total").value(format_hundredths(row.total_hundredths)).end_object();
  }
  w.end_array();
}

void write_alert(JsonWriter& w, const DeviationAlert& a) {
  w.key("expert").value(a.expert).key("bidder").value(a.bidder).key("criterion").value(a.criterion);
  w.key("score").value(format_decimal4(a.score)).key("median").value(format_decimal4(a.median));
}

std::string reply(const std::string& id, std::string_view type, const std::function<void(JsonWriter&)>& body) {
  JsonWriter w;
  w.begin_object();
  header(w, id, type);
  w.key("body").begin_object();
  body(w);
  w.end_object().end_object();
  return w.take();
}

}  // namespace

std::variant<DecodedCommand, ProtocolError> decode_command(std::string_view frame) {
  if (frame.size() > kMaxCommandBytes) return fail("", "too_large", "commands may be at most 16 MiB");
  auto parsed = parse_exact_json(frame);
  const auto* doc = std::get_if<ExactJson>(&parsed);
  if (!doc || doc->kind != Kind::object) return fail("", "malformed", "a command is one JSON object");
  const auto* id_value = doc->find("id");
  if (!id_value || id_value->kind != Kind::string || id_value->text.empty() || id_value->text.size() > kMaxIdBytes) {
    return fail("", "malformed", "\"id\" must be a string of 1 to 64 characters");
  }
  const std::string& id = id_value->text;
  const auto* v = doc->find("v");
  if (!v || v->kind != Kind::number) return fail(id, "malformed", "\"v\" must be an integer");
  if (v->text != "1") return fail(id, "unsupported_version", "this engine speaks protocol version 1");
  const auto* type = doc->find("type");
  if (!type || type->kind != Kind::string) return fail(id, "malformed", "\"type\" must be a string");
  const auto* body = doc->find("body");
  if (!body || body->kind != Kind::object) return fail(id, "malformed", "\"body\" must be an object");
  return decode_body(id, type->text, *body);
}

bool changes_state(const EngineCommand& command) {
  return std::holds_alternative<OpenRoomCommand>(command) || std::holds_alternative<AddPanelCommand>(command) ||
         std::holds_alternative<SetScoreCommand>(command) || std::holds_alternative<CloseRoomCommand>(command) ||
         std::holds_alternative<OpenAuctionCommand>(command) ||
         std::holds_alternative<RegisterBidderCommand>(command) || std::holds_alternative<AuctionBidCommand>(command) ||
         std::holds_alternative<DropAuctionCommand>(command) || std::holds_alternative<RestoreAuctionCommand>(command);
}

std::string encode_pong(const std::string& id, const PongReply& pong) {
  return reply(id, "pong", [&](JsonWriter& w) {
    w.key("nonce").value(pong.nonce).key("commands_handled").value(static_cast<std::int64_t>(pong.commands_handled));
    w.key("protocol_version").value(std::int64_t{pong.protocol_version});
  });
}

std::string encode_room_state(const std::string& id, const RoomState& state) {
  return reply(id, "room_state", [&](JsonWriter& w) {
    w.key("room").value(state.room).key("digest").value(state.digest).key("complete").value(state.complete);
    w.key("experts_finished").begin_array();
    for (const auto& e : state.experts_finished) w.value(e);
    w.end_array().key("standing").raw(write_evaluation_result(state.standing));
  });
}

std::string encode_score_reply(const std::string& id, const ScoreReply& r) {
  return reply(id, "score_recorded", [&](JsonWriter& w) {
    w.key("room").value(r.room).key("changed_rows");
    write_rows(w, r.update.changed_rows);
    w.key("alerts").begin_array();
    for (const auto& a : r.update.alerts) {
      w.begin_object();
      write_alert(w, a);
      w.end_object();
    }
    w.end_array().key("expert_finished").value(r.update.expert_finished);
  });
}

std::string encode_room_closed(const std::string& id, const RoomClosedReply& r) {
  return reply(id, "room_closed", [&](JsonWriter& w) {
    w.key("room").value(r.room).key("digest").value(r.digest).key("result").raw(write_evaluation_result(r.result));
  });
}

std::string encode_evaluation(const std::string& id, const EvaluationResult& result) {
  return reply(id, "evaluation", [&](JsonWriter& w) { w.key("result").raw(write_evaluation_result(result)); });
}

std::string encode_snapshot(const std::string& id, const EngineSnapshot& snapshot) {
  return reply(id, "snapshot", [&](JsonWriter& w) {
    w.key("rooms").begin_array();
    for (const auto& r : snapshot.rooms)
      w.begin_object().key("room").value(r.room).key("digest").value(r.digest).end_object();
    w.end_array();
  });
}

std::string encode_auction_state(const std::string& id, const AuctionState& state) {
  return reply(id, "auction_state", [&](JsonWriter& w) {
    w.key("state");
    write_auction_state(w, state);
  });
}

std::string encode_auction_bid_reply(const std::string& id, const AuctionBidReply& r) {
  return reply(id, "auction_bid_accepted", [&](JsonWriter& w) {
    w.key("bid");
    write_accepted_bid(w, r.bid, r.bidder);
    w.key("replayed").value(r.replayed).key("state");
    write_auction_state(w, r.state);
  });
}

std::string encode_auctions_advanced(const std::string& id, std::size_t auctions) {
  return reply(id, "auctions_advanced",
               [&](JsonWriter& w) { w.key("auctions").value(static_cast<std::int64_t>(auctions)); });
}

std::string encode_auction_bids(const std::string& id, const std::vector<AuctionBidCommand>& bids) {
  return reply(id, "auction_bids", [&](JsonWriter& w) {
    w.key("bids").begin_array();
    for (const auto& b : bids) write_auction_command_body(w, b);
    w.end_array();
  });
}

std::string encode_error(const ProtocolError& error) {
  return reply(error.id, "error",
               [&](JsonWriter& w) { w.key("code").value(error.code).key("message").value(error.message); });
}

ProtocolError refusal(const std::string& id, const common::Error& error) {
  switch (error.code) {
    case common::ErrorCode::not_found: return fail(id, "not_found", error.detail);
    case common::ErrorCode::conflict: return fail(id, "conflict", error.detail);
    // An auction's refusals keep their own codes, for the server to answer the bidder exactly.
    case common::ErrorCode::auction_not_open:
    case common::ErrorCode::bid_short_of_step:
    case common::ErrorCode::auction_not_registered:
    case common::ErrorCode::idempotency_key_reused:
      return fail(id, std::string(common::to_string(error.code)), error.detail);
    case common::ErrorCode::validation_failed:
      if (!error.fields.empty())
        return fail(id, "invalid_body", error.fields[0].field + ": " + error.fields[0].problem);
      return fail(id, "invalid_body", error.detail);
    default: return fail(id, "internal", error.detail);
  }
}

EncodedEvent encode_event(std::uint64_t seq, const EngineEvent& event) {
  EncodedEvent out;
  JsonWriter w;
  const auto open = [&](std::string_view type) {
    out.topic = std::string(type);
    w.begin_object().key("v").value(std::int64_t{kEngineProtocolVersion}).key("type").value(type);
    w.key("seq").value(static_cast<std::int64_t>(seq)).key("body").begin_object();
  };
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, RankingChangedEvent>) {
          open("ranking_changed");
          w.key("room").value(e.room).key("rows");
          write_rows(w, e.rows);
        } else if constexpr (std::is_same_v<T, ExpertFinishedEvent>) {
          open("expert_finished");
          w.key("room").value(e.room).key("expert").value(e.expert);
        } else if constexpr (std::is_same_v<T, DeviationAlertEvent>) {
          open("deviation_alert");
          w.key("room").value(e.room);
          write_alert(w, e.alert);
        } else if constexpr (std::is_same_v<T, RoomClosedEvent>) {
          open("room_closed");
          w.key("room").value(e.room).key("result").raw(write_evaluation_result(e.result));
        } else if constexpr (std::is_same_v<T, AuctionBidEvent>) {
          open("auction_bid");
          w.key("bid");
          write_accepted_bid(w, e.bid, e.bidder);
          w.key("state");
          write_auction_state(w, e.state);
        } else {
          open(std::is_same_v<T, AuctionTurnEvent> ? "auction_turn" : "auction_ended");
          w.key("state");
          write_auction_state(w, e.state);
        }
      },
      event);
  w.end_object().end_object();
  out.json = w.take();
  return out;
}

std::string encode_heartbeat(std::uint64_t seq, std::uint64_t commands_handled) {
  JsonWriter w;
  w.begin_object().key("v").value(std::int64_t{kEngineProtocolVersion}).key("type").value("heartbeat");
  w.key("seq").value(static_cast<std::int64_t>(seq)).key("body").begin_object();
  w.key("commands_handled").value(static_cast<std::int64_t>(commands_handled)).end_object().end_object();
  return w.take();
}

std::string encode_open_room_command(const std::string& id, const OpenRoomCommand& command) {
  JsonWriter w;
  w.begin_object().key("v").value(std::int64_t{kEngineProtocolVersion}).key("id").value(id);
  w.key("type").value("open_room").key("body").begin_object().key("room").value(command.room);
  w.key("case").raw(write_evaluation_case(command.setup));
  w.key("settings")
      .begin_object()
      .key("deviation_alert_percent")
      .raw(format_decimal4(command.settings.deviation_alert_percent));
  w.end_object().end_object().end_object();
  return w.take();
}

}  // namespace gp::matching::engine

namespace gp::matching::engine {

std::string encode_auction_command(const std::string& id, const AuctionCommand& command) {
  JsonWriter w;
  w.begin_object().key("v").value(std::int64_t{kEngineProtocolVersion}).key("id").value(id);
  w.key("type").value(auction_command_type(command)).key("body");
  write_auction_command_body(w, command);
  w.end_object();
  return w.take();
}

}  // namespace gp::matching::engine
