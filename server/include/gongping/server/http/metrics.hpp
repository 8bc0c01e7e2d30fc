#pragma once
// Metrics: counters and latency histograms in the Prometheus text format (version 0.0.4).
//
// Thread-safe (one mutex; every update is a few map operations). Label values are route patterns
// and fixed names chosen by the server, never raw paths or user input, so cardinality stays small.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace gp::server::http {

struct Gauge {
  std::string name;
  std::string help;
  double value = 0;
};

class Metrics {
 public:
  void observe_request(std::string_view route, std::string_view method, unsigned status, double seconds);
  void observe_engine_round_trip(std::string_view command, std::string_view outcome, double seconds);
  void count_engine_event(std::string_view type);

  // The whole exposition, with `gauges` (read by the caller at scrape time) appended.
  std::string render(const std::vector<Gauge>& gauges) const;

 private:
  struct Histogram {
    std::vector<std::uint64_t> buckets;  // cumulative counts filled at render time from raw counts
    std::uint64_t count = 0;
    double sum = 0;
  };
  static void observe(Histogram& h, double seconds);
  static void render_histogram(std::string& out, std::string_view name, const std::map<std::string, Histogram>& series);

  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t> requests_;     // labels -> count
  std::map<std::string, Histogram> request_seconds_;  // labels -> histogram
  std::map<std::string, std::uint64_t> engine_calls_;
  std::map<std::string, Histogram> engine_seconds_;
  std::map<std::string, std::uint64_t> engine_events_;
};

}  // namespace gp::server::http
