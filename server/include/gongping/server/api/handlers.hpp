#pragma once
// Route handlers. Each does its I/O through the ServerContext (blocking work on the worker pool)
// and answers with JSON or a problem; the table in routes.cpp says who may call which.

#include <boost/asio/awaitable.hpp>

#include "gongping/server/http/request_context.hpp"

namespace gp::server::api {

using HandlerResult = boost::asio::awaitable<http::Response>;

// system_handlers.cpp
HandlerResult healthz(http::RequestContext& rc);
HandlerResult readyz(http::RequestContext& rc);
HandlerResult metrics(http::RequestContext& rc);
HandlerResult openapi(http::RequestContext& rc);
HandlerResult server_time(http::RequestContext& rc);

// account_handlers.cpp
HandlerResult register_enterprise(http::RequestContext& rc);
HandlerResult open_session(http::RequestContext& rc);
HandlerResult current_session(http::RequestContext& rc);
HandlerResult close_session(http::RequestContext& rc);
HandlerResult create_staff_account(http::RequestContext& rc);
HandlerResult list_accounts(http::RequestContext& rc);
HandlerResult disable_account(http::RequestContext& rc);
HandlerResult enable_account(http::RequestContext& rc);

// tender_handlers.cpp
HandlerResult register_opening_key(http::RequestContext& rc);
HandlerResult create_tender(http::RequestContext& rc);
HandlerResult publish_tender(http::RequestContext& rc);
HandlerResult cancel_tender(http::RequestContext& rc);
HandlerResult get_tender(http::RequestContext& rc);
HandlerResult list_tenders(http::RequestContext& rc);
HandlerResult get_sealed_share(http::RequestContext& rc);

// bid_handlers.cpp
HandlerResult submit_bid(http::RequestContext& rc);
HandlerResult withdraw_bid(http::RequestContext& rc);
HandlerResult own_bids(http::RequestContext& rc);

// clarification_handlers.cpp
HandlerResult amend_tender(http::RequestContext& rc);
HandlerResult list_amendments(http::RequestContext& rc);
HandlerResult ask_question(http::RequestContext& rc);
HandlerResult list_questions(http::RequestContext& rc);
HandlerResult answer_question(http::RequestContext& rc);
HandlerResult list_clarifications(http::RequestContext& rc);
HandlerResult own_notifications(http::RequestContext& rc);

// credential_handlers.cpp
HandlerResult add_credential(http::RequestContext& rc);
HandlerResult list_credentials(http::RequestContext& rc);
HandlerResult withdraw_credential(http::RequestContext& rc);

// upload_handlers.cpp (the two uploads are streamed routes)
HandlerResult upload_attachment(http::RequestContext& rc);
HandlerResult upload_document(http::RequestContext& rc);
HandlerResult own_attachments(http::RequestContext& rc);
HandlerResult tender_documents(http::RequestContext& rc);
HandlerResult download_document(http::RequestContext& rc);

// opening_handlers.cpp
HandlerResult submit_share(http::RequestContext& rc);
HandlerResult get_opening_record(http::RequestContext& rc);
HandlerResult respond_to_opening(http::RequestContext& rc);
HandlerResult jwks(http::RequestContext& rc);
std::string opening_record_json(const opening::OpeningRecord& record);

// opening_live.cpp: the WebSocket route and its answer to a plain GET (426).
HandlerResult opening_live_without_upgrade(http::RequestContext& rc);
boost::asio::awaitable<void> opening_live(http::ServerContext& server, http::WebSocket& ws, http::PathParamsRef params,
                                          const std::string& session_token);

// award_handlers.cpp
HandlerResult award_tender(http::RequestContext& rc);
HandlerResult get_award(http::RequestContext& rc);
HandlerResult raise_objection(http::RequestContext& rc);
HandlerResult answer_objection(http::RequestContext& rc);
HandlerResult issue_award_notice(http::RequestContext& rc);
HandlerResult record_contract(http::RequestContext& rc);

// evaluation_handlers.cpp, evaluation_live.cpp
HandlerResult put_expert_profile(http::RequestContext& rc);
HandlerResult get_expert_profile(http::RequestContext& rc);
HandlerResult draw_panel(http::RequestContext& rc);
HandlerResult get_panel(http::RequestContext& rc);
HandlerResult decline_panel_seat(http::RequestContext& rc);
HandlerResult start_evaluation(http::RequestContext& rc);
HandlerResult get_evaluation(http::RequestContext& rc);
HandlerResult put_score(http::RequestContext& rc);
HandlerResult sign_off_evaluation(http::RequestContext& rc);
HandlerResult evaluation_live_without_upgrade(http::RequestContext& rc);
boost::asio::awaitable<void> evaluation_live(http::ServerContext& server, http::WebSocket& ws,
                                             http::PathParamsRef params, const std::string& session_token);
// registry_handlers.cpp
HandlerResult add_registry_system(http::RequestContext& rc);
HandlerResult list_registry_systems(http::RequestContext& rc);
HandlerResult add_catalogue_resource(http::RequestContext& rc);
HandlerResult list_catalogue_resources(http::RequestContext& rc);

// application_handlers.cpp (the attachment upload is a streamed route)
HandlerResult create_application(http::RequestContext& rc);
HandlerResult update_application(http::RequestContext& rc);
HandlerResult get_application(http::RequestContext& rc);
HandlerResult get_application_version(http::RequestContext& rc);
HandlerResult list_applications(http::RequestContext& rc);
HandlerResult put_application_attachment(http::RequestContext& rc);
HandlerResult get_application_attachment(http::RequestContext& rc);
HandlerResult take_application_step(http::RequestContext& rc);

// application_review_handlers.cpp
HandlerResult get_application_checks(http::RequestContext& rc);
HandlerResult resolve_duplicate(http::RequestContext& rc);
HandlerResult put_application_review(http::RequestContext& rc);
HandlerResult get_stage_durations(http::RequestContext& rc);
HandlerResult get_project(http::RequestContext& rc);
HandlerResult add_project_purchaser(http::RequestContext& rc);

// audit_handlers.cpp
HandlerResult get_audit_checkpoint(http::RequestContext& rc);
HandlerResult get_audit_entries(http::RequestContext& rc);
HandlerResult get_inclusion_proof(http::RequestContext& rc);
HandlerResult get_consistency_proof(http::RequestContext& rc);

// ocds_handlers.cpp
HandlerResult get_ocds_release_package(http::RequestContext& rc);
HandlerResult get_ocds_record_package(http::RequestContext& rc);
HandlerResult get_ocds_feed(http::RequestContext& rc);

// monitoring_handlers.cpp
HandlerResult open_monitoring_case(http::RequestContext& rc);

// Live auctions (auction_handlers.cpp).
HandlerResult create_auction(http::RequestContext& rc);
HandlerResult get_auction(http::RequestContext& rc);
HandlerResult list_auctions(http::RequestContext& rc);
HandlerResult request_auction_registration(http::RequestContext& rc);
HandlerResult confirm_auction_registration(http::RequestContext& rc);
HandlerResult bid_in_auction(http::RequestContext& rc);
HandlerResult get_auction_transcript(http::RequestContext& rc);
HandlerResult auction_live_without_upgrade(http::RequestContext& rc);
boost::asio::awaitable<void> auction_live(http::ServerContext& server, http::WebSocket& ws, http::PathParamsRef params,
                                          const std::string& session_token);
HandlerResult freeze_monitoring_case(http::RequestContext& rc);
HandlerResult unfreeze_monitoring_case(http::RequestContext& rc);
HandlerResult ask_in_monitoring_case(http::RequestContext& rc);
HandlerResult answer_in_monitoring_case(http::RequestContext& rc);
HandlerResult close_monitoring_case(http::RequestContext& rc);
HandlerResult get_monitoring_case(http::RequestContext& rc);
HandlerResult list_monitoring_cases(http::RequestContext& rc);

// statistics_handlers.cpp
HandlerResult get_statistics(http::RequestContext& rc);

// collusion_handlers.cpp
HandlerResult get_tender_collusion(http::RequestContext& rc);
HandlerResult get_collusion_alerts(http::RequestContext& rc);

// record_handlers.cpp
HandlerResult search_records(http::RequestContext& rc);
HandlerResult get_record_history(http::RequestContext& rc);
HandlerResult get_tender_as_of(http::RequestContext& rc);

// Test-only: 404 unless the server runs with testing.clock_control.
HandlerResult pin_clock(http::RequestContext& rc);

}  // namespace gp::server::api
