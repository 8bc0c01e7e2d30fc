#pragma once
// Clock: where domain code gets "now". Adapters pass SystemClock; tests pass ManualClock.
// Implementations must be safe to call from several threads.

#include <atomic>
#include <climits>
#include <cstdint>

#include "gongping/common/instant.hpp"

namespace gp::common {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

// A clock that moves only when told to.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : micros_(start.unix_micros()) {}
  Instant now() const override { return Instant::from_unix_micros(micros_.load()); }
  void advance_seconds(std::int64_t seconds) { micros_ += seconds * 1'000'000; }

 private:
  std::atomic<std::int64_t> micros_;
};

// The system clock, unless pinned to an instant: lets cross-process tests put a running server at
// one microsecond before or after a deadline. Only the server's test-only route pins it.
class PinnableClock final : public Clock {
 public:
  Instant now() const override {
    const auto pinned = pinned_micros_.load();
    return pinned == kNotPinned ? system_.now() : Instant::from_unix_micros(pinned);
  }
  void pin(Instant at) { pinned_micros_ = at.unix_micros(); }
  void unpin() { pinned_micros_ = kNotPinned; }

 private:
  static constexpr std::int64_t kNotPinned = INT64_MIN;
  SystemClock system_;
  std::atomic<std::int64_t> pinned_micros_{kNotPinned};
};

}  // namespace gp::common
