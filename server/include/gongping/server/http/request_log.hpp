#pragma once
// RequestLog: structured JSON logs on standard output, one line per event.
//
// Callers pass only fields that are safe to log: a request line carries the method, the path without
// its query string, the route pattern, status, duration, client address, request id and the
// acting account's public id; never a header value, a body, a password, a token or bid content.
// Thread-safe: each line is written whole under a mutex.

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

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
  explicit RequestLog(bool enabled = true) : enabled_(enabled) {}
  void request(const RequestLine& line);
  // level is "info", "warn" or "error"; `detail` must already be free of secrets.
  void event(std::string_view level, std::string_view message, std::string_view detail = {});

 private:
  void write(const std::string& line);
  bool enabled_;
  std::mutex mutex_;
};

}  // namespace gp::server::http
