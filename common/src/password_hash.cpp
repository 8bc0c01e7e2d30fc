#include "gongping/common/password_hash.hpp"

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <charconv>
#include <memory>
#include <optional>
#include <stdexcept>

#include "gongping/common/crypto.hpp"

namespace gp::common {
namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kSaltBytes = 16;

Bytes derive(std::string_view password, const Bytes& salt, const ScryptCost& cost) {
  std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr), &EVP_KDF_free);
  if (!kdf) throw std::runtime_error("OpenSSL has no SCRYPT KDF");
  std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()), &EVP_KDF_CTX_free);
  if (!ctx) throw std::runtime_error("EVP_KDF_CTX_new failed");
  std::uint64_t n = std::uint64_t{1} << cost.log2_n;
  std::uint32_t r = cost.r;
  std::uint32_t p = cost.p;
  // OpenSSL takes non-const pointers but does not write through them.
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, const_cast<char*>(password.data()), password.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<std::uint8_t*>(salt.data()), salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
      OSSL_PARAM_construct_end(),
  };
  Bytes key(kKeyBytes);
  if (EVP_KDF_derive(ctx.get(), key.data(), key.size(), params) != 1) {
    throw std::runtime_error("scrypt derivation failed");
  }
  return key;
}

struct Parsed {
  ScryptCost cost;
  Bytes salt;
  Bytes key;
};

std::optional<std::uint32_t> parse_param(std::string_view& text, std::string_view name) {
  if (text.substr(0, name.size()) != name) return std::nullopt;
  text.remove_prefix(name.size());
  std::uint32_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{}) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return value;
}

std::optional<Parsed> parse(std::string_view stored) {
  constexpr std::string_view kPrefix = "$scrypt$";
  if (stored.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  stored.remove_prefix(kPrefix.size());
  Parsed out;
  const auto ln = parse_param(stored, "ln=");
  if (!ln || stored.substr(0, 1) != ",") return std::nullopt;
  stored.remove_prefix(1);
  const auto r = parse_param(stored, "r=");
  if (!r || stored.substr(0, 1) != ",") return std::nullopt;
  stored.remove_prefix(1);
  const auto p = parse_param(stored, "p=");
  if (!p || stored.substr(0, 1) != "$") return std::nullopt;
  stored.remove_prefix(1);
  if (*ln < 10 || *ln > 20 || *r < 1 || *r > 32 || *p < 1 || *p > 16) return std::nullopt;
  out.cost = {*ln, *r, *p};
  const auto dollar = stored.find('$');
  if (dollar == std::string_view::npos) return std::nullopt;
  auto salt = base64_decode(stored.substr(0, dollar));
  auto key = base64_decode(stored.substr(dollar + 1));
  if (!salt || !key || key->size() != kKeyBytes) return std::nullopt;
  out.salt = std::move(*salt);
  out.key = std::move(*key);
  return out;
}

}  // namespace

std::string PasswordHasher::hash(std::string_view password) const {
  const Bytes salt = random_bytes(kSaltBytes);
  const Bytes key = derive(password, salt, cost_);
  return "$scrypt$ln=" + std::to_string(cost_.log2_n) + ",r=" + std::to_string(cost_.r) +
         ",p=" + std::to_string(cost_.p) + "$" + base64_encode(salt.data(), salt.size()) + "$" +
         base64_encode(key.data(), key.size());
}

bool PasswordHasher::verify(std::string_view password, std::string_view stored) const {
  const auto parsed = parse(stored);
  if (!parsed) return false;
  const Bytes key = derive(password, parsed->salt, parsed->cost);
  return constant_time_equal(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()),
                             std::string_view(reinterpret_cast<const char*>(parsed->key.data()), parsed->key.size()));
}

bool PasswordHasher::needs_rehash(std::string_view stored) const {
  const auto parsed = parse(stored);
  return !parsed || parsed->cost.log2_n != cost_.log2_n || parsed->cost.r != cost_.r || parsed->cost.p != cost_.p;
}

}  // namespace gp::common
