#include "gongping/server/http/request_log.hpp"

#include <cstdio>

#include "gongping/common/clock.hpp"
#include "gongping/common/json_writer.hpp"

namespace gp::server::http {

void RequestLog::request(const RequestLine& line) {
  if (!enabled_) return;
  common::JsonWriter w;
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.3f", line.duration_ms);
  w.begin_object()
      .key("ts")
      .value(common::SystemClock().now().to_rfc3339())
      .key("level")
      .value(line.status >= 500 ? "error" : "info")
      .key("msg")
      .value("request")
      .key("request_id")
      .value(line.request_id)
      .key("method")
      .value(line.method)
      .key("path")
      .value(line.path)
      .key("route")
      .value(line.route)
      .key("status")
      .value(static_cast<std::int64_t>(line.status))
      .key("duration_ms")
      .raw(duration)
      .key("remote")
      .value(line.remote);
  if (!line.account.empty()) w.key("account").value(line.account);
  if (!line.error.empty()) w.key("error").value(line.error);
  w.end_object();
  write(w.str());
}

void RequestLog::event(std::string_view level, std::string_view message, std::string_view detail) {
  if (!enabled_) return;
  common::JsonWriter w;
  w.begin_object()
      .key("ts")
      .value(common::SystemClock().now().to_rfc3339())
      .key("level")
      .value(level)
      .key("msg")
      .value(message);
  if (!detail.empty()) w.key("detail").value(detail);
  w.end_object();
  write(w.str());
}

void RequestLog::write(const std::string& line) {
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

}  // namespace gp::server::http
