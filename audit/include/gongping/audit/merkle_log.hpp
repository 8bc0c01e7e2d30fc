#pragma once
// MerkleLog: the audit log's leaf hashes in memory, with every complete subtree's hash kept as the log
// grows, so that roots, inclusion proofs (audit paths) and consistency proofs for any tree size come
// from O(log² n) hashing at most, whatever n is (RFC 6962 section 2.1; RFC 9162 sections 2.1.3 and
// 2.1.4 for the proofs' exact shape).
//
// Memory: about 64 bytes per entry (the leaves and the levels above them), 64 MiB for a million.
// Not thread-safe: the caller serializes appends against reads.

#include <cstdint>
#include <optional>
#include <vector>

#include "gongping/audit/merkle_tree.hpp"

namespace gp::audit {

class MerkleLog {
 public:
  void append(const Hash& leaf);
  std::uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }

  // MTH of the first `tree_size` leaves; nullopt beyond size().
  std::optional<Hash> root(std::uint64_t tree_size) const;
  // The audit path of leaf `index` in the tree of the first `tree_size` leaves (RFC 6962 PATH);
  // nullopt unless index < tree_size <= size().
  std::optional<std::vector<Hash>> inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const;
  // The consistency proof between the trees of `first` and `second` leaves (RFC 6962 PROOF);
  // nullopt unless 0 < first <= second <= size(). Empty when first == second.
  std::optional<std::vector<Hash>> consistency_proof(std::uint64_t first, std::uint64_t second) const;

 private:
  // MTH of leaves [begin, end), begin < end <= size().
  Hash subtree(std::uint64_t begin, std::uint64_t end) const;
  void path(std::uint64_t index, std::uint64_t begin, std::uint64_t end, std::vector<Hash>& out) const;
  void subproof(std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool whole, std::vector<Hash>& out) const;

  // levels_[k][i]: the hash of the complete subtree of leaves [i * 2^k, (i + 1) * 2^k).
  std::vector<std::vector<Hash>> levels_;
};

// RFC 9162 2.1.3.2: whether `proof` proves leaf `leaf` at `index` in the tree of `tree_size` with `root`.
bool verify_inclusion(std::uint64_t index, std::uint64_t tree_size, const Hash& leaf, const std::vector<Hash>& proof,
                      const Hash& root);
// RFC 9162 2.1.4.2: whether `proof` proves the tree of `first` leaves with `first_root` is a prefix
// of the tree of `second` leaves with `second_root`.
bool verify_consistency(std::uint64_t first, std::uint64_t second, const Hash& first_root, const Hash& second_root,
                        const std::vector<Hash>& proof);

}  // namespace gp::audit
