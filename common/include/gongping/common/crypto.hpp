#pragma once
// Small wrappers over OpenSSL 3: hashing, randomness, encodings, constant-time comparison.
// All functions are thread-safe. Randomness failures are broken invariants and throw.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gp::common {

using Sha256Digest = std::array<std::uint8_t, 32>;
using Bytes = std::vector<std::uint8_t>;

Sha256Digest sha256(std::string_view data);
Sha256Digest sha256(const std::uint8_t* data, std::size_t size);

// SHA-256 over data that arrives in pieces (streamed uploads). Not copyable; one thread at a time.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void update(const std::uint8_t* data, std::size_t size);
  void update(std::string_view data) { update(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()); }
  // The digest of everything so far; the stream cannot be updated afterwards.
  Sha256Digest finish();

 private:
  void* context_;  // EVP_MD_CTX, kept out of this header
};

// Cryptographically secure random bytes (OpenSSL's RAND_bytes).
Bytes random_bytes(std::size_t count);

std::string to_hex(const std::uint8_t* data, std::size_t size);
template <std::size_t N>
std::string to_hex(const std::array<std::uint8_t, N>& bytes) {
  return to_hex(bytes.data(), N);
}
inline std::string to_hex(const Bytes& bytes) { return to_hex(bytes.data(), bytes.size()); }
std::optional<Bytes> from_hex(std::string_view hex);

// RFC 4648 base64 (padded) and base64url (unpadded, as JOSE uses it).
std::string base64_encode(const std::uint8_t* data, std::size_t size);
std::optional<Bytes> base64_decode(std::string_view text);
std::string base64url_encode(const std::uint8_t* data, std::size_t size);
std::optional<Bytes> base64url_decode(std::string_view text);
// base64url text that must decode to exactly N bytes (a key, an IV, a coordinate); nullopt if not.
template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> base64url_decode_fixed(std::string_view text) {
  const auto bytes = base64url_decode(text);
  if (!bytes || bytes->size() != N) return std::nullopt;
  std::array<std::uint8_t, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = (*bytes)[i];
  return out;
}

// Overwrites `size` bytes at `data` with zeros in a way the compiler may not optimize away
// (OPENSSL_cleanse), for secrets that must not outlive their use.
void secure_wipe(void* data, std::size_t size);

// Compares without leaking where the inputs differ; different sizes compare unequal.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace gp::common
