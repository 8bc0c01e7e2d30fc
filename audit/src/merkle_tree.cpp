#include "gongping/audit/merkle_tree.hpp"

#include <array>
#include <bit>

namespace gp::audit {

Hash leaf_hash(std::string_view entry_bytes) {
  std::string buffer;
  buffer.reserve(entry_bytes.size() + 1);
  buffer.push_back('\0');
  buffer.append(entry_bytes);
  return common::sha256(buffer);
}

Hash node_hash(const Hash& left, const Hash& right) {
  std::array<std::uint8_t, 65> buffer{};
  buffer[0] = 0x01;
  std::copy(left.begin(), left.end(), buffer.begin() + 1);
  std::copy(right.begin(), right.end(), buffer.begin() + 33);
  return common::sha256(buffer.data(), buffer.size());
}

Hash tree_root(std::span<const Hash> leaves) {
  if (leaves.empty()) return common::sha256("");
  if (leaves.size() == 1) return leaves[0];
  // k = the largest power of two smaller than n.
  const std::size_t k = std::bit_floor(leaves.size() - 1);
  return node_hash(tree_root(leaves.first(k)), tree_root(leaves.subspan(k)));
}

}  // namespace gp::audit
