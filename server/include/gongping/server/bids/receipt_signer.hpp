#pragma once
// ReceiptSigner: the platform's Ed25519 signing key (specs/sealed-bid.md "Platform signing keys").
// Signs bid receipts as compact JWS (EdDSA) and publishes the public key as a JWK set.
//
// The key lives in a JWK file readable by the server's user only (mode 0600); load_or_create()
// makes one when the file does not exist yet. Every server instance of a deployment must be given
// the same file. The private key is never logged and never leaves this object. Thread-safe after
// construction (read-only).

#include <string>
#include <string_view>

#include "gongping/common/ed25519.hpp"

namespace gp::server::bids {

class ReceiptSigner {
 public:
  // Throws std::runtime_error naming the file when it cannot be read, parsed or created.
  static ReceiptSigner load_or_create(const std::string& path);
  explicit ReceiptSigner(const common::Ed25519KeyPair& pair);

  std::string sign(std::string_view payload) const;
  const std::string& kid() const { return kid_; }
  // The same key signs audit checkpoints (audit_log/audit_service.hpp); the signer never shows it.
  const common::Ed25519Signer& ed25519() const { return signer_; }
  // {"keys":[<public JWK>]} for GET /.well-known/jwks.json.
  const std::string& jwks() const { return jwks_; }

 private:
  common::Ed25519Signer signer_;
  std::string kid_;
  std::string jwks_;
};

}  // namespace gp::server::bids
