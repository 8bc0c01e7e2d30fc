#include "gongping/common/random.hpp"

#include <openssl/rand.h>

#include <stdexcept>

namespace gp::common {

void CryptoRandom::fill(std::uint8_t* out, std::size_t size) {
  if (size > 0 && RAND_bytes(out, static_cast<int>(size)) != 1) throw std::runtime_error("RAND_bytes failed");
}

}  // namespace gp::common
