#include "gongping/server/audit_log/audit_service.hpp"

#include "gongping/common/crypto.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/db/sql_time.hpp"

namespace gp::server::audit_log {
namespace {

using common::ErrorCode;
using common::make_error;

std::string withheld_line(std::int64_t index, const std::string& leaf_hex) {
  const auto leaf = common::from_hex(leaf_hex);
  common::JsonWriter w;
  w.begin_object().key("index").value(index).key("withheld").value(true);
  w.key("leaf_hash").value(common::base64_encode(leaf->data(), leaf->size())).end_object();
  return w.take();
}

}  // namespace

std::string audit_origin(const std::string& configured, const std::string& platform_origin) {
  if (!configured.empty()) return configured;
  std::string host = platform_origin;
  if (const auto scheme = host.find("://"); scheme != std::string::npos) host.erase(0, scheme + 3);
  while (!host.empty() && host.back() == '/') host.pop_back();
  return host + "/audit";
}

AuditService::AuditService(db::Database& database, const common::Clock& clock, const common::Ed25519Signer& signer,
                           std::string origin)
    : db_(database), clock_(clock), signer_(signer), origin_(std::move(origin)) {}

common::Result<std::uint64_t> AuditService::sign_checkpoint_if_grown() {
  return db_.run<std::uint64_t>([&](soci::session& sql) -> common::Result<std::uint64_t> {
    const auto size = tree_.sync(sql);
    long long latest = -1;
    soci::indicator ind = soci::i_null;
    sql << "SELECT max(tree_size) FROM audit_checkpoints", soci::into(latest, ind);
    if (ind == soci::i_ok && static_cast<std::uint64_t>(latest) >= size) return static_cast<std::uint64_t>(latest);
    const audit::Checkpoint checkpoint{origin_, size, *tree_.root(size), clock_.now()};
    const std::string note = audit::sign_checkpoint(checkpoint, origin_, signer_);
    const long long n = static_cast<long long>(size), at = checkpoint.time.unix_micros();
    const std::string root_hex = common::to_hex(checkpoint.root);
    // Another server instance may have signed the same size meanwhile: the first one stays.
    sql << "INSERT INTO audit_checkpoints (tree_size, root, note, signed_at) VALUES (:n, decode(:r, 'hex'), :t, " +
               db::sql_instant(":at") + ") ON CONFLICT (tree_size) DO NOTHING",
        soci::use(n), soci::use(root_hex), soci::use(note), soci::use(at);
    return size;
  });
}

common::Result<std::string> AuditService::latest_checkpoint() {
  return db_.run<std::string>([&](soci::session& sql) -> common::Result<std::string> {
    std::string note;
    sql << "SELECT note FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1", soci::into(note);
    if (!sql.got_data()) return make_error(ErrorCode::not_found, "No checkpoint has been signed yet.");
    return note;
  });
}

common::Result<std::vector<EntryLine>> AuditService::entries(std::int64_t start, std::int64_t end) {
  if (start < 0 || end < start || end - start > kMaxEntriesPerCall) {
    return common::Error::validation({{"end", "must be from start to start + 1000"}});
  }
  return db_.run<std::vector<EntryLine>>([&](soci::session& sql) -> common::Result<std::vector<EntryLine>> {
    std::vector<EntryLine> out;
    const long long a = start, b = end;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT l.idx, l.entry, encode(l.leaf_hash, 'hex'), "
                        "CASE WHEN l.entry::json->>'action' = 'tender.question_asked' THEN 1 "
                        "WHEN l.entry::json->>'action' LIKE 'bid.%' AND EXISTS (SELECT 1 FROM tenders t WHERE "
                        "t.public_id = l.entry::json->'object'->>'id' AND t.state IN ('draft', 'published')) "
                        "THEN 1 ELSE 0 END FROM audit_log l WHERE l.idx >= :a AND l.idx < :b ORDER BY l.idx",
         soci::use(a), soci::use(b));
    for (const auto& r : rows) {
      const auto index = r.get<long long>(0);
      const bool withheld = r.get<int>(3) == 1;
      out.push_back({index, withheld ? withheld_line(index, r.get<std::string>(2)) : r.get<std::string>(1)});
    }
    return out;
  });
}

common::Result<Proof> AuditService::inclusion_proof(const accounts::Principal& reader, std::uint64_t index,
                                                    std::uint64_t tree_size) {
  // The tree is kept current by the checkpoint signer; the database is asked only for an enterprise's
  // own entry or a tree larger than the one in memory.
  if (auto proof = inclusion_proof_in_memory(reader, index, tree_size)) return std::move(*proof);
  return db_.run<Proof>([&](soci::session& sql) -> common::Result<Proof> {
    std::optional<std::string> own_entry;
    if (reader.role == common::Role::enterprise) {
      // A bidder proves its own entries (its receipts' audit_index), nobody else's.
      const long long i = static_cast<long long>(index);
      std::string actor, entry;
      sql << "SELECT entry::json->'actor'->>'id', entry FROM audit_log WHERE idx = :i", soci::use(i), soci::into(actor),
          soci::into(entry);
      if (!sql.got_data() || actor != reader.public_id) {
        return make_error(ErrorCode::not_found, "No entry " + std::to_string(index) + " of yours.");
      }
      own_entry = std::move(entry);
    }
    if (tree_size > tree_.size()) tree_.sync(sql);
    auto proof = tree_.inclusion_proof(index, tree_size);
    if (!proof) {
      return common::Error::validation(
          {{"tree_size", "must be larger than index and at most the log's size, " + std::to_string(tree_.size())}});
    }
    return Proof{index, tree_size, std::move(*proof), std::move(own_entry)};
  });
}

std::optional<Proof> AuditService::inclusion_proof_in_memory(const accounts::Principal& reader, std::uint64_t index,
                                                             std::uint64_t tree_size) const {
  if (reader.role == common::Role::enterprise) return std::nullopt;
  auto proof = tree_.inclusion_proof(index, tree_size);
  if (!proof) return std::nullopt;
  return Proof{index, tree_size, std::move(*proof)};
}

std::optional<Proof> AuditService::consistency_proof_in_memory(std::uint64_t first, std::uint64_t second) const {
  auto proof = tree_.consistency_proof(first, second);
  if (!proof) return std::nullopt;
  return Proof{first, second, std::move(*proof)};
}

common::Result<Proof> AuditService::consistency_proof(std::uint64_t first, std::uint64_t second) {
  // Anyone may ask, so the answer never waits on the database: the tree in memory is kept current by
  // the checkpoint signer, and a size beyond it is beyond every signed checkpoint too.
  if (auto proof = consistency_proof_in_memory(first, second)) return std::move(*proof);
  return common::Error::validation(
      {{"second", "needs 0 < first <= second <= the log's size, " + std::to_string(tree_.size())}});
}

}  // namespace gp::server::audit_log
