#pragma once
// AES-256-GCM (NIST SP 800-38D) with a 12-byte IV and a 16-byte tag: JWE "A256GCM" and the sealed
// bid's attachments (shared/specs/sealed-bid.md).
//
// The caller must never use one (key, IV) pair for two plaintexts. The functions are thread-safe; an
// Aes256GcmStreamDecryptor is used by one thread at a time. An OpenSSL failure that no input explains
// is a broken invariant and throws std::runtime_error.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "gongping/common/crypto.hpp"
#include "gongping/common/result.hpp"

namespace gp::common {

using Aes256Key = std::array<std::uint8_t, 32>;
using GcmIv = std::array<std::uint8_t, 12>;
using GcmTag = std::array<std::uint8_t, 16>;

struct GcmSealed {
  Bytes ciphertext;  // as long as the plaintext
  GcmTag tag{};
};

GcmSealed aes256gcm_encrypt(const Aes256Key& key, const GcmIv& iv, std::string_view aad, std::string_view plaintext);

// The plaintext, or decryption_failed when the tag does not verify (wrong key, IV or AAD, or a changed
// ciphertext or tag); nothing of the plaintext is released then.
Result<std::string> aes256gcm_decrypt(const Aes256Key& key, const GcmIv& iv, std::string_view aad,
                                      const std::uint8_t* ciphertext, std::size_t size, const GcmTag& tag);

// Decrypts and verifies a ciphertext too large to hold at once (attachments up to 200 MiB), without
// AAD. Feed the ciphertext in pieces of any size to update(), then call finish() with the tag; for an
// uploaded `ciphertext || tag` object, that is everything but its last 16 bytes, then those.
//
// Plaintext that update() hands out is NOT authenticated until finish() succeeds: a caller may hash or
// spool it, but must discard it, and act on nothing in it, if finish() fails. A moved-from decryptor
// may only be destroyed or assigned to.
class Aes256GcmStreamDecryptor {
 public:
  Aes256GcmStreamDecryptor(const Aes256Key& key, const GcmIv& iv);
  ~Aes256GcmStreamDecryptor();
  Aes256GcmStreamDecryptor(Aes256GcmStreamDecryptor&&) noexcept;
  Aes256GcmStreamDecryptor& operator=(Aes256GcmStreamDecryptor&&) noexcept;
  Aes256GcmStreamDecryptor(const Aes256GcmStreamDecryptor&) = delete;
  Aes256GcmStreamDecryptor& operator=(const Aes256GcmStreamDecryptor&) = delete;

  // Replaces out_plain's contents with the plaintext of these `size` bytes (GCM gives exactly as many
  // bytes as it takes). Calling it after finish() is a broken invariant (std::logic_error).
  void update(const std::uint8_t* ciphertext, std::size_t size, Bytes& out_plain);
  // Ok when the tag verifies over everything fed to update(); decryption_failed otherwise. Call once.
  Result<void> finish(const GcmTag& tag);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace gp::common
