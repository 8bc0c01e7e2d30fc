#include "gongping/server/http/request_log.hpp"

#include <charconv>
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

namespace {

// "2026-11-26T09:59:59" for the current second, re-formatted once per second per thread.
std::string_view utc_seconds(std::int64_t unix_seconds) {
  thread_local std::int64_t cached_second = -1;
  thread_local std::string cached;
  if (unix_seconds != cached_second) {
    cached_second = unix_seconds;
    cached = common::Instant::from_unix_micros(unix_seconds * 1'000'000).to_rfc3339().substr(0, 19);
  }
  return cached;
}

void append_number(std::string& out, std::int64_t value) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, end);
}

}  // namespace

// Formats without JsonWriter or printf: this runs once per request on an I/O thread.
void RequestLog::request(const RequestLine& line) {
  if (!access_log_) return;
  thread_local std::string out;
  out.clear();
  const auto now = common::SystemClock().now().unix_micros();
  out += R"({"ts":")";
  out += utc_seconds(now / 1'000'000);
  out += '.';
  const auto micros = static_cast<int>(now % 1'000'000);
  for (int div = 100000; div > 0; div /= 10) out += static_cast<char>('0' + micros / div % 10);
  out += line.status >= 500 ? R"(Z","level":"error")" : R"(Z","level":"info")";
  out += R"(,"msg":"request","request_id":)";
  common::JsonWriter::append_quoted(out, line.request_id);
  out += R"(,"method":)";
  common::JsonWriter::append_quoted(out, line.method);
  out += R"(,"path":)";
  common::JsonWriter::append_quoted(out, line.path);
  out += R"(,"route":)";
  common::JsonWriter::append_quoted(out, line.route);
  out += R"(,"status":)";
  append_number(out, line.status);
  out += R"(,"duration_ms":)";
  const auto thousandths = static_cast<std::int64_t>(line.duration_ms * 1000 + 0.5);
  append_number(out, thousandths / 1000);
  out += '.';
  for (int div = 100; div > 0; div /= 10) out += static_cast<char>('0' + thousandths / div % 10);
  out += R"(,"remote":)";
  common::JsonWriter::append_quoted(out, line.remote);
  if (!line.account.empty()) {
    out += R"(,"account":)";
    common::JsonWriter::append_quoted(out, line.account);
  }
  if (!line.error.empty()) {
    out += R"(,"error":)";
    common::JsonWriter::append_quoted(out, line.error);
  }
  out += '}';
  append(out);
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
