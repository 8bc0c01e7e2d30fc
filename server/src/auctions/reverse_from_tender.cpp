#include "gongping/server/auctions/reverse_from_tender.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>

namespace gp::server::auctions {

common::Result<TenderBidders> tender_bidders(tenders::TenderService& tenders, opening::OpeningService& opening,
                                             const accounts::Principal& official, const std::string& tender) {
  const auto refuse = [](std::string why) { return common::Error::validation({{"tender", std::move(why)}}); };
  auto view = tenders.get(official, tender);
  if (!view || view.value().created_by != official.public_id) return refuse("must be a tender of yours");
  const auto state = view.value().state;
  if (state != bidding::TenderState::opening && state != bidding::TenderState::evaluating) {
    return refuse("must be opened and not yet awarded (it is " + std::string(bidding::to_string(state)) + ")");
  }
  auto record = opening.record(view.value().id);
  if (!record) return refuse("has no opening record yet");
  TenderBidders out{view.value().id, view.value().terms.budget.fen(), {}};
  for (const auto& b : record.value().bids) {
    if (b.status == "opened" && b.price_fen) out.bidders.push_back({b.bidder_id, *b.price_fen, 0});
  }
  if (out.bidders.size() < 2) return refuse("needs at least two bids opened at a price");
  return out;
}

common::Result<std::string> terms_from_tender(const std::string& terms_json, const TenderBidders& from) {
  rapidjson::Document terms;
  terms.Parse(terms_json.c_str());
  if (!terms.IsObject()) return common::Error::validation({{"terms", "must be an object"}});
  auto& alloc = terms.GetAllocator();
  // What the official gave each bidder (kept as given: the auction's rules check the coefficient).
  std::map<std::string, const rapidjson::Value*> given;
  std::vector<common::FieldError> wrong;
  if (terms.HasMember("bidders")) {
    if (!terms["bidders"].IsArray()) return common::Error::validation({{"terms.bidders", "must be an array"}});
    std::map<std::string, std::int64_t> opened;
    for (const auto& b : from.bidders) opened.emplace(b.bidder, b.initial_price_fen);
    const auto& list = terms["bidders"].GetArray();
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
      const std::string field = "terms.bidders[" + std::to_string(i) + "]";
      if (!list[i].IsObject() || !list[i].HasMember("bidder") || !list[i]["bidder"].IsString()) {
        wrong.push_back({field + ".bidder", "is required"});
        continue;
      }
      const std::string bidder = list[i]["bidder"].GetString();
      const auto price = opened.find(bidder);
      if (price == opened.end()) {
        wrong.push_back({field + ".bidder", bidder + " has no bid opened at a price in " + from.tender});
        continue;
      }
      if (list[i].HasMember("initial_price_fen") &&
          !(list[i]["initial_price_fen"].IsInt64() && list[i]["initial_price_fen"].GetInt64() == price->second)) {
        wrong.push_back({field + ".initial_price_fen",
                         "must be the price the bid opened at (" + std::to_string(price->second) + " fen)"});
      }
      given[bidder] = &list[i];
    }
  }
  if (!wrong.empty()) return common::Error::validation(std::move(wrong));
  rapidjson::Value bidders(rapidjson::kArrayType);
  for (const auto& b : from.bidders) {
    if (!given.empty() && !given.contains(b.bidder)) continue;  // left out by the official
    rapidjson::Value entry(rapidjson::kObjectType);
    entry.AddMember("bidder", rapidjson::Value(b.bidder.c_str(), alloc), alloc);
    entry.AddMember("initial_price_fen", b.initial_price_fen, alloc);
    const auto g = given.find(b.bidder);
    if (g != given.end() && g->second->HasMember("coefficient_bp")) {
      entry.AddMember("coefficient_bp", rapidjson::Value((*g->second)["coefficient_bp"], alloc), alloc);
    }
    bidders.PushBack(entry, alloc);
  }
  terms.RemoveMember("bidders");
  terms.AddMember("bidders", bidders, alloc);
  if (!terms.HasMember("expected_value_fen")) terms.AddMember("expected_value_fen", from.budget_fen, alloc);
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  terms.Accept(writer);
  return std::string(out.GetString(), out.GetSize());
}

}  // namespace gp::server::auctions
