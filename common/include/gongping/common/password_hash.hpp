#pragma once
// Password hashing with scrypt (OpenSSL 3 EVP_KDF "SCRYPT"), a memory-hard KDF.
//
// Stored form (PHC-like, self-describing so that the cost can be raised later):
//   $scrypt$ln=15,r=8,p=1$<base64 salt>$<base64 32-byte key>
// Hashing is deliberately slow (about 0.1 s and 32 MiB at ln=15): callers on an I/O thread must
// hand it to a worker. Thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

namespace gp::common {

struct ScryptCost {
  std::uint32_t log2_n = 15;  // N = 2^log2_n; 10..20 accepted
  std::uint32_t r = 8;
  std::uint32_t p = 1;
};

class PasswordHasher {
 public:
  explicit PasswordHasher(ScryptCost cost) : cost_(cost) {}

  // A new random 16-byte salt each call. Throws std::runtime_error if OpenSSL fails.
  std::string hash(std::string_view password) const;

  // False for a wrong password and for a stored string that does not parse. Constant-time compare.
  bool verify(std::string_view password, std::string_view stored) const;

  // True when `stored` used a different cost than this hasher's (rehash after a good login).
  bool needs_rehash(std::string_view stored) const;

 private:
  ScryptCost cost_;
};

}  // namespace gp::common
