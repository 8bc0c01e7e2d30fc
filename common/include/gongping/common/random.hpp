#pragma once
// Random: where domain code gets random bytes. Adapters pass CryptoRandom; tests pass a
// deterministic fake so that results replay exactly.

#include <cstddef>
#include <cstdint>

namespace gp::common {

class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(std::uint8_t* out, std::size_t size) = 0;
};

// OpenSSL's RAND_bytes. Thread-safe; throws std::runtime_error if OpenSSL fails.
class CryptoRandom final : public Random {
 public:
  void fill(std::uint8_t* out, std::size_t size) override;
};

}  // namespace gp::common
