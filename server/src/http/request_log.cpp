#include "gongping/server/http/request_log.hpp"

#include <cstdio>

#include "gongping/common/clock.hpp"
#include "gongping/common/json_writer.hpp"

namespace gp::server::http {
namespace {
constexpr std::size_t kFlushBytes = 64 * 1024;
constexpr auto kFlushInterval = std::chrono::milliseconds(50);
}  // namespace

RequestLog::RequestLog(bool access_log) : access_log_(access_log), flusher_([this] { flush_loop(); }) {}

RequestLog::~RequestLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (flusher_.joinable()) flusher_.join();
}

void RequestLog::flush_loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, kFlushInterval, [this] { return stopping_ || pending_.size() >= kFlushBytes; });
    std::string batch;
    batch.swap(pending_);
    const bool last = stopping_;
    lock.unlock();
    if (!batch.empty()) write_out(batch);
    if (last) return;
    lock.lock();
  }
}

void RequestLog::write_out(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

void RequestLog::request(const RequestLine& line) {
  if (!access_log_) return;
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
  append(w.str());
}

void RequestLog::event(std::string_view level, std::string_view message, std::string_view detail) {
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
  append(w.str());
}

void RequestLog::append(const std::string& line) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    pending_ += line;
    pending_ += '\n';
    wake = pending_.size() >= kFlushBytes;
  }
  if (wake) wake_.notify_one();
}

}  // namespace gp::server::http
