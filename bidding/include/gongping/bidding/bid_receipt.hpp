#pragma once
// The payload of a bid receipt (specs/sealed-bid.md "The receipt"): what the platform signs when it
// accepts a bid, a replacement or a withdrawal. Members are written in the spec's order, so the
// same facts always give the same bytes.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongping/common/instant.hpp"

namespace gp::bidding {

enum class BidAction { submitted, replaced, withdrawn };
std::string_view to_string(BidAction action);
std::optional<BidAction> parse_bid_action(std::string_view text);

struct ReceiptAttachment {
  std::string name;
  std::string sha256_hex;
};

struct BidReceiptFacts {
  std::string issuer;  // the platform's origin, e.g. "https://gongping.example"
  std::string tender_id;
  std::string bidder_id;
  std::string bid_id;
  BidAction action = BidAction::submitted;
  std::string envelope_sha256_hex;  // empty for a withdrawal
  std::vector<ReceiptAttachment> attachments;
  common::Instant received_at;
  std::int64_t audit_index = 0;
};

std::string receipt_payload(const BidReceiptFacts& facts);

}  // namespace gp::bidding
