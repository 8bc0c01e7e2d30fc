#include "gongping/common/ed25519.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "gongping/common/crypto.hpp"
#include "gongping/common/json_writer.hpp"
#include "openssl_handles.hpp"

namespace gp::common {
namespace {

using detail::checked;
using detail::EvpMdCtxPtr;
using detail::EvpPkeyPtr;

const std::uint8_t* bytes_of(std::string_view text) { return reinterpret_cast<const std::uint8_t*>(text.data()); }

EvpPkeyPtr private_key_of(const std::array<std::uint8_t, 32>& seed) {
  return checked(EvpPkeyPtr(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size())),
                 "EVP_PKEY_new_raw_private_key(Ed25519) failed");
}

}  // namespace

Ed25519KeyPair::~Ed25519KeyPair() { OPENSSL_cleanse(seed.data(), seed.size()); }

Ed25519KeyPair generate_ed25519() {
  std::array<std::uint8_t, 32> seed{};
  if (RAND_priv_bytes(seed.data(), static_cast<int>(seed.size())) != 1)
    throw std::runtime_error("RAND_priv_bytes failed");
  auto pair = ed25519_from_seed(seed);
  OPENSSL_cleanse(seed.data(), seed.size());
  return pair;
}

Ed25519KeyPair ed25519_from_seed(const std::array<std::uint8_t, 32>& seed) {
  const auto key = private_key_of(seed);
  Ed25519KeyPair pair;
  pair.seed = seed;
  std::size_t size = pair.public_key.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), pair.public_key.data(), &size) != 1 || size != pair.public_key.size()) {
    throw std::runtime_error("EVP_PKEY_get_raw_public_key(Ed25519) failed");
  }
  return pair;
}

namespace {

Ed25519Signature sign_with(EVP_PKEY* pkey, std::string_view message) {
  const auto ctx = checked(EvpMdCtxPtr(EVP_MD_CTX_new()), "EVP_MD_CTX_new failed");
  Ed25519Signature signature{};
  std::size_t size = signature.size();
  // Ed25519 is a one-shot signature: no digest, and EVP_DigestSign rather than Update/Final.
  if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey) != 1 ||
      EVP_DigestSign(ctx.get(), signature.data(), &size, bytes_of(message), message.size()) != 1 ||
      size != signature.size()) {
    throw std::runtime_error("Ed25519 signing failed");
  }
  return signature;
}

}  // namespace

Ed25519Signature ed25519_sign(const Ed25519KeyPair& key, std::string_view message) {
  return sign_with(private_key_of(key.seed).get(), message);
}

Ed25519Signer::Ed25519Signer(const Ed25519KeyPair& pair)
    : key_(private_key_of(pair.seed).release(), [](void* k) { EVP_PKEY_free(static_cast<EVP_PKEY*>(k)); }),
      public_key_(pair.public_key) {}

Ed25519Signature Ed25519Signer::sign(std::string_view message) const {
  return sign_with(static_cast<EVP_PKEY*>(key_.get()), message);
}

bool ed25519_verify(const Ed25519PublicKey& public_key, std::string_view message, const Ed25519Signature& signature) {
  const EvpPkeyPtr pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), public_key.size()));
  const auto ctx = checked(EvpMdCtxPtr(EVP_MD_CTX_new()), "EVP_MD_CTX_new failed");
  const bool ok =
      pkey && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), bytes_of(message), message.size()) == 1;
  // A refused signature leaves entries on the thread's error queue, which a TLS layer on the same
  // thread would later mistake for its own.
  if (!ok) ERR_clear_error();
  return ok;
}

std::string ed25519_public_jwk(const Ed25519PublicKey& public_key, std::string_view kid) {
  JsonWriter w;
  w.begin_object()
      .key("kty")
      .value("OKP")
      .key("crv")
      .value("Ed25519")
      .key("x")
      .value(base64url_encode(public_key.data(), public_key.size()))
      .key("use")
      .value("sig")
      .key("alg")
      .value("EdDSA");
  if (!kid.empty()) w.key("kid").value(kid);
  return w.end_object().take();
}

}  // namespace gp::common
