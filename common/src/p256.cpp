#include "gongping/common/p256.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "gongping/common/crypto.hpp"
#include "gongping/common/json_writer.hpp"
#include "openssl_handles.hpp"

namespace gp::common {
namespace {

using detail::BignumPtr;
using detail::BnCtxPtr;
using detail::checked;
using detail::EcGroupPtr;
using detail::EcPointPtr;
using detail::EvpPkeyCtxPtr;
using detail::EvpPkeyPtr;
using detail::ParamBldPtr;
using detail::ParamsPtr;
using detail::SecretBignumPtr;

constexpr int kCoordinateSize = 32;
constexpr int kMaxScalarDraws = 64;

Error key_error(std::string detail) {
  // Failed OpenSSL calls leave entries on the thread's error queue; a TLS layer on the same thread
  // would later mistake them for its own.
  ERR_clear_error();
  return make_error(ErrorCode::key_invalid, std::move(detail));
}

// A group per call rather than a shared one: construction is cheap next to a scalar multiplication
// and keeps every function free of shared state.
EcGroupPtr new_group() {
  return checked(EcGroupPtr(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1)), "EC_GROUP_new_by_curve_name failed");
}

BnCtxPtr new_bn_ctx() { return checked(BnCtxPtr(BN_CTX_secure_new()), "BN_CTX_secure_new failed"); }

SecretBignumPtr scalar_of(const P256PrivateKey& key) {
  auto d = checked(SecretBignumPtr(BN_secure_new()), "BN_secure_new failed");
  if (BN_bin2bn(key.d.data(), kCoordinateSize, d.get()) == nullptr) throw std::runtime_error("BN_bin2bn failed");
  BN_set_flags(d.get(), BN_FLG_CONSTTIME);
  return d;
}

bool scalar_in_range(const BIGNUM* d, const EC_GROUP* group) {
  return !BN_is_zero(d) && BN_cmp(d, EC_GROUP_get0_order(group)) < 0;
}

BignumPtr bignum_of(const std::array<std::uint8_t, 32>& bytes) {
  return checked(BignumPtr(BN_bin2bn(bytes.data(), kCoordinateSize, nullptr)), "BN_bin2bn failed");
}

// The point, or null when (x, y) is not a point of the curve.
EcPointPtr point_of(const EC_GROUP* group, const P256PublicKey& key, BN_CTX* ctx) {
  const auto x = bignum_of(key.x);
  const auto y = bignum_of(key.y);
  // EC_POINT_set_affine_coordinates would reduce coordinates modulo p; a JWK must not have two spellings.
  const BIGNUM* prime = EC_GROUP_get0_field(group);
  if (BN_cmp(x.get(), prime) >= 0 || BN_cmp(y.get(), prime) >= 0) return nullptr;
  auto point = checked(EcPointPtr(EC_POINT_new(group)), "EC_POINT_new failed");
  if (EC_POINT_set_affine_coordinates(group, point.get(), x.get(), y.get(), ctx) != 1 ||
      EC_POINT_is_at_infinity(group, point.get()) == 1 || EC_POINT_is_on_curve(group, point.get(), ctx) != 1) {
    ERR_clear_error();
    return nullptr;
  }
  return point;
}

P256PublicKey affine_of(const EC_GROUP* group, const EC_POINT* point, BN_CTX* ctx) {
  auto x = checked(BignumPtr(BN_new()), "BN_new failed");
  auto y = checked(BignumPtr(BN_new()), "BN_new failed");
  P256PublicKey out;
  if (EC_POINT_get_affine_coordinates(group, point, x.get(), y.get(), ctx) != 1 ||
      BN_bn2binpad(x.get(), out.x.data(), kCoordinateSize) != kCoordinateSize ||
      BN_bn2binpad(y.get(), out.y.data(), kCoordinateSize) != kCoordinateSize) {
    throw std::runtime_error("EC_POINT_get_affine_coordinates failed");
  }
  return out;
}

// SEC 1 uncompressed encoding: 0x04 || x || y.
std::array<std::uint8_t, 65> uncompressed(const P256PublicKey& key) {
  std::array<std::uint8_t, 65> out{};
  out[0] = 0x04;
  std::copy(key.x.begin(), key.x.end(), out.begin() + 1);
  std::copy(key.y.begin(), key.y.end(), out.begin() + 1 + kCoordinateSize);
  return out;
}

// An EVP_PKEY from the public point and, when `d` is given, the private scalar; null if OpenSSL
// refuses the values.
EvpPkeyPtr evp_key(const P256PublicKey& public_key, const BIGNUM* d) {
  auto builder = checked(ParamBldPtr(OSSL_PARAM_BLD_new()), "OSSL_PARAM_BLD_new failed");
  const auto point = uncompressed(public_key);
  if (OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, SN_X9_62_prime256v1, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1 ||
      (d != nullptr && OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, d) != 1)) {
    throw std::runtime_error("OSSL_PARAM_BLD_push failed");
  }
  const auto params = checked(ParamsPtr(OSSL_PARAM_BLD_to_param(builder.get())), "OSSL_PARAM_BLD_to_param failed");
  auto ctx = checked(EvpPkeyCtxPtr(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr)), "EVP_PKEY_CTX_new failed");
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, d != nullptr ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ERR_clear_error();
    return nullptr;
  }
  return EvpPkeyPtr(raw);
}

}  // namespace

P256PrivateKey::~P256PrivateKey() { OPENSSL_cleanse(d.data(), d.size()); }

P256KeyPair generate_p256_key_pair() {
  CryptoRandom random;
  return generate_p256_key_pair(random);
}

P256KeyPair generate_p256_key_pair(Random& random) {
  P256KeyPair pair;
  // n is just below 2^256, so a draw is out of range with probability about 2^-32.
  for (int i = 0; i < kMaxScalarDraws; ++i) {
    random.fill(pair.private_key.d.data(), pair.private_key.d.size());
    auto public_key = p256_public_key_of(pair.private_key);
    if (public_key) {
      pair.public_key = public_key.value();
      return pair;
    }
  }
  throw std::runtime_error("Random gave no valid P-256 scalar in 64 draws");
}

Result<P256PublicKey> p256_public_key_of(const P256PrivateKey& key) {
  const auto group = new_group();
  const auto ctx = new_bn_ctx();
  const auto d = scalar_of(key);
  if (!scalar_in_range(d.get(), group.get())) return key_error("The P-256 private key is not in [1, n-1]");
  const auto point = checked(EcPointPtr(EC_POINT_new(group.get())), "EC_POINT_new failed");
  if (EC_POINT_mul(group.get(), point.get(), d.get(), nullptr, nullptr, ctx.get()) != 1) {
    throw std::runtime_error("EC_POINT_mul failed");
  }
  return affine_of(group.get(), point.get(), ctx.get());
}

bool p256_point_is_valid(const P256PublicKey& key) {
  const auto group = new_group();
  const auto ctx = new_bn_ctx();
  return point_of(group.get(), key, ctx.get()) != nullptr;
}

Result<std::array<std::uint8_t, 32>> p256_ecdh(const P256PrivateKey& key, const P256PublicKey& peer) {
  if (!p256_point_is_valid(peer)) return key_error("The peer's P-256 public key is not a point on the curve");
  // OpenSSL 3.0 does not derive the public point from the scalar on import; give it both.
  auto own_public = p256_public_key_of(key);
  if (!own_public) return own_public.error();
  const auto d = scalar_of(key);
  const auto own = evp_key(own_public.value(), d.get());
  if (!own) throw std::runtime_error("EVP_PKEY_fromdata refused a valid P-256 key pair");
  const auto other = evp_key(peer, nullptr);
  if (!other) return key_error("The peer's P-256 public key is not a point on the curve");

  const auto ctx = checked(EvpPkeyCtxPtr(EVP_PKEY_CTX_new_from_pkey(nullptr, own.get(), nullptr)),
                           "EVP_PKEY_CTX_new_from_pkey failed");
  if (EVP_PKEY_derive_init(ctx.get()) != 1) throw std::runtime_error("EVP_PKEY_derive_init failed");
  if (EVP_PKEY_derive_set_peer(ctx.get(), other.get()) != 1) {
    return key_error("The peer's P-256 public key is not a point on the curve");
  }
  std::array<std::uint8_t, 32> z{};
  std::size_t size = z.size();
  if (EVP_PKEY_derive(ctx.get(), z.data(), &size) != 1 || size != z.size()) {
    OPENSSL_cleanse(z.data(), z.size());
    throw std::runtime_error("EVP_PKEY_derive failed");
  }
  return z;
}

std::string p256_public_jwk(const P256PublicKey& key, std::string_view kid, std::string_view use,
                            std::string_view alg) {
  JsonWriter w;
  w.begin_object()
      .key("kty")
      .value("EC")
      .key("crv")
      .value("P-256")
      .key("x")
      .value(base64url_encode(key.x.data(), key.x.size()))
      .key("y")
      .value(base64url_encode(key.y.data(), key.y.size()));
  if (!use.empty()) w.key("use").value(use);
  if (!alg.empty()) w.key("alg").value(alg);
  if (!kid.empty()) w.key("kid").value(kid);
  return w.end_object().take();
}

}  // namespace gp::common
