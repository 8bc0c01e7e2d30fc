#pragma once
// Settings for gongping-server and the gongping CLI, read from a config file (common::ConfigFile)
// and the environment. Precedence, last wins: built-in defaults, the file, GONGPING_DATABASE_URL,
// then `--set key=value` arguments. Unknown keys and out-of-range values are errors naming the key.
// See docs/configuration.md for every key.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "gongping/approvals/stage_clock.hpp"
#include "gongping/bidding/tender_terms.hpp"
#include "gongping/common/config_file.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/account_settings.hpp"

namespace gp::server::config {

struct Settings {
  std::string database_url = "postgresql:///gongping";
  std::size_t database_pool_size = 8;
  bool migrate_on_start = false;

  std::string http_address = "127.0.0.1";
  std::uint16_t http_port = 8080;
  std::size_t io_threads = 2;
  std::size_t max_connections = 10000;
  std::size_t worker_threads = 8;
  std::size_t worker_queue_limit = 512;
  std::size_t header_limit_bytes = 16 * 1024;
  std::size_t body_limit_bytes = 1024 * 1024;
  std::chrono::seconds read_timeout{15};
  std::chrono::seconds shutdown_grace{20};
  bool access_log = true;

  std::string engine_commands = "tcp://127.0.0.1:7301";
  std::string engine_events = "tcp://127.0.0.1:7302";
  std::string engine_journal;  // read by gongping-engine only; known here so that one file serves both
  std::chrono::milliseconds engine_timeout{1000};
  // An expert's score further than this share of a criterion's maximum from the panel's median
  // raises a deviation alert (Order 87 Art. 64: the member is asked to review).
  int deviation_alert_percent = 30;

  std::string web_root = "web/public";
  accounts::AccountSettings accounts;
  bool cookie_secure = false;

  // Receipts: the issuer named in them and the Ed25519 key that signs them (created when absent).
  std::string public_origin = "http://127.0.0.1:8080";
  std::string signing_key_file = "var/keys/platform-signing.jwk";
  bidding::PeriodRules period_rules;
  std::chrono::milliseconds public_cache{1000};        // how long public tender reads are served from memory
  std::size_t upload_limit_bytes = 200 * 1024 * 1024;  // each bid attachment or tender document
  // Informatization project filing: stage time limits (working days), the duplicate-check score from
  // which a reviewer must record a resolution, the expert review panel, and the project code's region.
  approvals::StageLimits stage_limits;
  int duplicate_threshold_percent = 35;
  std::size_t review_panel_size = 5;
  std::string review_specialty = "informatization";
  std::string project_code_region = "GD";
  // The audit log's name in its checkpoints (empty: the platform origin's host + "/audit"), and how
  // often the server signs a checkpoint while the log grows.
  std::string audit_origin;
  std::chrono::milliseconds checkpoint_interval{2000};
  // The registered OCDS prefix of the platform's ocids ("ocds-" and six characters).
  std::string ocid_prefix = "ocds-gp0000";
  // Lets PUT /api/testing/clock pin the server's clock. Cross-process tests only; never in service.
  bool clock_control = false;
};

// `environment_database_url` is GONGPING_DATABASE_URL's value, empty when unset.
common::Result<Settings> load_settings(const common::ConfigFile& file, const std::string& environment_database_url,
                                       const std::vector<std::string>& overrides);

// Reads the file named by `path` (empty: no file) and calls load_settings with the environment.
common::Result<Settings> load_settings_from(const std::string& path, const std::vector<std::string>& overrides);

}  // namespace gp::server::config
