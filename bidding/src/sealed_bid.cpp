#include "gongping/bidding/sealed_bid.hpp"

#include <array>

namespace gp::bidding {
namespace {

common::Error envelope_error(std::string detail) {
  return common::make_error(common::ErrorCode::envelope_invalid, std::move(detail));
}

bool is_lower_hex(std::string_view text, std::size_t size) {
  if (text.size() != size) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

bool is_enterprise_size(std::string_view size) {
  static constexpr std::array<std::string_view, 4> kSizes = {"large", "medium", "small", "micro"};
  for (auto s : kSizes) {
    if (s == size) return true;
  }
  return false;
}

common::Result<void> check_envelope_header(const EnvelopeHeader& header, std::string_view tender_id,
                                           std::string_view opening_kid, std::string_view bidder_id) {
  if (header.alg != "ECDH-ES") return envelope_error("The header's \"alg\" must be \"ECDH-ES\".");
  if (header.enc != "A256GCM") return envelope_error("The header's \"enc\" must be \"A256GCM\".");
  if (!header.has_epk) return envelope_error("The header needs an \"epk\" P-256 public key.");
  if (header.kid != opening_kid) {
    return envelope_error("The header's \"kid\" must be this tender's opening key \"" + std::string(opening_kid) +
                          "\".");
  }
  if (header.cty != kBidContentType) {
    return envelope_error("The header's \"cty\" must be \"" + std::string(kBidContentType) + "\".");
  }
  if (header.gp_tender != tender_id) {
    return envelope_error("The header's \"gp_tender\" must be \"" + std::string(tender_id) + "\".");
  }
  if (header.gp_bidder != bidder_id) {
    return envelope_error("The header's \"gp_bidder\" must be your enterprise id \"" + std::string(bidder_id) + "\".");
  }
  return common::Ok{};
}

std::optional<std::string> content_problem(const BidContent& content, const EnvelopeHeader& header,
                                           const std::vector<StoredAttachment>& uploaded) {
  if (content.version != 1) return "the bid's \"v\" is not 1";
  if (content.tender_id != header.gp_tender) return "the bid's tender_id differs from its header";
  if (content.bidder_id != header.gp_bidder) return "the bid's bidder_id differs from its header";
  if (content.price_fen <= 0) return "the bid's price_fen is not a positive amount";
  if (!is_enterprise_size(content.size)) return "the bid's size is not large, medium, small or micro";
  for (const auto& a : content.attachments) {
    if (!is_lower_hex(a.sha256_hex, 64)) return "attachment \"" + a.name + "\" has a malformed sha256";
    const StoredAttachment* found = nullptr;
    for (const auto& u : uploaded) {
      if (u.sha256_hex == a.sha256_hex) found = &u;
    }
    if (found == nullptr) return "attachment \"" + a.name + "\" was not uploaded before the deadline";
  }
  return std::nullopt;
}

}  // namespace gp::bidding
