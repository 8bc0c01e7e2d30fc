#include "gongping/audit/checkpoint.hpp"

#include <catch2/catch.hpp>

using namespace gp::audit;

TEST_CASE("a checkpoint is a C2SP signed note that opens with the signer's key only", "[audit][checkpoint]") {
  const auto key = gp::common::generate_ed25519();
  const gp::common::Ed25519Signer signer(key);
  Checkpoint c{"gongping.example/audit", 1234, leaf_hash("x"),
               *gp::common::Instant::parse_rfc3339("2026-11-27T02:00:00Z")};
  const auto note = sign_checkpoint(c, "gongping.example/audit", signer);
  const std::string body = checkpoint_body(c);
  CHECK(note.rfind(body + "\n\xE2\x80\x94 gongping.example/audit ", 0) == 0);
  CHECK(body.find("\n1234\n") != std::string::npos);
  CHECK(body.find("\ntime 2026-11-27T02:00:00") != std::string::npos);

  const auto opened = open_checkpoint(note, "gongping.example/audit", signer.public_key());
  REQUIRE(opened);
  CHECK(opened->tree_size == 1234);
  CHECK(opened->root == c.root);
  CHECK(opened->origin == c.origin);

  const auto other = gp::common::generate_ed25519();
  const gp::common::Ed25519Signer other_signer(other);
  CHECK_FALSE(open_checkpoint(note, "gongping.example/audit", other_signer.public_key()));
  CHECK_FALSE(open_checkpoint(note, "another name", signer.public_key()));
  std::string forged = note;
  forged.replace(forged.find("1234"), 4, "1235");
  CHECK_FALSE(open_checkpoint(forged, "gongping.example/audit", signer.public_key()));
  CHECK_FALSE(open_checkpoint("not a note", "gongping.example/audit", signer.public_key()));
}

TEST_CASE("the note key ID follows the C2SP signed-note rule", "[audit][checkpoint]") {
  // The verifier key of golang.org/x/mod/sumdb/note's documentation:
  // PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW (0x01 || public key, base64).
  const auto encoded = *gp::common::base64_decode("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  REQUIRE(encoded.size() == 33);
  gp::common::Ed25519PublicKey key{};
  std::copy(encoded.begin() + 1, encoded.end(), key.begin());
  CHECK(gp::common::to_hex(note_key_id("PeterNeumann", key)) == "c74f20a3");
}
