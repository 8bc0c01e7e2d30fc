#include "gongping/server/audit_log/audit_tree.hpp"

#include "gongping/common/crypto.hpp"

namespace gp::server::audit_log {
namespace {

constexpr long long kBatch = 50'000;

}  // namespace

std::uint64_t AuditTree::sync(soci::session& sql) {
  std::lock_guard syncing(sync_mutex_);
  for (;;) {
    const long long from = static_cast<long long>(size());
    std::vector<std::string> hashes(static_cast<std::size_t>(kBatch));
    const long long batch = kBatch;
    // Bulk fetch: one round trip per batch of leaf hashes, in index order.
    soci::statement st = (sql.prepare << "SELECT encode(leaf_hash, 'hex') FROM audit_log WHERE idx >= :f "
                                         "ORDER BY idx LIMIT :n",
                          soci::use(from), soci::use(batch), soci::into(hashes));
    st.execute(true);
    std::vector<audit::Hash> leaves;
    leaves.reserve(hashes.size());
    for (const auto& hex : hashes) {
      const auto bytes = common::from_hex(hex);
      audit::Hash h{};
      if (bytes && bytes->size() == h.size()) std::copy(bytes->begin(), bytes->end(), h.begin());
      leaves.push_back(h);
    }
    {
      std::unique_lock lock(mutex_);
      for (const auto& leaf : leaves) log_.append(leaf);
    }
    if (static_cast<long long>(leaves.size()) < kBatch) return size();
  }
}

std::uint64_t AuditTree::size() const {
  std::shared_lock lock(mutex_);
  return log_.size();
}

std::optional<audit::Hash> AuditTree::root(std::uint64_t tree_size) const {
  std::shared_lock lock(mutex_);
  return log_.root(tree_size);
}

std::optional<std::vector<audit::Hash>> AuditTree::inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const {
  std::shared_lock lock(mutex_);
  return log_.inclusion_proof(index, tree_size);
}

std::optional<std::vector<audit::Hash>> AuditTree::consistency_proof(std::uint64_t first, std::uint64_t second) const {
  std::shared_lock lock(mutex_);
  return log_.consistency_proof(first, second);
}

}  // namespace gp::server::audit_log
