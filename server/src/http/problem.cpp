#include "gongping/server/http/problem.hpp"

#include <array>
#include <utility>

#include "gongping/common/json_writer.hpp"

namespace gp::server::http {
namespace {

using common::ErrorCode;

struct Row {
  ErrorCode code;
  ProblemKind kind;
};

constexpr std::array kTable = {
    Row{ErrorCode::validation_failed, {Status::unprocessable_entity, "validation-failed", "Some fields are invalid"}},
    Row{ErrorCode::malformed_request, {Status::bad_request, "malformed-request", "The request body cannot be read"}},
    Row{ErrorCode::unsupported_media_type,
        {Status::unsupported_media_type, "unsupported-media-type", "Send the body as application/json"}},
    Row{ErrorCode::not_found, {Status::not_found, "not-found", "Not found"}},
    Row{ErrorCode::conflict, {Status::conflict, "conflict", "Conflict with the current state"}},
    Row{ErrorCode::unauthenticated, {Status::unauthorized, "unauthenticated", "Sign in first"}},
    Row{ErrorCode::forbidden, {Status::forbidden, "forbidden", "Your role may not do this"}},
    Row{ErrorCode::rate_limited, {Status::too_many_requests, "rate-limited", "Too many attempts"}},
    Row{ErrorCode::unavailable, {Status::service_unavailable, "unavailable", "A service is not reachable"}},
    Row{ErrorCode::overloaded, {Status::service_unavailable, "overloaded", "The server is busy"}},
    Row{ErrorCode::internal, {Status::internal_server_error, "internal", "Internal error"}},
    Row{ErrorCode::method_not_allowed, {Status::method_not_allowed, "method-not-allowed", "Method not allowed"}},
    Row{ErrorCode::payload_too_large, {Status::payload_too_large, "payload-too-large", "The body is too large"}},
    Row{ErrorCode::headers_too_large,
        {Status::request_header_fields_too_large, "headers-too-large", "The headers are too large"}},
    Row{ErrorCode::credentials_invalid, {Status::unauthorized, "credentials-invalid", "Wrong login name or password"}},
    Row{ErrorCode::login_taken, {Status::conflict, "login-taken", "The login name is taken"}},
    Row{ErrorCode::uscc_taken, {Status::conflict, "uscc-taken", "The enterprise is already registered"}},
    Row{ErrorCode::account_disabled, {Status::forbidden, "account-disabled", "The account is disabled"}},
    Row{ErrorCode::migration_checksum_mismatch,
        {Status::internal_server_error, "migration-checksum-mismatch", "The database schema does not match"}},
    Row{ErrorCode::tender_transition_refused,
        {Status::conflict, "tender-transition-refused", "The tender's state does not allow this"}},
    Row{ErrorCode::share_invalid, {Status::unprocessable_entity, "share-invalid", "The opening share is not valid"}},
    Row{ErrorCode::bid_deadline_passed, {Status::conflict, "bid-deadline-passed", "The bid deadline has passed"}},
    Row{ErrorCode::idempotency_key_reused,
        {Status::unprocessable_entity, "idempotency-key-reused", "This Idempotency-Key was used for another request"}},
    Row{ErrorCode::opening_not_due, {Status::conflict, "opening-not-due", "The opening time has not come"}},
    Row{ErrorCode::share_duplicate, {Status::conflict, "share-duplicate", "This share was already handed in"}},
    Row{ErrorCode::key_invalid, {Status::unprocessable_entity, "key-invalid", "The key is not a valid P-256 key"}},
    Row{ErrorCode::decryption_failed,
        {Status::unprocessable_entity, "decryption-failed", "The ciphertext does not decrypt with this key"}},
    Row{ErrorCode::envelope_invalid,
        {Status::unprocessable_entity, "envelope-invalid", "The sealed bid is not a valid compact JWE"}},
    Row{ErrorCode::signature_invalid,
        {Status::unprocessable_entity, "signature-invalid", "The signature does not verify"}},
    Row{ErrorCode::application_transition_refused,
        {Status::conflict, "application-transition-refused", "The application's state does not allow this"}},
    Row{ErrorCode::project_budget_exceeded,
        {Status::conflict, "project-budget-exceeded", "The project's approved budget would be exceeded"}},
    Row{ErrorCode::frozen_by_supervision,
        {Status::conflict, "frozen-by-supervision", "A supervision case has frozen this"}},
    Row{ErrorCode::auction_not_open, {Status::conflict, "auction-not-open", "The auction does not take this bid now"}},
    Row{ErrorCode::bid_short_of_step,
        {Status::unprocessable_entity, "bid-short-of-step", "The bid does not move the price by the required step"}},
    Row{ErrorCode::auction_not_registered,
        {Status::forbidden, "auction-not-registered", "Not registered for this auction"}},
};

}  // namespace

bool has_problem_kind(ErrorCode code) {
  for (const auto& row : kTable) {
    if (row.code == code) return true;
  }
  return false;
}

ProblemKind problem_kind(ErrorCode code) {
  for (const auto& row : kTable) {
    if (row.code == code) return row.kind;
  }
  return {Status::internal_server_error, "internal", "Internal error"};
}

Response problem_response(const common::Error& error, std::string_view instance, std::string_view request_id,
                          unsigned http_version) {
  const ProblemKind kind = problem_kind(error.code);
  common::JsonWriter w;
  w.begin_object()
      .key("type")
      .value("/problems/" + std::string(kind.slug))
      .key("title")
      .value(kind.title)
      .key("status")
      .value(static_cast<std::int64_t>(kind.status))
      .key("detail")
      .value(error.detail.empty() ? kind.title : std::string_view(error.detail))
      .key("instance")
      .value(instance)
      .key("request_id")
      .value(request_id);
  if (!error.fields.empty()) {
    w.key("errors").begin_array();
    for (const auto& f : error.fields) {
      w.begin_object().key("field").value(f.field).key("detail").value(f.problem).end_object();
    }
    w.end_array();
  }
  w.end_object();
  Response res{kind.status, http_version};
  res.set(beast_http::field::content_type, "application/problem+json");
  if (error.retry_after_seconds > 0) res.set(beast_http::field::retry_after, std::to_string(error.retry_after_seconds));
  if (error.code == ErrorCode::unauthenticated)
    res.set(beast_http::field::www_authenticate, "Bearer realm=\"gongping\"");
  res.body() = w.take();
  res.prepare_payload();
  return res;
}

}  // namespace gp::server::http
