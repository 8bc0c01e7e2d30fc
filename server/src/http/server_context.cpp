#include "gongping/server/http/server_context.hpp"

namespace gp::server::http {

ServerContext::ServerContext(config::Settings s, std::vector<Route> routes, std::string openapi)
    : settings(std::move(s)),
      log(settings.access_log),
      database(settings.database_url, settings.database_pool_size),
      blocking(settings.worker_threads, settings.worker_queue_limit),
      accounts(database, clock, settings.accounts),
      signer(bids::ReceiptSigner::load_or_create(settings.signing_key_file)),
      tenders(database, clock, random, settings.period_rules),
      clarifications(database, clock, settings.period_rules),
      public_reads(settings.public_cache, 10000),
      bids(database, clock, signer, settings.public_origin),
      opening(database, clock),
      uploads(database, clock),
      credentials(database, clock),
      expert_pool(database, clock),
      panels(database, clock),
      engine(settings.engine_commands, settings.engine_events,
             [this](const std::string& type, const std::string& json) {
               metrics.count_engine_event(type);
               evaluation_hub.publish(type, json);
               auction_hub.publish(type, json);
             }),
      evaluations(database, clock, engine, settings.engine_timeout, settings.deviation_alert_percent),
      awards(database, clock, common::HolidayCalendar::bundled()),
      registry(database, clock),
      applications(database, clock, random,
                   {settings.stage_limits, settings.duplicate_threshold_percent / 100.0, settings.review_panel_size,
                    settings.review_specialty, settings.project_code_region}),
      projects(database, clock),
      audit(database, clock, signer.ed25519(), audit_log::audit_origin(settings.audit_origin, settings.public_origin)),
      ocds(database, clock, settings.ocid_prefix, settings.public_origin),
      monitoring(database, clock),
      auctions(database, clock),
      statistics(database),
      collusion(database),
      record_search(database),
      record_history(database),
      static_files(StaticFiles::load(settings.web_root)),
      router(std::move(routes)),
      openapi_json(std::move(openapi)) {}

}  // namespace gp::server::http
