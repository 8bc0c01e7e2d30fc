#include "auction_view.hpp"

#include <rapidjson/document.h>

#include "../auctions/json_text.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/auctions/auction_live_view.hpp"

namespace gp::server::api {
namespace {

using common::JsonWriter;
using rapidjson::Value;

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
  w.key("tender").value_or_null(a.tender);
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
      w.key(name).raw(auctions::json_text(m.value));
    }
  }
  w.end_object();
  if (decided) {
    w.key("winner").value_or_null(a.winner).key("winning_price_fen").value_or_null(a.winning_price_fen);
    w.key("ended_at").value_or_null(a.ended_at);
  }
  w.key("stored_bids").value(std::int64_t{a.stored_bids});

  const auctions::AuctionAudience audience{staff, me};
  if (engine_state_json) w.key("live").raw(auctions::live_view_json(*engine_state_json, audience));
  if (me) {
    w.key("you").begin_object().key("bidder").value(*me);
    for (const auto& r : a.registrations) {
      if (r.enterprise == *me) {
        w.key("registration").begin_object().key("deposit_reference").value(r.deposit_reference);
        w.key("confirmed").value(r.confirmed_at.has_value()).end_object();
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
