#pragma once
// Audit log checkpoints (specs/audit-log.md, "Checkpoints"): C2SP tlog-checkpoint bodies in C2SP
// signed notes, signed with an Ed25519 platform key.
//
//   <origin>\n<tree size>\n<base64 root>\ntime <RFC 3339 UTC>\n
//   \n
//   — <key name> <base64(key ID || signature)>\n
//
// key ID = SHA-256(key name || 0x0A || 0x01 || public key)[:4]; the signature covers the body (the
// text before the blank line, with its final newline). Pure.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gongping/audit/merkle_tree.hpp"
#include "gongping/common/ed25519.hpp"
#include "gongping/common/instant.hpp"

namespace gp::audit {

struct Checkpoint {
  std::string origin;
  std::uint64_t tree_size = 0;
  Hash root{};
  common::Instant time;
};

std::string checkpoint_body(const Checkpoint& checkpoint);

// The 4-byte key ID of a note signer.
std::array<std::uint8_t, 4> note_key_id(std::string_view key_name, const common::Ed25519PublicKey& public_key);

// The signed note of `checkpoint`.
std::string sign_checkpoint(const Checkpoint& checkpoint, std::string_view key_name,
                            const common::Ed25519Signer& signer);

// The checkpoint a signed note holds, when it parses and carries a valid signature by `key_name` with
// `public_key`; nullopt otherwise.
std::optional<Checkpoint> open_checkpoint(std::string_view note, std::string_view key_name,
                                          const common::Ed25519PublicKey& public_key);

}  // namespace gp::audit
