#include "gongping/common/aes_gcm.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace gp::common;

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> array_from_hex(std::string_view hex) {
  const auto bytes = from_hex(hex);
  REQUIRE(bytes);
  REQUIRE(bytes->size() == N);
  std::array<std::uint8_t, N> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

std::string text_from_hex(std::string_view hex) {
  const auto bytes = from_hex(hex);
  REQUIRE(bytes);
  return std::string(bytes->begin(), bytes->end());
}

// McGrew and Viega, "The Galois/Counter Mode of Operation (GCM)", test cases 13 to 16 (AES-256,
// 96-bit IV); the same values are in NIST's gcmEncryptExtIV256 set.
Aes256Key key16() { return array_from_hex<32>("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"); }
GcmIv iv16() { return array_from_hex<12>("cafebabefacedbaddecaf888"); }
constexpr std::string_view kPlain15 =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657"
    "ba637b391aafd255";
constexpr std::string_view kCipher15 =
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0a"
    "bcc9f662898015ad";
constexpr std::string_view kTag15 = "b094dac5d93471bdec1a502270e3cc6c";
constexpr std::string_view kPlain16 =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657"
    "ba637b39";
constexpr std::string_view kAad16 = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
constexpr std::string_view kCipher16 =
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0a"
    "bcc9f662";
constexpr std::string_view kTag16 = "76fc6ece0f4e1768cddf8853bb2d551b";

}  // namespace

TEST_CASE("AES-256-GCM matches the GCM specification's test cases", "[common][aes_gcm]") {
  SECTION("test case 13: zero key, empty plaintext") {
    const auto sealed = aes256gcm_encrypt(Aes256Key{}, GcmIv{}, "", "");
    CHECK(sealed.ciphertext.empty());
    CHECK(to_hex(sealed.tag) == "530f8afbc74536b9a963b4f1c4cb738b");
    CHECK(aes256gcm_decrypt(Aes256Key{}, GcmIv{}, "", nullptr, 0, sealed.tag).value().empty());
  }
  SECTION("test case 14: zero key, one zero block") {
    const auto sealed = aes256gcm_encrypt(Aes256Key{}, GcmIv{}, "", std::string(16, '\0'));
    CHECK(to_hex(sealed.ciphertext) == "cea7403d4d606b6e074ec5d3baf39d18");
    CHECK(to_hex(sealed.tag) == "d0d1c8a799996bf0265b98b5d48ab919");
  }
  SECTION("test case 16: with AAD") {
    const auto sealed = aes256gcm_encrypt(key16(), iv16(), text_from_hex(kAad16), text_from_hex(kPlain16));
    CHECK(to_hex(sealed.ciphertext) == kCipher16);
    CHECK(to_hex(sealed.tag) == kTag16);
    const auto cipher = *from_hex(kCipher16);
    CHECK(aes256gcm_decrypt(key16(), iv16(), text_from_hex(kAad16), cipher.data(), cipher.size(),
                            array_from_hex<16>(kTag16))
              .value() == text_from_hex(kPlain16));
  }
}

TEST_CASE("AES-256-GCM refuses anything changed", "[common][aes_gcm]") {
  const std::string aad = text_from_hex(kAad16);
  const auto cipher = *from_hex(kCipher16);
  const auto tag = array_from_hex<16>(kTag16);

  auto changed_cipher = cipher;
  changed_cipher[10] ^= 0x01;
  auto changed_tag = tag;
  changed_tag[15] ^= 0x80;
  auto other_key = key16();
  other_key[0] ^= 0x01;
  auto other_iv = iv16();
  other_iv[11] ^= 0x01;
  std::string other_aad = aad;
  other_aad[0] ^= 0x01;

  const auto code_of = [](const Result<std::string>& r) { return r ? ErrorCode::internal : r.error().code; };
  CHECK(code_of(aes256gcm_decrypt(key16(), iv16(), aad, changed_cipher.data(), changed_cipher.size(), tag)) ==
        ErrorCode::decryption_failed);
  CHECK(code_of(aes256gcm_decrypt(key16(), iv16(), aad, cipher.data(), cipher.size(), changed_tag)) ==
        ErrorCode::decryption_failed);
  CHECK(code_of(aes256gcm_decrypt(other_key, iv16(), aad, cipher.data(), cipher.size(), tag)) ==
        ErrorCode::decryption_failed);
  CHECK(code_of(aes256gcm_decrypt(key16(), other_iv, aad, cipher.data(), cipher.size(), tag)) ==
        ErrorCode::decryption_failed);
  CHECK(code_of(aes256gcm_decrypt(key16(), iv16(), other_aad, cipher.data(), cipher.size(), tag)) ==
        ErrorCode::decryption_failed);
  CHECK(code_of(aes256gcm_decrypt(key16(), iv16(), "", cipher.data(), cipher.size(), tag)) ==
        ErrorCode::decryption_failed);
  CHECK(code_of(aes256gcm_decrypt(key16(), iv16(), aad, cipher.data(), cipher.size() - 1, tag)) ==
        ErrorCode::decryption_failed);
}

TEST_CASE("the stream decryptor reproduces test case 15 in uneven pieces", "[common][aes_gcm]") {
  const auto cipher = *from_hex(kCipher15);
  Aes256GcmStreamDecryptor decryptor(key16(), iv16());
  std::string plain;
  Bytes piece;
  std::size_t offset = 0;
  for (std::size_t size : {1, 0, 15, 17, 31}) {
    decryptor.update(cipher.data() + offset, size, piece);
    CHECK(piece.size() == size);
    plain.append(piece.begin(), piece.end());
    offset += size;
  }
  REQUIRE(offset == cipher.size());
  CHECK(decryptor.finish(array_from_hex<16>(kTag15)).ok());
  CHECK(plain == text_from_hex(kPlain15));
  CHECK_THROWS_AS(decryptor.update(cipher.data(), 1, piece), std::logic_error);
}

TEST_CASE("the stream decryptor verifies a large ciphertext || tag object", "[common][aes_gcm]") {
  constexpr std::size_t kMiB = std::size_t{1} << 20;
  constexpr std::size_t kPiece = std::size_t{64} << 10;
  std::string plaintext(3 * kMiB + 5, '\0');
  for (std::size_t i = 0; i < plaintext.size(); ++i) plaintext[i] = static_cast<char>(i * 31 + (i >> 12));
  const auto sealed = aes256gcm_encrypt(key16(), iv16(), "", plaintext);
  Bytes object = sealed.ciphertext;
  object.insert(object.end(), sealed.tag.begin(), sealed.tag.end());

  const auto verify = [&](const Bytes& upload, std::string* plain_out) {
    Aes256GcmStreamDecryptor decryptor(key16(), iv16());
    const std::size_t body = upload.size() - 16;
    Bytes piece;
    for (std::size_t offset = 0; offset < body; offset += kPiece) {
      const std::size_t size = std::min(kPiece, body - offset);
      decryptor.update(upload.data() + offset, size, piece);
      if (plain_out != nullptr) plain_out->append(piece.begin(), piece.end());
    }
    GcmTag tag{};
    std::copy(upload.end() - 16, upload.end(), tag.begin());
    return decryptor.finish(tag);
  };

  std::string plain;
  CHECK(verify(object, &plain).ok());
  CHECK(plain == plaintext);

  auto changed = object;
  changed[2 * kMiB] ^= 0x04;
  const auto refused = verify(changed, nullptr);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::decryption_failed);

  auto truncated = object;
  truncated.erase(truncated.begin() + 100);
  CHECK_FALSE(verify(truncated, nullptr).ok());
}
