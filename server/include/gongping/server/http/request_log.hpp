#pragma once
// RequestLog: structured JSON logs on standard output, one line per event.
//
// Callers pass only fields that are safe to log: a request line carries the method, the path without
// its query string, the route pattern, status, duration, client address, request id and the
// acting account's public id; never a header value, a body, a password, a token or bid content.
// Thread-safe. Lines are appended to a buffer under a mutex and written out by a background thread
// every 50 ms (or at once when 64 KiB are waiting), so that a request never waits for a write
// system call; the destructor writes what is left. A crash can lose the last 50 ms of lines.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace gp::server::http {

struct RequestLine {
  std::string_view request_id;
  std::string_view method;
  std::string_view path;
  std::string_view route;
  unsigned status = 0;
  double duration_ms = 0;
  std::string_view remote;
  std::string_view account;  // public id, empty when anonymous
  std::string_view error;    // the error code name for failures
};

class RequestLog {
 public:
  // `access_log` false drops request lines; events are always written.
  explicit RequestLog(bool access_log = true);
  ~RequestLog();
  RequestLog(const RequestLog&) = delete;
  RequestLog& operator=(const RequestLog&) = delete;

  void request(const RequestLine& line);
  // level is "info", "warn" or "error"; `detail` must already be free of secrets.
  void event(std::string_view level, std::string_view message, std::string_view detail = {});

 private:
  void append(const std::string& line);
  void flush_loop();
  static void write_out(const std::string& text);

  bool access_log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string pending_;
  bool stopping_ = false;
  std::thread flusher_;
};

}  // namespace gp::server::http
