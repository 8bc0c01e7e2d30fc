#include "gongping/server/db/database.hpp"

#include <soci/postgresql/soci-postgresql.h>

namespace gp::server::db {

Database::Database(const std::string& url, std::size_t pool_size)
    : pool_(std::make_unique<soci::connection_pool>(pool_size)), size_(pool_size), url_(url) {
  for (std::size_t i = 0; i < pool_size; ++i) {
    pool_->at(i).open(soci::postgresql, url);
  }
}

// No liveness check here: SOCI's is_connected() costs a round trip to the server, and leases happen
// on every request. A connection the server dropped (restart, failover) fails its first query
// instead; failure() then reopens it, so one request per dropped connection answers 503.
Database::Lease::Lease(Database& db) : db_(db), session_(*db.pool_) { ++db_.in_use_; }

Database::Lease::~Lease() { --db_.in_use_; }

common::Error Database::Lease::failure(const std::exception& e) {
  bool connected = false;
  try {
    connected = session_.is_connected();
    if (!connected) session_.reconnect();
  } catch (const std::exception&) {
  }
  if (!connected) return common::make_error(common::ErrorCode::unavailable, "The database is not reachable.");
  // The message can name tables and constraints; it goes to the log, never to the client.
  common::Error error = common::make_error(common::ErrorCode::internal, "Database error.");
  error.log_detail = e.what();
  return error;
}

}  // namespace gp::server::db
