#include "gongping/common/error.hpp"

namespace gp::common {

namespace {

// The one list of codes and their names. A switch, so that a code added to the enum without a
// name here fails the build (-Wswitch); empty for values outside the enum.
std::string_view name_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::validation_failed: return "validation_failed";
    case ErrorCode::malformed_request: return "malformed_request";
    case ErrorCode::unsupported_media_type: return "unsupported_media_type";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::unauthenticated: return "unauthenticated";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::rate_limited: return "rate_limited";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::overloaded: return "overloaded";
    case ErrorCode::internal: return "internal";
    case ErrorCode::method_not_allowed: return "method_not_allowed";
    case ErrorCode::payload_too_large: return "payload_too_large";
    case ErrorCode::headers_too_large: return "headers_too_large";
    case ErrorCode::credentials_invalid: return "credentials_invalid";
    case ErrorCode::login_taken: return "login_taken";
    case ErrorCode::uscc_taken: return "uscc_taken";
    case ErrorCode::account_disabled: return "account_disabled";
    case ErrorCode::migration_checksum_mismatch: return "migration_checksum_mismatch";
    case ErrorCode::tender_transition_refused: return "tender_transition_refused";
    case ErrorCode::share_invalid: return "share_invalid";
    case ErrorCode::bid_deadline_passed: return "bid_deadline_passed";
    case ErrorCode::idempotency_key_reused: return "idempotency_key_reused";
    case ErrorCode::opening_not_due: return "opening_not_due";
    case ErrorCode::share_duplicate: return "share_duplicate";
    case ErrorCode::key_invalid: return "key_invalid";
    case ErrorCode::decryption_failed: return "decryption_failed";
    case ErrorCode::envelope_invalid: return "envelope_invalid";
    case ErrorCode::signature_invalid: return "signature_invalid";
    case ErrorCode::application_transition_refused: return "application_transition_refused";
    case ErrorCode::project_budget_exceeded: return "project_budget_exceeded";
    case ErrorCode::frozen_by_supervision: return "frozen_by_supervision";
    case ErrorCode::auction_not_open: return "auction_not_open";
    case ErrorCode::bid_short_of_step: return "bid_short_of_step";
    case ErrorCode::auction_not_registered: return "auction_not_registered";
  }
  return {};
}

}  // namespace

std::string_view to_string(ErrorCode code) {
  const auto name = name_of(code);
  return name.empty() ? "internal" : name;
}

const std::vector<ErrorCode>& all_error_codes() {
  // Derived from name_of(): the enum's values are contiguous from 0, so walk until a value has no name.
  static const std::vector<ErrorCode> codes = [] {
    std::vector<ErrorCode> out;
    for (int i = 0; !name_of(static_cast<ErrorCode>(i)).empty(); ++i) out.push_back(static_cast<ErrorCode>(i));
    return out;
  }();
  return codes;
}

Error Error::validation(std::vector<FieldError> fields) {
  std::string detail = "Some fields are invalid: ";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) detail += ", ";
    detail += fields[i].field;
  }
  return Error{ErrorCode::validation_failed, std::move(detail), std::move(fields)};
}

}  // namespace gp::common
