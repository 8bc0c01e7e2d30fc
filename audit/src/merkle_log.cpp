#include "gongping/audit/merkle_log.hpp"

#include <bit>

namespace gp::audit {
namespace {

// The largest power of two smaller than n (n >= 2).
std::uint64_t split_point(std::uint64_t n) { return std::bit_floor(n - 1); }

}  // namespace

void MerkleLog::append(const Hash& leaf) {
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].push_back(leaf);
  // Each level gains a node whenever the level below completes a pair.
  for (std::size_t k = 0; levels_[k].size() % 2 == 0; ++k) {
    if (k + 1 == levels_.size()) levels_.emplace_back();
    const auto& below = levels_[k];
    levels_[k + 1].push_back(node_hash(below[below.size() - 2], below[below.size() - 1]));
  }
}

Hash MerkleLog::subtree(std::uint64_t begin, std::uint64_t end) const {
  const std::uint64_t n = end - begin;
  if (std::has_single_bit(n) && begin % n == 0) {
    const auto level = static_cast<std::size_t>(std::countr_zero(n));
    return levels_[level][begin / n];
  }
  const std::uint64_t k = split_point(n);
  return node_hash(subtree(begin, begin + k), subtree(begin + k, end));
}

std::optional<Hash> MerkleLog::root(std::uint64_t tree_size) const {
  if (tree_size > size()) return std::nullopt;
  if (tree_size == 0) return common::sha256("");
  return subtree(0, tree_size);
}

void MerkleLog::path(std::uint64_t index, std::uint64_t begin, std::uint64_t end, std::vector<Hash>& out) const {
  const std::uint64_t n = end - begin;
  if (n == 1) return;
  const std::uint64_t k = split_point(n);
  if (index < begin + k) {
    path(index, begin, begin + k, out);
    out.push_back(subtree(begin + k, end));
  } else {
    path(index, begin + k, end, out);
    out.push_back(subtree(begin, begin + k));
  }
}

std::optional<std::vector<Hash>> MerkleLog::inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const {
  if (index >= tree_size || tree_size > size()) return std::nullopt;
  std::vector<Hash> out;
  path(index, 0, tree_size, out);
  return out;
}

void MerkleLog::subproof(std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool whole,
                         std::vector<Hash>& out) const {
  const std::uint64_t n = end - begin;
  if (m == n) {
    if (!whole) out.push_back(subtree(begin, end));
    return;
  }
  const std::uint64_t k = split_point(n);
  if (m <= k) {
    subproof(m, begin, begin + k, whole, out);
    out.push_back(subtree(begin + k, end));
  } else {
    subproof(m - k, begin + k, end, false, out);
    out.push_back(subtree(begin, begin + k));
  }
}

std::optional<std::vector<Hash>> MerkleLog::consistency_proof(std::uint64_t first, std::uint64_t second) const {
  if (first == 0 || first > second || second > size()) return std::nullopt;
  std::vector<Hash> out;
  if (first < second) subproof(first, 0, second, true, out);
  return out;
}

bool verify_inclusion(std::uint64_t index, std::uint64_t tree_size, const Hash& leaf, const std::vector<Hash>& proof,
                      const Hash& root) {
  if (index >= tree_size) return false;
  std::uint64_t fn = index, sn = tree_size - 1;
  Hash r = leaf;
  for (const auto& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      r = node_hash(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(std::uint64_t first, std::uint64_t second, const Hash& first_root, const Hash& second_root,
                        const std::vector<Hash>& proof) {
  if (first == 0 || first > second) return false;
  if (first == second) return proof.empty() && first_root == second_root;
  if (proof.empty()) return false;
  // When first is a power of two, the first tree's root starts the path.
  std::vector<Hash> path;
  if (std::has_single_bit(first)) path.push_back(first_root);
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = first - 1, sn = second - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (sn == 0) return false;
    const auto& c = path[i];
    if ((fn & 1) == 1 || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && fr == first_root && sr == second_root;
}

}  // namespace gp::audit
