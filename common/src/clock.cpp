#include "gongping/common/clock.hpp"

#include <chrono>

namespace gp::common {

Instant SystemClock::now() const {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Instant::from_unix_micros(std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count());
}

}  // namespace gp::common
