#pragma once
// RFC 6962 (section 2.1) Merkle tree hashing, as specs/audit-log.md requires.
//   leaf hash = SHA-256(0x00 || entry bytes)
//   node hash = SHA-256(0x01 || left || right)
//   MTH of n > 1 leaves splits at k, the largest power of two smaller than n.
// Pure functions, thread-safe.

#include <span>
#include <string_view>

#include "gongping/common/crypto.hpp"

namespace gp::audit {

using Hash = common::Sha256Digest;

Hash leaf_hash(std::string_view entry_bytes);
Hash node_hash(const Hash& left, const Hash& right);

// The tree head of the given leaf hashes, in order. The empty tree's root is SHA-256("").
Hash tree_root(std::span<const Hash> leaves);

}  // namespace gp::audit
