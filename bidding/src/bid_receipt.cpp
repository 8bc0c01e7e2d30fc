#include "gongping/bidding/bid_receipt.hpp"

#include "gongping/common/json_writer.hpp"

namespace gp::bidding {

std::string_view to_string(BidAction action) {
  switch (action) {
    case BidAction::submitted: return "submitted";
    case BidAction::replaced: return "replaced";
    case BidAction::withdrawn: return "withdrawn";
  }
  return "unknown";
}

std::optional<BidAction> parse_bid_action(std::string_view text) {
  for (auto a : {BidAction::submitted, BidAction::replaced, BidAction::withdrawn}) {
    if (to_string(a) == text) return a;
  }
  return std::nullopt;
}

std::string receipt_payload(const BidReceiptFacts& facts) {
  common::JsonWriter w;
  w.begin_object()
      .key("iss")
      .value(facts.issuer)
      .key("typ")
      .value("bid-receipt")
      .key("tender_id")
      .value(facts.tender_id)
      .key("bidder_id")
      .value(facts.bidder_id)
      .key("bid_id")
      .value(facts.bid_id)
      .key("action")
      .value(to_string(facts.action))
      .key("envelope_sha256")
      .text_or_null(facts.envelope_sha256_hex)
      .key("attachments")
      .begin_array();
  for (const auto& a : facts.attachments) {
    w.begin_object().key("name").value(a.name).key("sha256").value(a.sha256_hex).end_object();
  }
  w.end_array()
      .key("received_at")
      .value(facts.received_at.to_rfc3339())
      .key("audit_index")
      .value(facts.audit_index)
      .end_object();
  return w.take();
}

}  // namespace gp::bidding
