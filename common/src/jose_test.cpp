#include "gongping/common/jose.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "gongping/common/aes_gcm.hpp"

using namespace gp::common;

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> array_from_base64url(std::string_view text) {
  const auto bytes = base64url_decode_fixed<N>(text);
  REQUIRE(bytes);
  return *bytes;
}

std::string text_of(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }
std::string b64(std::string_view text) {
  return base64url_encode(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

// Deterministic bytes, so that a sealed JWE can be predicted exactly.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}
  void fill(std::uint8_t* out, std::size_t size) override {
    for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<std::uint8_t>(engine_());
  }

 private:
  std::mt19937_64 engine_;
};

// RFC 7518 Appendix C.
constexpr std::array<std::uint8_t, 32> kZ = {158, 86,  217, 29,  129, 113, 53,  211, 114, 131, 66,
                                             131, 191, 132, 38,  156, 251, 49,  110, 163, 218, 128,
                                             106, 72,  246, 218, 167, 121, 140, 254, 144, 196};
P256PrivateKey bob_private() {
  return P256PrivateKey{array_from_base64url<32>("VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw")};
}

// Made with the `jose` npm package (v5, the library the bidders' browser uses): CompactEncrypt to
// Bob's Appendix C key with {"alg":"ECDH-ES","enc":"A256GCM","kid":"tender-key-1",
// "gp_tender":"T-2026-000123"}; `jose` puts epk last and orders its members x, crv, kty, y.
constexpr std::string_view kJoseJwe =
    "eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTI1NkdDTSIsImtpZCI6InRlbmRlci1rZXktMSIsImdwX3RlbmRlciI6IlQtMjAyNi0wMDAxMjMiLCJl"
    "cGsiOnsieCI6IlAtWVoyRmU2MXNncG02bG5YaExlLWF2N2NMVGlBY3prc3dyNHpJUkN1c2siLCJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieSI6"
    "IlVXZnd0X2NILVc3N3oyWFR4dnZ3b3BKT3kxTkpuQTJNdW5BS0c5N1FXbVUifX0..t1xx0x_C4yEbNXaB.CodMwTvvW7WH4oO9JH9QehnsnBX7jSt"
    "ZxvC3wA.eY2asiUrebT86mg4j-Wg3A";
constexpr std::string_view kJoseEpkX = "P-YZ2Fe61sgpm6lnXhLe-av7cLTiAczkswr4zIRCusk";
constexpr std::string_view kJoseEpkY = "UWfwt_cH-W77z2XTxvvwopJOy1NJnA2MunAKG97QWmU";
// The same with apu "Alice" and apv "Bob".
constexpr std::string_view kJoseJweApuApv =
    "eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTI1NkdDTSIsImVwayI6eyJ4IjoiRFJEenBadlg2VTFRTDBTRW1pdDFTSVVMUjJoTGg0WTlWZ2VLemZQ"
    "XzJMSSIsImNydiI6IlAtMjU2Iiwia3R5IjoiRUMiLCJ5IjoiSkc1RnMwb1JuVHFzQjRyLUxCYXZrTEdIdWVjbGxDc2lNVXF2TGxnX2MzcyJ9LCJh"
    "cHUiOiJRV3hwWTJVIiwiYXB2IjoiUW05aSJ9..MVK2G8DrFrmJsjSy.rU7q7Qy2IySMsvAh2H_bWw.G3HbSx8kCemoq5Wb60rkfg";
constexpr std::string_view kJoseApuApvEpkX = "DRDzpZvX6U1QL0SEmit1SIULR2hLh4Y9VgeKzfP_2LI";
constexpr std::string_view kJoseApuApvEpkY = "JG5Fs0oRnTqsB4r-LBavkLGHuecllCsiMUqvLlg_c3s";

// RFC 8037 Appendix A.
constexpr std::string_view kEdSeed = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
constexpr std::string_view kEdPublic = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
constexpr std::string_view kRfc8037Jws =
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

std::vector<std::pair<std::string, std::string>> bid_header() {
  return {{"kid", "tender-key-1"},
          {"gp_tender", "T-2026-000123"},
          {"gp_bidder", "E-000042"},
          {"cty", "application/vnd.gongping.bid+json;v=1"}};
}

ErrorCode code_of(const Result<std::string>& result) { return result ? ErrorCode::internal : result.error().code; }

}  // namespace

TEST_CASE("Concat KDF reproduces RFC 7518 Appendix C", "[common][jose]") {
  const auto key = concat_kdf(kZ, "A128GCM", 128, "Alice", "Bob");
  CHECK(base64url_encode(key.data(), key.size()) == "VqqN6vgjbSBcIijNcacQGg");
  // Every input takes part.
  CHECK(concat_kdf(kZ, "A128GCM", 128, "Alice", "") != key);
  CHECK(concat_kdf(kZ, "A128GCM", 128, "", "Bob") != key);
  CHECK(concat_kdf(kZ, "A192GCM", 128, "Alice", "Bob") != key);
}

TEST_CASE("Concat KDF for A256GCM and for keys longer than one SHA-256 round", "[common][jose]") {
  // Expected values computed independently (Python hashlib) from the RFC 7518 section 4.6.2 layout.
  const auto plain = concat_kdf_a256gcm(kZ);
  CHECK(base64url_encode(plain.data(), plain.size()) == "sn4a5FuGA19w_9WEuHo1U71fFW7At1TNTQ909lYtNTU");
  const auto with_parties = concat_kdf_a256gcm(kZ, "Alice", "Bob");
  CHECK(base64url_encode(with_parties.data(), with_parties.size()) == "_VpjYu4u855R2KndssmFBzkLWo9qO8FK9HxH0bWOO2A");
  CHECK(to_hex(concat_kdf(kZ, "X", 512, "", "")) ==
        "e73287309b351bc773c9bc607e191619630a3eaa6e939bd2dffc0671ecf92ec1"
        "bf2aa7e8054210cae4ad3571c05de2bd5a1957efeeddc2bc0d275d65fe53e74f");
  CHECK_THROWS_AS(concat_kdf(kZ, "X", 0, "", ""), std::invalid_argument);
  CHECK_THROWS_AS(concat_kdf(kZ, "X", 100, "", ""), std::invalid_argument);
}

TEST_CASE("a JWE sealed by the jose library opens", "[common][jose]") {
  auto jwe = parse_compact_jwe(kJoseJwe);
  REQUIRE(jwe.ok());
  CHECK(
      text_of(jwe.value().protected_json_bytes).rfind(R"({"alg":"ECDH-ES","enc":"A256GCM","kid":"tender-key-1",)", 0) ==
      0);
  const P256PublicKey epk{array_from_base64url<32>(kJoseEpkX), array_from_base64url<32>(kJoseEpkY)};
  CHECK(open_jwe_ecdh_es_a256gcm(jwe.value(), bob_private(), epk).value() == R"({"v":1,"price_fen":88000000})");

  auto with_parties = parse_compact_jwe(kJoseJweApuApv);
  REQUIRE(with_parties.ok());
  const P256PublicKey epk2{array_from_base64url<32>(kJoseApuApvEpkX), array_from_base64url<32>(kJoseApuApvEpkY)};
  CHECK(open_jwe_ecdh_es_a256gcm(with_parties.value(), bob_private(), epk2, "Alice", "Bob").value() ==
        "with apu and apv");
  CHECK(code_of(open_jwe_ecdh_es_a256gcm(with_parties.value(), bob_private(), epk2)) == ErrorCode::decryption_failed);
}

TEST_CASE("seal writes the documented header and opens again", "[common][jose]") {
  const auto recipient = generate_p256_key_pair();
  SeededRandom random(7);
  const std::string compact = seal_jwe_ecdh_es_a256gcm(recipient.public_key, bid_header(), "the bid", random);

  // The same seed gives the same ephemeral key, then the IV.
  SeededRandom replay(7);
  const auto ephemeral = generate_p256_key_pair(replay);
  GcmIv iv{};
  replay.fill(iv.data(), iv.size());

  auto jwe = parse_compact_jwe(compact);
  REQUIRE(jwe.ok());
  CHECK(text_of(jwe.value().protected_json_bytes) ==
        R"({"alg":"ECDH-ES","enc":"A256GCM","epk":)" + p256_public_jwk(ephemeral.public_key) +
            R"(,"kid":"tender-key-1","gp_tender":"T-2026-000123","gp_bidder":"E-000042",)"
            R"("cty":"application/vnd.gongping.bid+json;v=1"})");
  CHECK(jwe.value().encrypted_key.empty());
  CHECK(jwe.value().iv == Bytes(iv.begin(), iv.end()));
  CHECK(jwe.value().ciphertext.size() == 7);
  CHECK(open_jwe_ecdh_es_a256gcm(jwe.value(), recipient.private_key, ephemeral.public_key).value() == "the bid");

  SeededRandom other(8);
  CHECK(seal_jwe_ecdh_es_a256gcm(recipient.public_key, bid_header(), "the bid", other) != compact);
}

TEST_CASE("opening refuses a changed JWE, a wrong key and a bad epk", "[common][jose]") {
  const auto recipient = generate_p256_key_pair();
  SeededRandom random(11);
  const std::string compact = seal_jwe_ecdh_es_a256gcm(recipient.public_key, bid_header(), "price 88000000", random);
  SeededRandom replay(11);
  const auto epk = generate_p256_key_pair(replay).public_key;
  const auto jwe = parse_compact_jwe(compact).value();
  REQUIRE(open_jwe_ecdh_es_a256gcm(jwe, recipient.private_key, epk).ok());

  SECTION("header changed (gp_bidder rewritten), still valid base64url") {
    std::string header = text_of(jwe.protected_json_bytes);
    const auto at = header.find("E-000042");
    REQUIRE(at != std::string::npos);
    header.replace(at, 8, "E-000043");
    std::string changed = compact;
    changed.replace(0, jwe.protected_b64.size(), b64(header));
    const auto reparsed = parse_compact_jwe(changed);
    REQUIRE(reparsed.ok());
    CHECK(code_of(open_jwe_ecdh_es_a256gcm(reparsed.value(), recipient.private_key, epk)) ==
          ErrorCode::decryption_failed);
  }
  SECTION("ciphertext changed") {
    auto changed = jwe;
    changed.ciphertext[3] ^= 0x20;
    CHECK(code_of(open_jwe_ecdh_es_a256gcm(changed, recipient.private_key, epk)) == ErrorCode::decryption_failed);
  }
  SECTION("tag changed") {
    auto changed = jwe;
    changed.tag[0] ^= 0x01;
    CHECK(code_of(open_jwe_ecdh_es_a256gcm(changed, recipient.private_key, epk)) == ErrorCode::decryption_failed);
  }
  SECTION("IV changed") {
    auto changed = jwe;
    changed.iv[5] ^= 0x01;
    CHECK(code_of(open_jwe_ecdh_es_a256gcm(changed, recipient.private_key, epk)) == ErrorCode::decryption_failed);
  }
  SECTION("another recipient") {
    const auto stranger = generate_p256_key_pair();
    CHECK(code_of(open_jwe_ecdh_es_a256gcm(jwe, stranger.private_key, epk)) == ErrorCode::decryption_failed);
  }
  SECTION("apu or apv that the sender did not use") {
    CHECK(code_of(open_jwe_ecdh_es_a256gcm(jwe, recipient.private_key, epk, "Alice")) == ErrorCode::decryption_failed);
  }
  SECTION("another epk") {
    CHECK(code_of(open_jwe_ecdh_es_a256gcm(jwe, recipient.private_key, recipient.public_key)) ==
          ErrorCode::decryption_failed);
  }
  SECTION("epk off the curve") {
    auto bad = epk;
    bad.x[0] ^= 0x01;
    const auto refused = open_jwe_ecdh_es_a256gcm(jwe, recipient.private_key, bad);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::key_invalid);
    CHECK(refused.error().detail.find("epk") != std::string::npos);
  }
  SECTION("recipient scalar of zero") {
    CHECK(code_of(open_jwe_ecdh_es_a256gcm(jwe, P256PrivateKey{}, epk)) == ErrorCode::key_invalid);
  }
}

TEST_CASE("seal refuses header members the algorithm owns and an invalid recipient", "[common][jose]") {
  const auto recipient = generate_p256_key_pair();
  SeededRandom random(3);
  for (const char* name : {"alg", "enc", "epk", "apu", "apv", "zip", "crit"}) {
    CHECK_THROWS_AS(seal_jwe_ecdh_es_a256gcm(recipient.public_key, {{name, "x"}}, "bid", random),
                    std::invalid_argument);
  }
  CHECK_THROWS_AS(seal_jwe_ecdh_es_a256gcm(recipient.public_key, {{"kid", "a"}, {"kid", "b"}}, "bid", random),
                  std::invalid_argument);
  CHECK_THROWS_AS(seal_jwe_ecdh_es_a256gcm(P256PublicKey{}, {}, "bid", random), std::invalid_argument);
}

TEST_CASE("parse_compact_jwe says which part is wrong", "[common][jose]") {
  const std::string header = b64(R"({"alg":"ECDH-ES"})");
  const std::string iv = b64("twelve bytes");
  const std::string tag = b64("sixteen bytes!!!");
  const std::string good = header + ".." + iv + ".Y2lwaGVy." + tag;
  REQUIRE(parse_compact_jwe(good).ok());
  CHECK(text_of(parse_compact_jwe(good).value().ciphertext) == "cipher");

  const auto detail_of = [](std::string_view text) {
    const auto parsed = parse_compact_jwe(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == ErrorCode::envelope_invalid);
    return parsed.error().detail;
  };
  CHECK_THAT(detail_of(header + ".." + iv + ".Y2lwaGVy"), Catch::Contains("5 parts") && Catch::Contains("has 4"));
  CHECK_THAT(detail_of(good + ".x"), Catch::Contains("has 6"));
  CHECK_THAT(detail_of(""), Catch::Contains("has 1"));
  CHECK_THAT(detail_of("e30=.." + iv + ".Y2lwaGVy." + tag), Catch::Contains("protected header (part 1)"));
  CHECK_THAT(detail_of("...."), Catch::Contains("protected header (part 1) is empty"));
  CHECK_THAT(detail_of(header + ".a2V5." + iv + ".Y2lwaGVy." + tag), Catch::Contains("encrypted key (part 2)"));
  CHECK_THAT(detail_of(header + ".." + b64("eleven byte") + ".Y2lwaGVy." + tag),
             Catch::Contains("initialization vector (part 3)") && Catch::Contains("it is 11"));
  CHECK_THAT(detail_of(header + ".." + iv + ".Y2lw*GVy." + tag), Catch::Contains("ciphertext (part 4)"));
  CHECK_THAT(detail_of(header + ".." + iv + ".Y2lwaGVy." + b64("fifteen bytes!!")),
             Catch::Contains("authentication tag (part 5)") && Catch::Contains("it is 15"));
  CHECK_THAT(detail_of(std::string(kMaxCompactJweSize + 1, 'A')), Catch::Contains("at most 8388608"));
}

TEST_CASE("JWS with EdDSA: the RFC 8037 example verifies", "[common][jose]") {
  const auto public_key = array_from_base64url<32>(kEdPublic);
  const auto verified = verify_jws_eddsa(kRfc8037Jws, public_key);
  REQUIRE(verified.ok());
  CHECK(verified.value().header_json == R"({"alg":"EdDSA"})");
  CHECK(verified.value().payload == "Example of Ed25519 signing");
}

TEST_CASE("sign_jws_eddsa writes alg and kid and verifies", "[common][jose]") {
  const auto key = ed25519_from_seed(array_from_base64url<32>(kEdSeed));
  const std::string payload = R"({"typ":"bid-receipt","bid_id":"B-000777"})";
  const std::string jws = sign_jws_eddsa(Ed25519Signer(key), "sig-1", payload);
  CHECK(jws.rfind(b64(R"({"alg":"EdDSA","kid":"sig-1"})") + "." + b64(payload) + ".", 0) == 0);
  const auto verified = verify_jws_eddsa(jws, key.public_key);
  REQUIRE(verified.ok());
  CHECK(verified.value().header_json == R"({"alg":"EdDSA","kid":"sig-1"})");
  CHECK(verified.value().payload == payload);
}

TEST_CASE("verify_jws_eddsa refuses changed or malformed receipts", "[common][jose]") {
  const auto public_key = array_from_base64url<32>(kEdPublic);
  const auto refused = [&](std::string_view jws) {
    const auto result = verify_jws_eddsa(jws, public_key);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::signature_invalid);
    return result.error().detail;
  };
  const std::string jws(kRfc8037Jws);
  const auto first_dot = jws.find('.');
  const auto last_dot = jws.rfind('.');

  std::string changed_payload = jws;
  changed_payload.replace(first_dot + 1, last_dot - first_dot - 1, b64("Example of Ed25519 signinG"));
  CHECK_THAT(refused(changed_payload), Catch::Contains("does not verify"));

  std::string changed_header = jws;
  changed_header.replace(0, first_dot, b64(R"({"alg":"EdDSA","kid":"x"})"));
  CHECK_THAT(refused(changed_header), Catch::Contains("does not verify"));

  CHECK_THAT(refused(jws.substr(0, last_dot)), Catch::Contains("this one has 2"));
  CHECK_THAT(refused(jws + ".e30"), Catch::Contains("this one has 4"));
  CHECK_THAT(refused(jws.substr(0, jws.size() - 4)), Catch::Contains("signature (part 3)"));
  CHECK_THAT(refused("." + jws.substr(first_dot + 1)), Catch::Contains("protected header (part 1)"));
  CHECK_THAT(refused(jws.substr(0, first_dot) + ".*" + jws.substr(last_dot)), Catch::Contains("payload (part 2)"));

  const auto stranger = generate_ed25519();
  const auto wrong_key = verify_jws_eddsa(jws, stranger.public_key);
  REQUIRE_FALSE(wrong_key.ok());
  CHECK(wrong_key.error().code == ErrorCode::signature_invalid);
}
