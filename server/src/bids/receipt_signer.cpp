#include "gongping/server/bids/receipt_signer.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "gongping/common/crypto.hpp"
#include "gongping/common/jose.hpp"
#include "gongping/server/jose/jose_json.hpp"
#include "gongping/server/jose/private_file.hpp"

namespace gp::server::bids {
namespace {

// "gp-sig-" and the first 8 bytes of the public key's SHA-256, in hex: stable for the key's life.
std::string kid_of(const common::Ed25519KeyPair& pair) {
  const auto digest = common::sha256(pair.public_key.data(), pair.public_key.size());
  return "gp-sig-" + common::to_hex(digest.data(), 8);
}

}  // namespace

ReceiptSigner::ReceiptSigner(const common::Ed25519KeyPair& pair) : signer_(pair), kid_(kid_of(pair)) {
  jwks_ = "{\"keys\":[" + common::ed25519_public_jwk(pair.public_key, kid_) + "]}";
}

ReceiptSigner ReceiptSigner::load_or_create(const std::string& path) {
  namespace fs = std::filesystem;
  if (!fs::exists(path)) {
    // Written to a private temporary file, then linked into place only if no other process got
    // there first (a hard link never replaces), so that servers starting together share one key.
    const auto pair = common::generate_ed25519();
    const fs::path file(path);
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    const auto tmp = path + ".tmp." + std::to_string(::getpid());
    jose::write_private_file(tmp, jose::ed25519_private_jwk(pair, kid_of(pair)) + "\n");
    std::error_code linked;
    fs::create_hard_link(tmp, path, linked);  // fails harmlessly when another process won
    fs::remove(tmp);
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) throw std::runtime_error("cannot read the signing key file " + path);
  auto parsed = jose::parse_ed25519_private_jwk(text.str());
  if (!parsed) throw std::runtime_error("the signing key file " + path + " is not valid: " + parsed.error().detail);
  return ReceiptSigner(std::move(parsed).value().pair);
}

std::string ReceiptSigner::sign(std::string_view payload) const {
  return common::sign_jws_eddsa(signer_, kid_, payload);
}

}  // namespace gp::server::bids
