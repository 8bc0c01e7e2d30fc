#include "gongping/common/jose.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <stdexcept>

#include "gongping/common/aes_gcm.hpp"
#include "gongping/common/json_writer.hpp"

namespace gp::common {
namespace {

constexpr std::size_t kJweParts = 5;
constexpr std::size_t kJwsParts = 3;
constexpr std::string_view kJwePartNames[kJweParts] = {"protected header", "encrypted key", "initialization vector",
                                                       "ciphertext", "authentication tag"};
constexpr std::string_view kReservedHeaderMembers[] = {"alg", "enc", "epk", "apu", "apv", "zip", "crit"};

const std::uint8_t* bytes_of(std::string_view text) { return reinterpret_cast<const std::uint8_t*>(text.data()); }

std::string base64url(std::string_view text) { return base64url_encode(bytes_of(text), text.size()); }
template <std::size_t N>
std::string base64url(const std::array<std::uint8_t, N>& bytes) {
  return base64url_encode(bytes.data(), N);
}

// Splits on '.'; the caller has checked that there are exactly N - 1 dots.
template <std::size_t N>
std::array<std::string_view, N> split_parts(std::string_view text) {
  std::array<std::string_view, N> parts;
  for (std::size_t i = 0; i + 1 < N; ++i) {
    const auto dot = text.find('.');
    parts[i] = text.substr(0, dot);
    text.remove_prefix(dot + 1);
  }
  parts[N - 1] = text;
  return parts;
}

std::size_t part_count(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '.')) + 1;
}

Error envelope_error(std::string detail) { return make_error(ErrorCode::envelope_invalid, std::move(detail)); }
Error signature_error(std::string detail) { return make_error(ErrorCode::signature_invalid, std::move(detail)); }

std::string jwe_part(std::size_t index) {
  return "The JWE's " + std::string(kJwePartNames[index]) + " (part " + std::to_string(index + 1) + ")";
}

void append_u32(Bytes& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(value >> shift & 0xff));
}

void append_prefixed(Bytes& out, std::string_view data) {
  append_u32(out, static_cast<std::uint32_t>(data.size()));
  out.insert(out.end(), data.begin(), data.end());
}

template <class Container>
void wipe(Container& secret) {
  OPENSSL_cleanse(secret.data(), secret.size());
}

}  // namespace

Result<CompactJwe> parse_compact_jwe(std::string_view compact) {
  if (compact.size() > kMaxCompactJweSize) {
    return envelope_error("The JWE is " + std::to_string(compact.size()) + " bytes; at most " +
                          std::to_string(kMaxCompactJweSize) + " are accepted");
  }
  if (const auto count = part_count(compact); count != kJweParts) {
    return envelope_error(
        "A compact JWE has 5 parts separated by dots (header.encrypted_key.iv.ciphertext.tag); this one has " +
        std::to_string(count));
  }
  const auto parts = split_parts<kJweParts>(compact);
  std::array<Bytes, kJweParts> decoded;
  for (std::size_t i = 0; i < kJweParts; ++i) {
    auto bytes = base64url_decode(parts[i]);
    if (!bytes) return envelope_error(jwe_part(i) + " is not unpadded base64url");
    decoded[i] = std::move(*bytes);
  }
  if (decoded[0].empty()) return envelope_error(jwe_part(0) + " is empty");
  if (!decoded[1].empty()) {
    return envelope_error(jwe_part(1) +
                          " must be empty: with \"alg\":\"ECDH-ES\" the content key is agreed, not transported");
  }
  if (decoded[2].size() != 12) {
    return envelope_error(jwe_part(2) + " must be 12 bytes for A256GCM; it is " + std::to_string(decoded[2].size()));
  }
  if (decoded[4].size() != 16) {
    return envelope_error(jwe_part(4) + " must be 16 bytes for A256GCM; it is " + std::to_string(decoded[4].size()));
  }
  CompactJwe jwe;
  jwe.protected_b64 = std::string(parts[0]);
  jwe.protected_json_bytes = std::move(decoded[0]);
  jwe.encrypted_key = std::move(decoded[1]);
  jwe.iv = std::move(decoded[2]);
  jwe.ciphertext = std::move(decoded[3]);
  jwe.tag = std::move(decoded[4]);
  return jwe;
}

Bytes concat_kdf(const std::array<std::uint8_t, 32>& z, std::string_view algorithm_id, std::size_t key_bits,
                 std::string_view apu, std::string_view apv) {
  if (key_bits == 0 || key_bits % 8 != 0 || key_bits > 0xffffffffu) {
    throw std::invalid_argument("concat_kdf: key_bits must be a positive multiple of 8");
  }
  const std::size_t key_size = key_bits / 8;
  Bytes other_info;
  append_prefixed(other_info, algorithm_id);
  append_prefixed(other_info, apu);
  append_prefixed(other_info, apv);
  append_u32(other_info, static_cast<std::uint32_t>(key_bits));

  Bytes key;
  Bytes round;
  for (std::uint32_t counter = 1; key.size() < key_size; ++counter) {
    round.clear();
    append_u32(round, counter);
    round.insert(round.end(), z.begin(), z.end());
    round.insert(round.end(), other_info.begin(), other_info.end());
    auto digest = sha256(round.data(), round.size());
    key.insert(key.end(), digest.begin(), digest.end());
    wipe(digest);
  }
  wipe(round);
  OPENSSL_cleanse(key.data() + key_size, key.size() - key_size);
  key.resize(key_size);
  return key;
}

std::array<std::uint8_t, 32> concat_kdf_a256gcm(const std::array<std::uint8_t, 32>& z, std::string_view apu,
                                                std::string_view apv) {
  auto derived = concat_kdf(z, "A256GCM", 256, apu, apv);
  std::array<std::uint8_t, 32> key{};
  std::copy(derived.begin(), derived.end(), key.begin());
  wipe(derived);
  return key;
}

Result<std::string> open_jwe_ecdh_es_a256gcm(const CompactJwe& jwe, const P256PrivateKey& recipient,
                                             const P256PublicKey& epk, std::string_view apu, std::string_view apv) {
  GcmIv iv{};
  GcmTag tag{};
  if (jwe.iv.size() != iv.size()) return envelope_error(jwe_part(2) + " must be 12 bytes for A256GCM");
  if (jwe.tag.size() != tag.size()) return envelope_error(jwe_part(4) + " must be 16 bytes for A256GCM");
  std::copy(jwe.iv.begin(), jwe.iv.end(), iv.begin());
  std::copy(jwe.tag.begin(), jwe.tag.end(), tag.begin());
  if (!p256_point_is_valid(epk)) {
    return make_error(ErrorCode::key_invalid, "The JWE header's \"epk\" is not a point of P-256");
  }
  auto z = p256_ecdh(recipient, epk);
  if (!z) return z.error();
  auto key = concat_kdf_a256gcm(z.value(), apu, apv);
  wipe(z.value());
  auto plaintext = aes256gcm_decrypt(key, iv, jwe.protected_b64, jwe.ciphertext.data(), jwe.ciphertext.size(), tag);
  wipe(key);
  return plaintext;
}

std::string seal_jwe_ecdh_es_a256gcm(const P256PublicKey& recipient,
                                     const std::vector<std::pair<std::string, std::string>>& extra_string_members,
                                     std::string_view plaintext, Random& random) {
  for (std::size_t i = 0; i < extra_string_members.size(); ++i) {
    const auto& name = extra_string_members[i].first;
    if (std::find(std::begin(kReservedHeaderMembers), std::end(kReservedHeaderMembers), name) !=
        std::end(kReservedHeaderMembers)) {
      throw std::invalid_argument("seal_jwe_ecdh_es_a256gcm: header member \"" + name + "\" is set by the algorithm");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (extra_string_members[j].first == name) {
        throw std::invalid_argument("seal_jwe_ecdh_es_a256gcm: header member \"" + name + "\" given twice");
      }
    }
  }
  if (!p256_point_is_valid(recipient)) {
    throw std::invalid_argument("seal_jwe_ecdh_es_a256gcm: the recipient key is not a point of P-256");
  }

  const auto ephemeral = generate_p256_key_pair(random);
  auto z = p256_ecdh(ephemeral.private_key, recipient);
  if (!z) throw std::invalid_argument("seal_jwe_ecdh_es_a256gcm: " + z.error().detail);
  auto key = concat_kdf_a256gcm(z.value());
  wipe(z.value());

  JsonWriter header;
  header.begin_object().key("alg").value("ECDH-ES").key("enc").value("A256GCM").key("epk").raw(
      p256_public_jwk(ephemeral.public_key));
  for (const auto& [name, value] : extra_string_members) header.key(name).value(value);
  header.end_object();
  const std::string protected_b64 = base64url(header.str());

  GcmIv iv{};
  random.fill(iv.data(), iv.size());
  const auto sealed = aes256gcm_encrypt(key, iv, protected_b64, plaintext);
  wipe(key);

  std::string out = protected_b64;
  out += "..";
  out += base64url(iv);
  out += '.';
  out += base64url_encode(sealed.ciphertext.data(), sealed.ciphertext.size());
  out += '.';
  out += base64url(sealed.tag);
  return out;
}

std::string sign_jws_eddsa(const Ed25519Signer& key, std::string_view kid, std::string_view payload) {
  JsonWriter header;
  header.begin_object().key("alg").value("EdDSA").key("kid").value(kid).end_object();
  std::string out = base64url(header.str());
  out += '.';
  out += base64url(payload);
  const auto signature = key.sign(out);
  out += '.';
  out += base64url(signature);
  return out;
}

Result<VerifiedJws> verify_jws_eddsa(std::string_view compact, const Ed25519PublicKey& public_key) {
  if (const auto count = part_count(compact); count != kJwsParts) {
    return signature_error("A compact JWS has 3 parts separated by dots (header.payload.signature); this one has " +
                           std::to_string(count));
  }
  const auto parts = split_parts<kJwsParts>(compact);
  auto header = base64url_decode(parts[0]);
  if (!header || header->empty()) return signature_error("The JWS's protected header (part 1) is not base64url JSON");
  auto payload = base64url_decode(parts[1]);
  if (!payload) return signature_error("The JWS's payload (part 2) is not unpadded base64url");
  const auto signature = base64url_decode(parts[2]);
  Ed25519Signature raw_signature{};
  if (!signature || signature->size() != raw_signature.size()) {
    return signature_error("The JWS's signature (part 3) is not 64 bytes of unpadded base64url");
  }
  std::copy(signature->begin(), signature->end(), raw_signature.begin());
  const auto signing_input = compact.substr(0, parts[0].size() + 1 + parts[1].size());
  if (!ed25519_verify(public_key, signing_input, raw_signature)) {
    return signature_error("The JWS signature does not verify with this key");
  }
  return VerifiedJws{std::string(header->begin(), header->end()), std::string(payload->begin(), payload->end())};
}

}  // namespace gp::common
