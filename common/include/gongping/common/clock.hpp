#pragma once
// Clock: where domain code gets "now". Adapters pass SystemClock; tests pass ManualClock.
// Implementations must be safe to call from several threads.

#include <atomic>
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

}  // namespace gp::common
