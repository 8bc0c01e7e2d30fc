#include "gongping/common/aes_gcm.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>

#include <algorithm>
#include <stdexcept>

#include "openssl_handles.hpp"

namespace gp::common {
namespace {

using detail::checked;
using detail::EvpCipherCtxPtr;

// OpenSSL takes int lengths.
constexpr std::size_t kMaxPiece = std::size_t{1} << 30;

const std::uint8_t* bytes_of(std::string_view text) { return reinterpret_cast<const std::uint8_t*>(text.data()); }

EvpCipherCtxPtr new_context(const Aes256Key& key, const GcmIv& iv, bool encrypt) {
  auto ctx = checked(EvpCipherCtxPtr(EVP_CIPHER_CTX_new()), "EVP_CIPHER_CTX_new failed");
  // 12 bytes is OpenSSL's default GCM IV length, so no EVP_CTRL_GCM_SET_IVLEN is needed.
  if (EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), iv.data(), encrypt ? 1 : 0) != 1) {
    throw std::runtime_error("EVP_CipherInit_ex(AES-256-GCM) failed");
  }
  return ctx;
}

// Runs `size` bytes through the cipher; with a null `out` they are AAD.
void feed(EVP_CIPHER_CTX* ctx, const std::uint8_t* in, std::size_t size, std::uint8_t* out) {
  while (size > 0) {
    const std::size_t piece = std::min(size, kMaxPiece);
    int written = 0;
    if (EVP_CipherUpdate(ctx, out, &written, in, static_cast<int>(piece)) != 1) {
      throw std::runtime_error("EVP_CipherUpdate failed");
    }
    in += piece;
    size -= piece;
    if (out != nullptr) out += written;  // GCM is a stream mode: written == piece
  }
}

bool tag_verifies(EVP_CIPHER_CTX* ctx, const GcmTag& tag) {
  GcmTag expected = tag;  // EVP_CIPHER_CTX_ctrl takes a non-const pointer
  if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, static_cast<int>(expected.size()), expected.data()) != 1) {
    throw std::runtime_error("EVP_CTRL_GCM_SET_TAG failed");
  }
  std::uint8_t rest[16];  // GCM writes nothing at the end; the buffer only satisfies the interface
  int written = 0;
  if (EVP_DecryptFinal_ex(ctx, rest, &written) == 1) return true;
  ERR_clear_error();
  return false;
}

Error decryption_error() {
  return make_error(ErrorCode::decryption_failed,
                    "The ciphertext does not decrypt: the key is wrong, or the data or its tag were changed");
}

}  // namespace

GcmSealed aes256gcm_encrypt(const Aes256Key& key, const GcmIv& iv, std::string_view aad, std::string_view plaintext) {
  const auto ctx = new_context(key, iv, true);
  feed(ctx.get(), bytes_of(aad), aad.size(), nullptr);
  GcmSealed sealed;
  sealed.ciphertext.resize(plaintext.size());
  feed(ctx.get(), bytes_of(plaintext), plaintext.size(), sealed.ciphertext.data());
  std::uint8_t rest[16];
  int written = 0;
  if (EVP_EncryptFinal_ex(ctx.get(), rest, &written) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(sealed.tag.size()), sealed.tag.data()) !=
          1) {
    throw std::runtime_error("AES-256-GCM finalization failed");
  }
  return sealed;
}

Result<std::string> aes256gcm_decrypt(const Aes256Key& key, const GcmIv& iv, std::string_view aad,
                                      const std::uint8_t* ciphertext, std::size_t size, const GcmTag& tag) {
  const auto ctx = new_context(key, iv, false);
  feed(ctx.get(), bytes_of(aad), aad.size(), nullptr);
  std::string plaintext(size, '\0');
  feed(ctx.get(), ciphertext, size, reinterpret_cast<std::uint8_t*>(plaintext.data()));
  if (!tag_verifies(ctx.get(), tag)) {
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    return decryption_error();
  }
  return plaintext;
}

struct Aes256GcmStreamDecryptor::State {
  EvpCipherCtxPtr ctx;
  bool finished = false;
};

Aes256GcmStreamDecryptor::Aes256GcmStreamDecryptor(const Aes256Key& key, const GcmIv& iv)
    : state_(std::make_unique<State>(State{new_context(key, iv, false), false})) {}

Aes256GcmStreamDecryptor::~Aes256GcmStreamDecryptor() = default;
Aes256GcmStreamDecryptor::Aes256GcmStreamDecryptor(Aes256GcmStreamDecryptor&&) noexcept = default;
Aes256GcmStreamDecryptor& Aes256GcmStreamDecryptor::operator=(Aes256GcmStreamDecryptor&&) noexcept = default;

void Aes256GcmStreamDecryptor::update(const std::uint8_t* ciphertext, std::size_t size, Bytes& out_plain) {
  if (state_->finished) throw std::logic_error("Aes256GcmStreamDecryptor::update after finish");
  out_plain.resize(size);
  feed(state_->ctx.get(), ciphertext, size, out_plain.data());
}

Result<void> Aes256GcmStreamDecryptor::finish(const GcmTag& tag) {
  if (state_->finished) throw std::logic_error("Aes256GcmStreamDecryptor::finish called twice");
  state_->finished = true;
  if (!tag_verifies(state_->ctx.get(), tag)) return decryption_error();
  return Ok{};
}

}  // namespace gp::common
