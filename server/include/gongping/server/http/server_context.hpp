#pragma once
// ServerContext: everything a request handler may use, shared by all connections of one process.
// Built once at start-up (server_runtime.cpp) and destroyed after the I/O threads have stopped.
// Members are thread-safe as their own headers state; `stopping` is set once by the signal handler.

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "gongping/common/clock.hpp"
#include "gongping/common/random.hpp"
#include "gongping/server/accounts/account_service.hpp"
#include "gongping/server/auctions/auction_hub.hpp"
#include "gongping/server/auctions/auction_service.hpp"
#include "gongping/server/audit_log/audit_service.hpp"
#include "gongping/server/awards/award_service.hpp"
#include "gongping/server/bids/bid_service.hpp"
#include "gongping/server/bids/receipt_signer.hpp"
#include "gongping/server/config/settings.hpp"
#include "gongping/server/db/database.hpp"
#include "gongping/server/engine/engine_client.hpp"
#include "gongping/server/enterprises/credential_service.hpp"
#include "gongping/server/evaluation/evaluation_hub.hpp"
#include "gongping/server/evaluation/evaluation_service.hpp"
#include "gongping/server/evaluation/expert_pool_service.hpp"
#include "gongping/server/evaluation/panel_service.hpp"
#include "gongping/server/filing/application_service.hpp"
#include "gongping/server/filing/project_ledger.hpp"
#include "gongping/server/filing/registry_service.hpp"
#include "gongping/server/http/blocking_pool.hpp"
#include "gongping/server/http/metrics.hpp"
#include "gongping/server/http/request_log.hpp"
#include "gongping/server/http/router.hpp"
#include "gongping/server/http/static_files.hpp"
#include "gongping/server/monitoring/monitoring_service.hpp"
#include "gongping/server/open_data/ocds_service.hpp"
#include "gongping/server/opening/opening_service.hpp"
#include "gongping/server/reports/statistics_service.hpp"
#include "gongping/server/supervision/collusion_service.hpp"
#include "gongping/server/supervision/record_history.hpp"
#include "gongping/server/supervision/record_search.hpp"
#include "gongping/server/tenders/clarification_service.hpp"
#include "gongping/server/tenders/public_read_cache.hpp"
#include "gongping/server/tenders/tender_service.hpp"
#include "gongping/server/uploads/upload_service.hpp"

namespace gp::server::http {

struct ServerContext {
  // Connects the database pool (throws soci::soci_error when PostgreSQL is unreachable), loads or
  // creates the receipt signing key (throws std::runtime_error) and starts the engine client (never
  // fails: it connects when the engine comes up).
  ServerContext(config::Settings settings, std::vector<Route> routes, std::string openapi_json);

  config::Settings settings;
  common::PinnableClock clock;  // pinned only through the test-only clock route
  common::CryptoRandom random;
  RequestLog log;
  Metrics metrics;
  db::Database database;
  BlockingPool blocking;
  accounts::AccountService accounts;
  bids::ReceiptSigner signer;
  tenders::TenderService tenders;
  tenders::ClarificationService clarifications;
  tenders::PublicReadCache public_reads;
  bids::BidService bids;
  opening::OpeningService opening;
  uploads::UploadService uploads;
  enterprises::CredentialService credentials;
  evaluation::ExpertPoolService expert_pool;
  evaluation::PanelService panels;
  evaluation::EvaluationHub evaluation_hub;  // before the engine client, whose events it receives
  auctions::AuctionHub auction_hub;          // likewise
  engine::EngineClient engine;
  evaluation::EvaluationService evaluations;
  awards::AwardService awards;
  filing::RegistryService registry;
  filing::ApplicationService applications;
  filing::ProjectLedger projects;
  audit_log::AuditService audit;
  open_data::OcdsService ocds;
  monitoring::MonitoringService monitoring;
  auctions::AuctionService auctions;
  reports::StatisticsService statistics;
  supervision::CollusionService collusion;
  supervision::RecordSearch record_search;
  supervision::RecordHistory record_history;
  StaticFiles static_files;
  Router router;
  std::string openapi_json;
  std::atomic<bool> stopping{false};
};

}  // namespace gp::server::http
