#include "auction_view.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "gongping/common/json_writer.hpp"

namespace gp::server::api {
namespace {

using common::JsonWriter;
using rapidjson::Value;

std::string to_text(const Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

// Copies the member `name` of `from` (any JSON value) when present.
void copy(JsonWriter& w, const Value& from, const char* name) {
  if (from.IsObject() && from.HasMember(name)) w.key(name).raw(to_text(from[name]));
}

std::string label(const Value& number) {
  return "Bidder #" + std::to_string(number.IsInt64() ? number.GetInt64() + 1 : 0);
}

}  // namespace

std::string auction_view_json(const auctions::AuctionRecord& a, const std::optional<std::string>& engine_state_json,
                              const accounts::Principal* reader) {
  const bool staff = reader && (reader->role == common::Role::supervisor ||
                                (reader->role == common::Role::official && reader->public_id == a.created_by));
  const std::optional<std::string> me =
      reader && reader->role == common::Role::enterprise ? std::optional(reader->public_id) : std::nullopt;
  const bool decided = a.state != "scheduled";

  rapidjson::Document terms;
  terms.Parse(a.terms_body_json.c_str());
  JsonWriter w;
  w.begin_object().key("id").value(a.id).key("kind").value(a.kind).key("title").value(a.title);
  w.key("description").value(a.description).key("state").value(a.state).key("created_by").value(a.created_by);
  w.key("deposit_fen").value(a.deposit_fen).key("starts_at").value(a.starts_at.to_rfc3339());
  w.key("terms").begin_object();
  if (terms.IsObject() && terms.HasMember("terms") && terms["terms"].IsObject()) {
    for (const auto& m : terms["terms"].GetObject()) {
      const std::string name = m.name.GetString();
      // The reserve is secret until the end; a reverse auction's bidders are shown by label.
      if (name == "reserve_price_fen" && !staff && !decided) continue;
      if (name == "bidders" && !staff) {
        w.key("bidder_count").value(static_cast<std::int64_t>(m.value.IsArray() ? m.value.Size() : 0));
        continue;
      }
      w.key(name).raw(to_text(m.value));
    }
  }
  w.end_object();
  if (decided) {
    w.key("winner").value_or_null(a.winner).key("winning_price_fen").value_or_null(a.winning_price_fen);
    w.key("ended_at").value_or_null(a.ended_at);
  }
  w.key("stored_bids").value(std::int64_t{a.stored_bids});

  rapidjson::Document state;
  if (engine_state_json) state.Parse(engine_state_json->c_str());
  if (state.IsObject()) {
    w.key("live").begin_object();
    for (const char* name : {"phase", "clock", "accepted", "current_price_fen", "minimum_next_fen", "ends_at",
                             "step_fen", "ended", "ended_at", "winning_price_fen"}) {
      copy(w, state, name);
    }
    if (state.HasMember("winner") && (staff || state["ended"].IsTrue())) copy(w, state, "winner");
    if (staff) {
      copy(w, state, "leader");
      copy(w, state, "bidders");
      copy(w, state, "reserve_met");
    }
    if (state.HasMember("turn") && state["turn"].IsObject()) {
      const auto& t = state["turn"];
      w.key("turn").begin_object().key("label").value(label(t["number"]));
      for (const char* name : {"round", "turn", "starts_at", "ends_at"}) copy(w, t, name);
      if (staff) copy(w, t, "bidder");
      w.end_object();
    }
    if (state.HasMember("standings") && state["standings"].IsArray()) {
      w.key("standings").begin_array();
      for (const auto& s : state["standings"].GetArray()) {
        w.begin_object().key("label").value(label(s["number"]));
        for (const char* name : {"rank", "price_fen", "coefficient_bp", "adjusted_fen"}) copy(w, s, name);
        if (staff) copy(w, s, "bidder");
        if (me && s["bidder"].GetString() == *me) w.key("you").value(true);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  if (me) {
    w.key("you").begin_object().key("bidder").value(*me);
    for (const auto& r : a.registrations) {
      if (r.enterprise == *me) {
        w.key("registration").begin_object().key("deposit_reference").value(r.deposit_reference);
        w.key("confirmed").value(r.confirmed_at.has_value()).end_object();
      }
    }
    if (state.IsObject()) {
      if (state.HasMember("leader"))
        w.key("leading").value(state["leader"].IsString() && state["leader"].GetString() == *me);
      if (state.HasMember("turn") && state["turn"].IsObject()) {
        w.key("your_turn").value(state["turn"]["bidder"].GetString() == *me);
      }
    }
    w.end_object();
  }
  if (staff) {
    w.key("registrations").begin_array();
    for (const auto& r : a.registrations) {
      w.begin_object().key("enterprise").value(r.enterprise).key("name").value(r.enterprise_name);
      w.key("deposit_reference").value(r.deposit_reference).key("requested_at").value(r.requested_at.to_rfc3339());
      w.key("confirmed_at").value_or_null(r.confirmed_at).end_object();
    }
    w.end_array();
  }
  w.end_object();
  return w.take();
}

}  // namespace gp::server::api
