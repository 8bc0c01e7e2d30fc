#include "gongping/server/auctions/auction_live_view.hpp"

#include <rapidjson/document.h>

#include "gongping/common/json_writer.hpp"
#include "json_text.hpp"

namespace gp::server::auctions {
namespace {

using common::JsonWriter;
using rapidjson::Value;

void copy(JsonWriter& w, const Value& from, const char* name) {
  if (from.IsObject() && from.HasMember(name)) w.key(name).raw(json_text(from[name]));
}

std::string label(const Value& number) {
  return "Bidder #" + std::to_string(number.IsInt64() ? number.GetInt64() + 1 : 0);
}

bool is(const Value& v, const std::optional<std::string>& id) { return id && v.IsString() && v.GetString() == *id; }

}  // namespace

std::string live_view_json(std::string_view engine_state_json, const AuctionAudience& audience) {
  rapidjson::Document state;
  state.Parse(engine_state_json.data(), engine_state_json.size());
  if (!state.IsObject()) return "{}";
  const bool ended = state.HasMember("ended") && state["ended"].IsTrue();
  JsonWriter w;
  w.begin_object();
  for (const char* name : {"phase", "clock", "accepted", "current_price_fen", "minimum_next_fen", "ends_at", "step_fen",
                           "ended", "ended_at"}) {
    copy(w, state, name);
  }
  if (ended || audience.staff) {
    copy(w, state, "winner");
    copy(w, state, "winning_price_fen");
  }
  if (audience.staff) {
    copy(w, state, "leader");
    copy(w, state, "bidders");
    copy(w, state, "reserve_met");
  }
  if (state.HasMember("turn") && state["turn"].IsObject()) {
    const auto& t = state["turn"];
    w.key("turn").begin_object().key("label").value(label(t["number"]));
    for (const char* name : {"round", "turn", "starts_at", "ends_at"}) copy(w, t, name);
    if (audience.staff) copy(w, t, "bidder");
    w.end_object();
  }
  if (state.HasMember("standings") && state["standings"].IsArray()) {
    w.key("standings").begin_array();
    for (const auto& s : state["standings"].GetArray()) {
      w.begin_object().key("label").value(label(s["number"]));
      for (const char* name : {"rank", "price_fen", "coefficient_bp", "adjusted_fen"}) copy(w, s, name);
      if (audience.staff) copy(w, s, "bidder");
      if (is(s["bidder"], audience.bidder)) w.key("you").value(true);
      w.end_object();
    }
    w.end_array();
  }
  if (audience.bidder) {
    w.key("you").begin_object().key("bidder").value(*audience.bidder);
    if (state.HasMember("leader")) w.key("leading").value(is(state["leader"], audience.bidder));
    if (state.HasMember("turn") && state["turn"].IsObject())
      w.key("your_turn").value(is(state["turn"]["bidder"], audience.bidder));
    if (ended && state.HasMember("winner")) w.key("won").value(is(state["winner"], audience.bidder));
    w.end_object();
  }
  w.end_object();
  return w.take();
}

std::string live_bid_json(std::string_view engine_bid_json, const AuctionAudience& audience) {
  rapidjson::Document bid;
  bid.Parse(engine_bid_json.data(), engine_bid_json.size());
  if (!bid.IsObject()) return "{}";
  JsonWriter w;
  w.begin_object();
  for (const char* name : {"seq", "price_fen", "pass", "at"}) copy(w, bid, name);
  if (audience.staff) copy(w, bid, "bidder");
  if (bid.HasMember("bidder") && is(bid["bidder"], audience.bidder)) w.key("yours").value(true);
  w.end_object();
  return w.take();
}

}  // namespace gp::server::auctions
