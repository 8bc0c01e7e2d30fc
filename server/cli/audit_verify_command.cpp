// gongping audit verify
// Reads the whole audit log from the database, recomputes every leaf hash and the tree, and checks
// it against every stored checkpoint (specs/audit-log.md). It prints the first problem and exits 1,
// or prints the verified size and root and exits 0:
// - an entry that no longer hashes to its stored leaf hash was changed (at that index);
// - an entry whose own "index" differs from its place was deleted or moved (rows reordered);
// - a checkpoint whose signature does not verify with the platform key, or whose root differs from
//   the log's tree of that size: something between the previous good checkpoint and it was changed,
//   even if its stored leaf hash was changed with it;
// - a log shorter than a checkpoint lost its tail.
// The platform key is read from platform.signing_key_file; the log's name from audit.origin.
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <future>
#include <map>

#include "cli_options.hpp"
#include "commands.hpp"
#include "database_access.hpp"
#include "gongping/audit/checkpoint.hpp"
#include "gongping/audit/merkle_log.hpp"
#include "gongping/common/crypto.hpp"
#include "gongping/server/audit_log/audit_service.hpp"
#include "gongping/server/bids/receipt_signer.hpp"

namespace gp::cli {
namespace {

constexpr long long kBatch = 20'000;

// The number after {"index": at the start of an entry, or -1.
long long stated_index(const std::string& entry) {
  constexpr std::string_view kPrefix = "{\"index\":";
  if (entry.compare(0, kPrefix.size(), kPrefix) != 0) return -1;
  long long n = -1;
  std::from_chars(entry.data() + kPrefix.size(), entry.data() + entry.size(), n);
  return n;
}

struct Batch {
  std::vector<long long> indices;
  std::vector<std::string> entries;
  std::vector<std::string> leaves;  // stored leaf hashes, hex
};

std::vector<audit::Hash> hash_entries(const Batch& batch) {
  std::vector<audit::Hash> hashes;
  hashes.reserve(batch.entries.size());
  for (const auto& entry : batch.entries) hashes.push_back(audit::leaf_hash(entry));
  return hashes;
}

int report(const std::string& problem) {
  std::printf("FAILED: %s\n", problem.c_str());
  return 1;
}

}  // namespace

int audit_command(int argc, char** argv) {
  constexpr const char* kUsage = "usage: gongping audit verify\n";
  if (argc < 3 || std::string(argv[2]) != "verify") {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const auto setup = set_up_command(argc, argv, 3, {});
  if (!setup) return 2;
  const auto& settings = setup->settings;
  if (!std::filesystem::exists(settings.signing_key_file)) {
    std::fprintf(stderr, "gongping: no platform key at %s (platform.signing_key_file)\n",
                 settings.signing_key_file.c_str());
    return 1;
  }
  const auto key = server::bids::ReceiptSigner::load_or_create(settings.signing_key_file);
  const auto& public_key = key.ed25519().public_key();
  const auto origin = server::audit_log::audit_origin(settings.audit_origin, settings.public_origin);

  return with_database(settings, [&](server::db::Database& database) -> int {
    auto outcome = database.run<int>([&](soci::session& sql) -> common::Result<int> {
      std::map<long long, std::string> checkpoints;  // tree size -> signed note
      soci::rowset<soci::row> notes = (sql.prepare << "SELECT tree_size, note FROM audit_checkpoints");
      for (const auto& r : notes) checkpoints.emplace(r.get<long long>(0), r.get<std::string>(1));
      auto next_checkpoint = checkpoints.begin();
      long long last_good = 0;
      // Checks every checkpoint of the size the tree has reached.
      audit::MerkleLog log;
      const auto check_checkpoints = [&]() -> std::optional<std::string> {
        while (next_checkpoint != checkpoints.end() && next_checkpoint->first <= static_cast<long long>(log.size())) {
          const auto [size, note] = *next_checkpoint;
          const auto opened = audit::open_checkpoint(note, origin, public_key);
          if (!opened || opened->tree_size != static_cast<std::uint64_t>(size)) {
            return "the checkpoint of tree size " + std::to_string(size) + " is not signed by the platform key for " +
                   origin;
          }
          if (opened->root != *log.root(static_cast<std::uint64_t>(size))) {
            return "the log's first " + std::to_string(size) +
                   " entries do not match their checkpoint: an entry from " + std::to_string(last_good) + " to " +
                   std::to_string(size - 1) + " was changed";
          }
          last_good = size;
          ++next_checkpoint;
        }
        return std::nullopt;
      };
      if (auto problem = check_checkpoints()) return report(*problem);  // a checkpoint of the empty log

      // Rows are read batch by batch while a second thread hashes the batch before.
      const auto fetch = [&](long long from) {
        Batch b;
        b.indices.resize(static_cast<std::size_t>(kBatch));
        b.entries.resize(static_cast<std::size_t>(kBatch));
        b.leaves.resize(static_cast<std::size_t>(kBatch));
        const long long batch = kBatch;
        soci::statement st =
            (sql.prepare << "SELECT idx, entry, encode(leaf_hash, 'hex') FROM audit_log "
                            "WHERE idx >= :f ORDER BY idx LIMIT :n",
             soci::use(from), soci::use(batch), soci::into(b.indices), soci::into(b.entries), soci::into(b.leaves));
        if (!st.execute(true)) b = Batch{};
        return b;
      };
      Batch current = fetch(0);
      while (!current.indices.empty()) {
        auto hashing = std::async(std::launch::async, &hash_entries, std::cref(current));
        Batch next =
            static_cast<long long>(current.indices.size()) == kBatch ? fetch(current.indices.back() + 1) : Batch{};
        const auto hashes = hashing.get();
        for (std::size_t i = 0; i < current.indices.size(); ++i) {
          const long long expected = static_cast<long long>(log.size());
          if (current.indices[i] != expected) {
            return report("entry " + std::to_string(expected) + " is missing: the next stored index is " +
                          std::to_string(current.indices[i]));
          }
          if (common::to_hex(hashes[i]) != current.leaves[i]) {
            return report("entry " + std::to_string(expected) +
                          " does not hash to its stored leaf hash: it was changed");
          }
          if (stated_index(current.entries[i]) != expected) {
            return report("entry " + std::to_string(expected) + " says it is entry " +
                          std::to_string(stated_index(current.entries[i])) + ": entries were deleted or reordered");
          }
          log.append(hashes[i]);
          if (auto problem = check_checkpoints()) return report(*problem);
        }
        current = std::move(next);
      }
      if (next_checkpoint != checkpoints.end()) {
        return report("the log has " + std::to_string(log.size()) + " entries but a checkpoint covers " +
                      std::to_string(next_checkpoint->first) + ": entries from " + std::to_string(log.size()) +
                      " on are missing");
      }
      const auto root = *log.root(log.size());
      std::printf("verified %llu entries against %zu checkpoints; root %s\n",
                  static_cast<unsigned long long>(log.size()), checkpoints.size(),
                  common::base64_encode(root.data(), root.size()).c_str());
      return 0;
    });
    if (!outcome) {
      print_error(outcome.error());
      return 1;
    }
    return outcome.value();
  });
}

}  // namespace gp::cli
