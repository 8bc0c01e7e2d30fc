#pragma once
// Sealed bids (specs/sealed-bid.md): what the server may check before the opening (the envelope's
// protected header) and after it (the decrypted content against the header and the attachments).
//
// The adapters parse JSON into these structs; the checks are pure so that every refusal reason is
// unit-tested. Nothing here decrypts: see common/jose.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongping/common/result.hpp"

namespace gp::bidding {

inline constexpr std::string_view kBidContentType = "application/vnd.gongping.bid+json;v=1";

// The members of a bid JWE's protected header that the spec pins (absent members are empty).
struct EnvelopeHeader {
  std::string alg;
  std::string enc;
  std::string kid;
  std::string cty;
  std::string gp_tender;
  std::string gp_bidder;
  bool has_epk = false;  // an "epk" object with kty EC, crv P-256 and both coordinates
};

// envelope_invalid, naming the first member that is wrong, unless the header is bound to this
// tender, its opening key and this bidder.
common::Result<void> check_envelope_header(const EnvelopeHeader& header, std::string_view tender_id,
                                           std::string_view opening_kid, std::string_view bidder_id);

struct SealedAttachment {
  std::string name;
  std::int64_t bytes = 0;
  std::string key_b64url;  // 32 bytes
  std::string iv_b64url;   // 12 bytes
  std::string sha256_hex;  // of the uploaded ciphertext || tag
};

// The decrypted plaintext of a bid.
struct BidContent {
  int version = 0;
  std::string tender_id;
  std::string bidder_id;
  std::int64_t price_fen = 0;
  std::string size;  // "large" | "medium" | "small" | "micro"
  std::vector<SealedAttachment> attachments;
  bool joint_venture = false;
};

// What the platform holds for an attachment: the SHA-256 of the uploaded object, if complete.
struct StoredAttachment {
  std::string name;
  std::string sha256_hex;
};

// Why an opened bid is undecryptable, or nullopt when its content is consistent with its header
// and every listed attachment was uploaded with the hash the bid names. Decrypting the attachments
// themselves is the caller's last check.
std::optional<std::string> content_problem(const BidContent& content, const EnvelopeHeader& header,
                                           const std::vector<StoredAttachment>& uploaded);

bool is_enterprise_size(std::string_view size);

}  // namespace gp::bidding
