#include "gongping/server/config/settings.hpp"

#include "gongping/approvals/expert_review.hpp"
#include "gongping/approvals/project_code.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace gp::server::config {
namespace {

using Setter = std::function<std::optional<std::string>(Settings&, const std::string&)>;

template <class T>
std::optional<T> parse_int(const std::string& text) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

template <class T, class Field>
Setter integer(Field field, long long min, long long max) {
  return [field, min, max](Settings& s, const std::string& v) -> std::optional<std::string> {
    const auto n = parse_int<long long>(v);
    if (!n || *n < min || *n > max) {
      return "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    }
    field(s) = static_cast<T>(*n);
    return std::nullopt;
  };
}

Setter text(std::function<std::string&(Settings&)> field) {
  return [field](Settings& s, const std::string& v) -> std::optional<std::string> {
    if (v.empty()) return "must not be empty";
    field(s) = v;
    return std::nullopt;
  };
}

Setter flag(std::function<bool&(Settings&)> field) {
  return [field](Settings& s, const std::string& v) -> std::optional<std::string> {
    if (v != "true" && v != "false") return "must be true or false";
    field(s) = v == "true";
    return std::nullopt;
  };
}

Setter seconds(std::function<std::chrono::seconds&(Settings&)> field, long long min, long long max) {
  return [field, min, max](Settings& s, const std::string& v) -> std::optional<std::string> {
    const auto n = parse_int<long long>(v);
    if (!n || *n < min || *n > max) return "must be " + std::to_string(min) + " to " + std::to_string(max) + " seconds";
    field(s) = std::chrono::seconds(*n);
    return std::nullopt;
  };
}

// approvals.limit_days.<stage>: 0 removes the stage's limit.
Setter stage_limit(approvals::ApplicationState stage) {
  return [stage](Settings& s, const std::string& v) -> std::optional<std::string> {
    const auto n = parse_int<int>(v);
    if (!n || *n < 0 || *n > 365) return "must be 0 (no limit) to 365 working days";
    s.stage_limits.set(stage, *n);
    return std::nullopt;
  };
}

void add_approval_settings(std::map<std::string, Setter, std::less<>>& table) {
  for (int i = 0; i < approvals::kApplicationStates; ++i) {
    const auto stage = static_cast<approvals::ApplicationState>(i);
    if (approvals::is_final(stage)) continue;
    table.emplace("approvals.limit_days." + std::string(approvals::to_string(stage)), stage_limit(stage));
  }
  table.emplace("approvals.duplicate_threshold_percent",
                integer<int>([](Settings& s) -> int& { return s.duplicate_threshold_percent; }, 1, 100));
  table.emplace("approvals.review_panel_size", [](Settings& s, const std::string& v) -> std::optional<std::string> {
    const auto n = parse_int<std::size_t>(v);
    if (!n || !approvals::check_review_panel_size(*n)) return "must be an odd number from 3 to 15";
    s.review_panel_size = *n;
    return std::nullopt;
  });
  table.emplace("approvals.review_specialty", text([](Settings& s) -> std::string& { return s.review_specialty; }));
  table.emplace("approvals.project_code_region", [](Settings& s, const std::string& v) -> std::optional<std::string> {
    if (!approvals::format_project_code({v, 2026, 1})) return "must be 2 to 4 capital letters, like GD";
    s.project_code_region = v;
    return std::nullopt;
  });
}

const std::map<std::string, Setter, std::less<>>& setters() {
  static const std::map<std::string, Setter, std::less<>> table = [] {
    std::map<std::string, Setter, std::less<>> t = {
        {"database.url", text([](Settings& s) -> std::string& { return s.database_url; })},
        {"database.pool_size",
         integer<std::size_t>([](Settings& s) -> std::size_t& { return s.database_pool_size; }, 1, 256)},
        {"database.migrate_on_start", flag([](Settings& s) -> bool& { return s.migrate_on_start; })},
        {"http.address", text([](Settings& s) -> std::string& { return s.http_address; })},
        {"http.port", integer<std::uint16_t>([](Settings& s) -> std::uint16_t& { return s.http_port; }, 0, 65535)},
        {"http.io_threads", integer<std::size_t>([](Settings& s) -> std::size_t& { return s.io_threads; }, 1, 64)},
        {"http.max_connections",
         integer<std::size_t>([](Settings& s) -> std::size_t& { return s.max_connections; }, 1, 1000000)},
        {"http.worker_threads",
         integer<std::size_t>([](Settings& s) -> std::size_t& { return s.worker_threads; }, 1, 256)},
        {"http.worker_queue_limit",
         integer<std::size_t>([](Settings& s) -> std::size_t& { return s.worker_queue_limit; }, 1, 1000000)},
        {"http.header_limit_bytes",
         integer<std::size_t>([](Settings& s) -> std::size_t& { return s.header_limit_bytes; }, 1024, 1 << 20)},
        {"http.body_limit_bytes",
         integer<std::size_t>([](Settings& s) -> std::size_t& { return s.body_limit_bytes; }, 1024, 256 << 20)},
        {"http.read_timeout_seconds",
         seconds([](Settings& s) -> std::chrono::seconds& { return s.read_timeout; }, 1, 3600)},
        {"http.shutdown_grace_seconds",
         seconds([](Settings& s) -> std::chrono::seconds& { return s.shutdown_grace; }, 1, 3600)},
        {"http.access_log", flag([](Settings& s) -> bool& { return s.access_log; })},
        {"http.web_root", text([](Settings& s) -> std::string& { return s.web_root; })},
        {"engine.commands", text([](Settings& s) -> std::string& { return s.engine_commands; })},
        {"engine.events", text([](Settings& s) -> std::string& { return s.engine_events; })},
        {"engine.journal", text([](Settings& s) -> std::string& { return s.engine_journal; })},
        {"engine.timeout_ms",
         [](Settings& s, const std::string& v) -> std::
                                                   optional<std::string> {
                                                     const auto n = parse_int<long long>(v);
                                                     if (!n || *n < 10 || *n > 60000)
                                                       return "must be 10 to 60000 milliseconds";
                                                     s.engine_timeout = std::chrono::milliseconds(*n);
                                                     return std::nullopt;
                                                   }},
        {"evaluation.deviation_alert_percent",
         integer<int>([](Settings& s) -> int& { return s.deviation_alert_percent; }, 1, 100)},
        {"auth.scrypt_log2_n",
         integer<std::uint32_t>([](Settings& s) -> std::uint32_t& { return s.accounts.password_cost.log2_n; }, 10, 20)},
        {"auth.session_ttl_seconds",
         integer<std::int64_t>([](Settings& s) -> std::int64_t& { return s.accounts.session_ttl_seconds; }, 60,
                               30 * 86400)},
        {"auth.cookie_secure", flag([](Settings& s) -> bool& { return s.cookie_secure; })},
        {"platform.origin", text([](Settings& s) -> std::string& { return s.public_origin; })},
        {"platform.signing_key_file", text([](Settings& s) -> std::string& { return s.signing_key_file; })},
        {"tenders.amendment_notice_days",
         integer<int>([](Settings& s) -> int& { return s.period_rules.amendment_notice_days; }, 0, 60)},
        {"tenders.public_cache_ms",
         [](Settings& s, const std::string& v) -> std::
                                                   optional<std::string> {
                                                     const auto n = parse_int<long long>(v);
                                                     if (!n || *n < 0 || *n > 60000)
                                                       return "must be 0 to 60000 milliseconds";
                                                     s.public_cache = std::chrono::milliseconds(*n);
                                                     return std::nullopt;
                                                   }},
        {"uploads.max_bytes",
         integer<std::size_t>([](Settings& s) -> std::size_t& { return s.upload_limit_bytes; }, 1, 4LL << 30)},
        // The checkpoints' first line (C2SP tlog-checkpoint): a schema-less URL, no spaces, no '+'.
        {"audit.origin",
         [](Settings& s, const std::string& v) -> std::
                                                   optional<std::string> {
                                                     const bool printable = std::all_of(v.begin(), v.end(), [](char c) {
                                                       return c > ' ' && c < 127 && c != '+';
                                                     });
                                                     if (v.empty() || v.size() > 255 || !printable) {
                                                       return "must be 1 to 255 printable ASCII characters without "
                                                              "spaces or '+', like gongping.example/audit";
                                                     }
                                                     s.audit_origin = v;
                                                     return std::nullopt;
                                                   }},
        {"audit.checkpoint_interval_ms",
         [](Settings& s, const std::string& v) -> std::
                                                   optional<std::string> {
                                                     const auto n = parse_int<long long>(v);
                                                     if (!n || *n < 50 || *n > 600000)
                                                       return "must be 50 to 600000 milliseconds";
                                                     s.checkpoint_interval = std::chrono::milliseconds(*n);
                                                     return std::nullopt;
                                                   }},
        {"ocds.ocid_prefix",
         [](Settings& s, const std::string& v)
             -> std::
                 optional<std::string> {
                   const bool ok = v.size() == 11 && v.rfind("ocds-", 0) == 0 &&
                                   std::all_of(v.begin() + 5, v.end(),
                                               [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
                   if (!ok) return "must be \"ocds-\" and six letters or digits, as registered with the OCP";
                   s.ocid_prefix = v;
                   return std::nullopt;
                 }},
        {"testing.clock_control", flag([](Settings& s) -> bool& { return s.clock_control; })},
        {"auth.max_failures_per_login",
         integer<int>([](Settings& s) -> int& { return s.accounts.throttle.max_failures_per_login; }, 1, 1000)},
        {"auth.max_failures_per_address",
         integer<int>([](Settings& s) -> int& { return s.accounts.throttle.max_failures_per_address; }, 1, 100000)},
        {"auth.failure_window_seconds",
         integer<std::int64_t>([](Settings& s) -> std::int64_t& { return s.accounts.throttle.window_seconds; }, 1,
                               86400)},
    };
    add_approval_settings(t);
    return t;
  }();
  return table;
}

}  // namespace

common::Result<Settings> load_settings(const common::ConfigFile& file, const std::string& environment_database_url,
                                       const std::vector<std::string>& overrides) {
  common::ConfigFile merged = file;
  if (!environment_database_url.empty()) merged.set("database.url", environment_database_url);
  for (const auto& o : overrides) {
    const auto eq = o.find('=');
    if (eq == std::string::npos) return common::Error::validation({{o, "expected --set key=value"}});
    merged.set(o.substr(0, eq), o.substr(eq + 1));
  }
  Settings settings;
  std::vector<common::FieldError> errors;
  for (const auto& [key, value] : merged.entries()) {
    const auto it = setters().find(key);
    if (it == setters().end()) {
      errors.push_back({key, "is not a known setting"});
    } else if (auto problem = it->second(settings, value)) {
      errors.push_back({key, *problem});
    }
  }
  if (!errors.empty()) return common::Error::validation(std::move(errors));
  return settings;
}

common::Result<Settings> load_settings_from(const std::string& path, const std::vector<std::string>& overrides) {
  common::ConfigFile file;
  if (!path.empty()) {
    std::ifstream in(path);
    if (!in) return common::Error::validation({{path, "cannot be read"}});
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = common::ConfigFile::parse(text.str());
    if (!parsed) return parsed.error();
    file = std::move(parsed.value());
  }
  const char* url = std::getenv("GONGPING_DATABASE_URL");
  return load_settings(file, url ? url : "", overrides);
}

}  // namespace gp::server::config
