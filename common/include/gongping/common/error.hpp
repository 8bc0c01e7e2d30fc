#pragma once
// Expected business outcomes as values (ARCHITECTURE.md rule 3).
//
// Every module reports failures with an ErrorCode from this one list; the server maps each code to
// an HTTP status and an RFC 9457 problem `type` in one table (server/src/http/problem.cpp),
// and a test checks that every code has a row there. Add new codes at the end of a module's block,
// without explicit values (all_error_codes() relies on them being contiguous), and name them in
// error.cpp.

#include <string>
#include <string_view>
#include <vector>

namespace gp::common {

enum class ErrorCode {
  // generic
  validation_failed,  // some fields are wrong; see Error::fields
  malformed_request,  // the body is not what the route reads (not JSON, not an object)
  unsupported_media_type,
  not_found,
  conflict,
  unauthenticated,  // no valid session
  forbidden,        // a session whose role may not do this
  rate_limited,
  unavailable,  // a dependency (database, engine) cannot answer now
  overloaded,   // bounded queue full; retry later
  internal,
  // HTTP protocol (produced by the server's request handling, listed here so one table maps all)
  method_not_allowed,
  payload_too_large,
  headers_too_large,
  // accounts
  credentials_invalid,
  login_taken,
  uscc_taken,
  account_disabled,
  // schema migrations
  migration_checksum_mismatch,
  // tenders
  tender_transition_refused,  // the tender's state does not allow this step
  share_invalid,              // an opening share that does not parse or does not belong here
  bid_deadline_passed,        // a bid, replacement or withdrawal received at or after the deadline
  idempotency_key_reused,     // the same Idempotency-Key with a different request
  opening_not_due,            // an opening step before the opening time
  share_duplicate,            // an officer's share handed in a second time
  // sealed bids and receipts (JOSE)
  key_invalid,        // a P-256 scalar or point that is not a valid key
  decryption_failed,  // a ciphertext whose authentication tag does not verify under the key
  envelope_invalid,   // a JWE that does not parse (parts, base64url, sizes)
  signature_invalid,  // a JWS that does not parse or whose signature does not verify
  // informatization project filing
  application_transition_refused,  // the application's state (or an open check) does not allow this step
  project_budget_exceeded,         // a tender would take its project past the approved budget
  // supervision
  frozen_by_supervision,  // a monitoring case froze the tender or application: no step until unfrozen
  // live auctions
  auction_not_open,        // before the start, after the end, or (reverse auctions) not this bidder's turn
  bid_short_of_step,       // short of the starting price, of the increment over the leader, or of the step down
  auction_not_registered,  // the bidder has not registered (with its deposit) or is not a participant
};

// The stable text name of a code, e.g. "credentials_invalid". Never changes once released.
std::string_view to_string(ErrorCode code);

// All codes, for tests that check every code is mapped.
const std::vector<ErrorCode>& all_error_codes();

// One field's problem, named by its JSON path ("contact.email") or argument name.
struct FieldError {
  std::string field;
  std::string problem;
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string detail;              // human-readable, safe to show to the caller
  std::vector<FieldError> fields;  // for validation_failed
  int retry_after_seconds = 0;     // for rate_limited and overloaded; 0 = not said
  std::string log_detail;          // for the operator's log only; never sent to a client

  static Error validation(std::vector<FieldError> fields);
};

}  // namespace gp::common
