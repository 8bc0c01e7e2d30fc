#include "gongping/server/api/routes.hpp"

#include <algorithm>

#include "gongping/common/embedded_file.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"

namespace gp::server::api {
namespace embedded {
std::vector<common::EmbeddedFile> openapi_files();
}

std::vector<http::Route> api_routes(std::size_t upload_limit_bytes) {
  using common::Role;
  using http::RouteAccess;
  using http::Verb;
  // The government side: who may read the registry, the catalogue and (as below) applications.
  const auto government =
      RouteAccess::only({Role::department, Role::reviewer, Role::supervisor, Role::expert, Role::admin});
  const auto application_readers =
      RouteAccess::only({Role::department, Role::reviewer, Role::supervisor, Role::expert});
  // Supervision cases: supervisors, and the owners of their subjects (to answer).
  const auto case_readers = RouteAccess::only({Role::official, Role::supervisor, Role::department});
  return {
      {Verb::get, "/healthz", RouteAccess::anyone(), &healthz},
      {Verb::get, "/api/time", RouteAccess::anyone(), &server_time},
      {Verb::get, "/readyz", RouteAccess::anyone(), &readyz},
      {Verb::get, "/metrics", RouteAccess::anyone(), &metrics},
      {Verb::get, "/openapi.json", RouteAccess::anyone(), &openapi},
      {Verb::post, "/api/enterprises", RouteAccess::anyone(), &register_enterprise},
      {Verb::post, "/api/session", RouteAccess::anyone(), &open_session},
      {Verb::get, "/api/session", RouteAccess::signed_in(), &current_session},
      {Verb::delete_, "/api/session", RouteAccess::signed_in(), &close_session},
      {Verb::post, "/api/admin/accounts", RouteAccess::only({Role::admin}), &create_staff_account},
      {Verb::get, "/api/admin/accounts", RouteAccess::only({Role::admin}), &list_accounts},
      {Verb::post, "/api/admin/accounts/{id}/disable", RouteAccess::only({Role::admin}), &disable_account},
      {Verb::post, "/api/admin/accounts/{id}/enable", RouteAccess::only({Role::admin}), &enable_account},
      {Verb::get, "/.well-known/jwks.json", RouteAccess::anyone(), &jwks},
      {Verb::post, "/api/me/credentials", RouteAccess::only({Role::enterprise}), &add_credential},
      {Verb::get, "/api/me/credentials", RouteAccess::only({Role::enterprise}), &list_credentials},
      {Verb::delete_, "/api/me/credentials/{cid}", RouteAccess::only({Role::enterprise}), &withdraw_credential},
      {Verb::put, "/api/me/opening-key", RouteAccess::only({Role::official, Role::supervisor}), &register_opening_key},
      {Verb::post, "/api/tenders", RouteAccess::only({Role::official}), &create_tender},
      {Verb::get, "/api/tenders", RouteAccess::anyone(), &list_tenders},
      {Verb::get, "/api/tenders/{id}", RouteAccess::anyone_or_signed_in(), &get_tender},
      {Verb::post, "/api/tenders/{id}/publish", RouteAccess::only({Role::official}), &publish_tender},
      {Verb::post, "/api/tenders/{id}/cancel", RouteAccess::only({Role::official}), &cancel_tender},
      {Verb::get, "/api/tenders/{id}/sealed-share", RouteAccess::only({Role::official, Role::supervisor}),
       &get_sealed_share},
      // Bid routes are left out of /metrics: their request counts would tell how many bids there are.
      {Verb::post, "/api/tenders/{id}/bids", RouteAccess::only({Role::enterprise}), &submit_bid, 0, nullptr, false},
      {Verb::get, "/api/tenders/{id}/bids/mine", RouteAccess::only({Role::enterprise}), &own_bids, 0, nullptr, false},
      {Verb::delete_, "/api/tenders/{id}/bids/mine", RouteAccess::only({Role::enterprise}), &withdraw_bid, 0, nullptr,
       false},
      {Verb::post, "/api/tenders/{id}/amendments", RouteAccess::only({Role::official}), &amend_tender},
      {Verb::get, "/api/tenders/{id}/amendments", RouteAccess::anyone(), &list_amendments},
      {Verb::post, "/api/tenders/{id}/questions", RouteAccess::only({Role::enterprise}), &ask_question},
      {Verb::get, "/api/tenders/{id}/questions", RouteAccess::only({Role::official}), &list_questions},
      {Verb::post, "/api/tenders/{id}/questions/{qid}/answer", RouteAccess::only({Role::official}), &answer_question},
      {Verb::get, "/api/tenders/{id}/clarifications", RouteAccess::anyone(), &list_clarifications},
      {Verb::get, "/api/me/notifications", RouteAccess::only({Role::enterprise}), &own_notifications},
      {Verb::post, "/api/tenders/{id}/attachments", RouteAccess::only({Role::enterprise}), &upload_attachment,
       upload_limit_bytes, nullptr, false},
      {Verb::get, "/api/tenders/{id}/attachments/mine", RouteAccess::only({Role::enterprise}), &own_attachments, 0,
       nullptr, false},
      {Verb::post, "/api/tenders/{id}/documents", RouteAccess::only({Role::official}), &upload_document,
       std::min(upload_limit_bytes, uploads::kMaxDocumentBytes)},
      {Verb::get, "/api/tenders/{id}/documents/{sha256}", RouteAccess::anyone_or_signed_in(), &download_document},
      {Verb::get, "/api/tenders/{id}/documents", RouteAccess::anyone_or_signed_in(), &tender_documents},
      {Verb::post, "/api/tenders/{id}/opening/shares", RouteAccess::only({Role::official, Role::supervisor}),
       &submit_share},
      {Verb::get, "/api/tenders/{id}/opening", RouteAccess::anyone(), &get_opening_record},
      {Verb::get, "/api/tenders/{id}/opening/live", RouteAccess::anyone(), &opening_live_without_upgrade, 0,
       &opening_live},
      {Verb::post, "/api/tenders/{id}/opening/responses", RouteAccess::only({Role::enterprise}), &respond_to_opening},
      {Verb::put, "/api/experts/{id}/profile", RouteAccess::only({Role::admin, Role::expert}), &put_expert_profile},
      {Verb::get, "/api/experts/{id}/profile",
       RouteAccess::only({Role::admin, Role::official, Role::supervisor, Role::expert}), &get_expert_profile},
      {Verb::post, "/api/tenders/{id}/panel", RouteAccess::only({Role::official}), &draw_panel},
      {Verb::get, "/api/tenders/{id}/panel", RouteAccess::only({Role::official, Role::supervisor, Role::expert}),
       &get_panel},
      {Verb::post, "/api/tenders/{id}/panel/decline", RouteAccess::only({Role::expert}), &decline_panel_seat},
      {Verb::post, "/api/tenders/{id}/evaluation", RouteAccess::only({Role::official}), &start_evaluation},
      {Verb::get, "/api/tenders/{id}/evaluation", RouteAccess::only({Role::official, Role::supervisor, Role::expert}),
       &get_evaluation},
      // Purchaser representatives on the panel are officials: they score and sign too.
      {Verb::put, "/api/tenders/{id}/evaluation/scores", RouteAccess::only({Role::expert, Role::official}), &put_score},
      {Verb::post, "/api/tenders/{id}/evaluation/sign-off", RouteAccess::only({Role::expert, Role::official}),
       &sign_off_evaluation},
      {Verb::get, "/api/tenders/{id}/evaluation/live", RouteAccess::only({Role::official, Role::supervisor}),
       &evaluation_live_without_upgrade, 0, &evaluation_live},
      {Verb::post, "/api/tenders/{id}/award", RouteAccess::only({Role::official}), &award_tender},
      {Verb::get, "/api/tenders/{id}/award", RouteAccess::anyone_or_signed_in(), &get_award},
      {Verb::post, "/api/tenders/{id}/award/objections", RouteAccess::only({Role::enterprise}), &raise_objection},
      {Verb::post, "/api/tenders/{id}/award/objections/{oid}/answer", RouteAccess::only({Role::official}),
       &answer_objection},
      {Verb::post, "/api/tenders/{id}/award/notice", RouteAccess::only({Role::official}), &issue_award_notice},
      {Verb::post, "/api/tenders/{id}/contract", RouteAccess::only({Role::official}), &record_contract},
      {Verb::post, "/api/registry/systems", RouteAccess::only({Role::reviewer, Role::admin}), &add_registry_system},
      {Verb::get, "/api/registry/systems", government, &list_registry_systems},
      {Verb::post, "/api/catalogue/resources", RouteAccess::only({Role::reviewer, Role::admin}),
       &add_catalogue_resource},
      {Verb::get, "/api/catalogue/resources", government, &list_catalogue_resources},
      {Verb::post, "/api/applications", RouteAccess::only({Role::department}), &create_application},
      {Verb::get, "/api/applications", application_readers, &list_applications},
      {Verb::get, "/api/applications/{id}", application_readers, &get_application},
      {Verb::put, "/api/applications/{id}", RouteAccess::only({Role::department}), &update_application},
      {Verb::get, "/api/applications/{id}/versions/{version}", application_readers, &get_application_version},
      {Verb::put, "/api/applications/{id}/attachments/{kind}", RouteAccess::only({Role::department}),
       &put_application_attachment, filing::kMaxAttachmentBytes},
      {Verb::get, "/api/applications/{id}/attachments/{kind}", application_readers, &get_application_attachment},
      {Verb::post, "/api/applications/{id}/steps", RouteAccess::only({Role::department, Role::reviewer}),
       &take_application_step},
      {Verb::get, "/api/applications/{id}/checks", RouteAccess::only({Role::reviewer, Role::supervisor}),
       &get_application_checks},
      {Verb::post, "/api/applications/{id}/duplicates/{match}/resolution", RouteAccess::only({Role::reviewer}),
       &resolve_duplicate},
      {Verb::put, "/api/applications/{id}/reviews/mine", RouteAccess::only({Role::expert}), &put_application_review},
      {Verb::get, "/api/approvals/stage-durations", RouteAccess::only({Role::reviewer, Role::supervisor, Role::admin}),
       &get_stage_durations},
      {Verb::get, "/api/projects/{code}", RouteAccess::anyone(), &get_project},
      {Verb::put, "/api/projects/{code}/purchasers/{official}", RouteAccess::only({Role::department}),
       &add_project_purchaser},
      {Verb::get, "/api/audit/checkpoint", RouteAccess::anyone(), &get_audit_checkpoint},
      {Verb::get, "/api/audit/entries", RouteAccess::only({Role::supervisor}), &get_audit_entries},
      {Verb::get, "/api/audit/proof/inclusion", RouteAccess::only({Role::enterprise, Role::supervisor}),
       &get_inclusion_proof},
      {Verb::get, "/api/audit/proof/consistency", RouteAccess::anyone(), &get_consistency_proof},
      {Verb::get, "/api/ocds/releases", RouteAccess::anyone(), &get_ocds_feed},
      {Verb::get, "/api/ocds/releases/{id}", RouteAccess::anyone(), &get_ocds_release_package},
      {Verb::get, "/api/ocds/records/{id}", RouteAccess::anyone(), &get_ocds_record_package},
      {Verb::post, "/api/monitoring/cases", RouteAccess::only({Role::supervisor}), &open_monitoring_case},
      {Verb::get, "/api/monitoring/cases", case_readers, &list_monitoring_cases},
      {Verb::get, "/api/monitoring/cases/{id}", case_readers, &get_monitoring_case},
      {Verb::post, "/api/monitoring/cases/{id}/freeze", RouteAccess::only({Role::supervisor}), &freeze_monitoring_case},
      {Verb::post, "/api/monitoring/cases/{id}/unfreeze", RouteAccess::only({Role::supervisor}),
       &unfreeze_monitoring_case},
      {Verb::post, "/api/monitoring/cases/{id}/questions", RouteAccess::only({Role::supervisor}),
       &ask_in_monitoring_case},
      {Verb::post, "/api/monitoring/cases/{id}/answers", RouteAccess::only({Role::official, Role::department}),
       &answer_in_monitoring_case},
      {Verb::post, "/api/monitoring/cases/{id}/close", RouteAccess::only({Role::supervisor}), &close_monitoring_case},
      {Verb::get, "/api/statistics", RouteAccess::anyone(), &get_statistics},
      {Verb::get, "/api/tenders/{id}/collusion", RouteAccess::only({Role::supervisor}), &get_tender_collusion},
      {Verb::get, "/api/supervision/alerts", RouteAccess::only({Role::supervisor}), &get_collusion_alerts},
      {Verb::get, "/api/supervision/records", RouteAccess::only({Role::supervisor}), &search_records},
      {Verb::get, "/api/supervision/history/{subject}/{id}", RouteAccess::only({Role::supervisor}),
       &get_record_history},
      {Verb::get, "/api/supervision/tenders/{id}/as-of", RouteAccess::only({Role::supervisor}), &get_tender_as_of},
      {Verb::post, "/api/auctions", RouteAccess::only({Role::official}), &create_auction},
      {Verb::get, "/api/auctions", RouteAccess::anyone(), &list_auctions},
      {Verb::get, "/api/auctions/{id}", RouteAccess::anyone_or_signed_in(), &get_auction},
      {Verb::post, "/api/auctions/{id}/registrations", RouteAccess::only({Role::enterprise}),
       &request_auction_registration},
      {Verb::post, "/api/auctions/{id}/registrations/{enterprise}/confirm", RouteAccess::only({Role::official}),
       &confirm_auction_registration},
      {Verb::post, "/api/auctions/{id}/bids", RouteAccess::only({Role::enterprise}), &bid_in_auction},
      {Verb::get, "/api/auctions/{id}/transcript", RouteAccess::anyone_or_signed_in(), &get_auction_transcript},
      {Verb::get, "/api/auctions/{id}/live", RouteAccess::anyone(), &auction_live_without_upgrade, 0, &auction_live},
      {Verb::put, "/api/testing/clock", RouteAccess::anyone(), &pin_clock},
  };
}

std::string bundled_openapi() { return embedded::openapi_files().at(0).content; }

std::string routes_as_json(const std::vector<http::Route>& routes) {
  common::JsonWriter w;
  w.begin_array();
  for (const auto& r : routes) {
    w.begin_object().key("method").value(http::beast_http::to_string(r.method)).key("path").value(r.pattern);
    w.key("roles");
    if (r.access.is_public()) {
      w.value("anyone");
    } else {
      w.begin_array();
      for (const auto role : r.access.roles()) w.value(common::to_string(role));
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
  return w.take();
}

}  // namespace gp::server::api
