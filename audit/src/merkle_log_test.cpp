#include "gongping/audit/merkle_log.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <span>
#include <string>
#include <vector>

using namespace gp::audit;

namespace {

std::vector<Hash> leaves_of(std::size_t n) {
  std::vector<Hash> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(leaf_hash("entry " + std::to_string(i)));
  return out;
}

// RFC 6962 2.1.1 and 2.1.2 written straight from the definitions, over tree_root of sub-spans.
void reference_path(std::size_t m, std::span<const Hash> d, std::vector<Hash>& out) {
  if (d.size() <= 1) return;
  const std::size_t k = std::bit_floor(d.size() - 1);
  if (m < k) {
    reference_path(m, d.first(k), out);
    out.push_back(tree_root(d.subspan(k)));
  } else {
    reference_path(m - k, d.subspan(k), out);
    out.push_back(tree_root(d.first(k)));
  }
}

void reference_subproof(std::size_t m, std::span<const Hash> d, bool whole, std::vector<Hash>& out) {
  if (m == d.size()) {
    if (!whole) out.push_back(tree_root(d));
    return;
  }
  const std::size_t k = std::bit_floor(d.size() - 1);
  if (m <= k) {
    reference_subproof(m, d.first(k), whole, out);
    out.push_back(tree_root(d.subspan(k)));
  } else {
    reference_subproof(m - k, d.subspan(k), false, out);
    out.push_back(tree_root(d.first(k)));
  }
}

}  // namespace

TEST_CASE("roots and proofs match the RFC 6962 definitions for every small tree", "[audit][merkle]") {
  const auto leaves = leaves_of(70);
  MerkleLog log;
  for (const auto& l : leaves) log.append(l);
  REQUIRE(log.size() == 70);
  for (std::size_t n = 1; n <= leaves.size(); ++n) {
    const std::span<const Hash> d(leaves.data(), n);
    const auto root = tree_root(d);
    REQUIRE(log.root(n) == root);
    for (std::size_t m = 0; m < n; ++m) {
      std::vector<Hash> expected;
      reference_path(m, d, expected);
      const auto proof = log.inclusion_proof(m, n);
      REQUIRE(proof);
      CHECK(*proof == expected);
      CHECK(verify_inclusion(m, n, leaves[m], *proof, root));
    }
    for (std::size_t m = 1; m <= n; ++m) {
      std::vector<Hash> expected;
      if (m < n) reference_subproof(m, d, true, expected);
      const auto proof = log.consistency_proof(m, n);
      REQUIRE(proof);
      CHECK(*proof == expected);
      CHECK(verify_consistency(m, n, tree_root(d.first(m)), root, *proof));
    }
  }
  CHECK(log.root(0) == tree_root({}));
  CHECK_FALSE(log.root(71));
  CHECK_FALSE(log.inclusion_proof(70, 70));
  CHECK_FALSE(log.consistency_proof(0, 5));
  CHECK_FALSE(log.consistency_proof(6, 5));
}

TEST_CASE("a proof does not verify for another leaf, index, size or root", "[audit][merkle]") {
  const auto leaves = leaves_of(13);
  MerkleLog log;
  for (const auto& l : leaves) log.append(l);
  const auto root = *log.root(13);
  const auto proof = *log.inclusion_proof(5, 13);
  CHECK(verify_inclusion(5, 13, leaves[5], proof, root));
  CHECK_FALSE(verify_inclusion(5, 13, leaves[6], proof, root));
  CHECK_FALSE(verify_inclusion(4, 13, leaves[5], proof, root));
  CHECK_FALSE(verify_inclusion(5, 7, leaves[5], proof, root));  // (the size is bound by the signed checkpoint)
  CHECK_FALSE(verify_inclusion(5, 13, leaves[5], proof, *log.root(12)));
  auto shorter = proof;
  shorter.pop_back();
  CHECK_FALSE(verify_inclusion(5, 13, leaves[5], shorter, root));

  const auto consistency = *log.consistency_proof(6, 13);
  CHECK(verify_consistency(6, 13, *log.root(6), root, consistency));
  CHECK_FALSE(verify_consistency(6, 13, *log.root(7), root, consistency));
  CHECK_FALSE(verify_consistency(7, 13, *log.root(6), root, consistency));
  MerkleLog forked;
  for (std::size_t i = 0; i < 13; ++i) forked.append(i == 3 ? leaf_hash("rewritten") : leaves[i]);
  CHECK_FALSE(verify_consistency(6, 13, *forked.root(6), root, consistency));
}
