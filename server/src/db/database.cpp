#include "gongping/server/db/database.hpp"

#include <soci/postgresql/soci-postgresql.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <string_view>

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
  // The freeze trigger of a monitoring case (migrations/0012_monitoring.sql): a clear 409.
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e); pg && pg->sqlstate() == "GPF01") {
    const std::string_view message = e.what();
    const auto at = message.find("monitoring case ");
    long long case_row = 0;
    if (at != std::string_view::npos) {
      std::from_chars(message.data() + at + 16, message.data() + message.size(), case_row);
    }
    std::array<char, 32> case_id{};
    std::snprintf(case_id.data(), case_id.size(), "M-%06lld", case_row);
    return common::make_error(common::ErrorCode::frozen_by_supervision,
                              "Monitoring case " + std::string(case_id.data()) +
                                  " has frozen it: no step may be taken until the supervisor unfreezes it.");
  }
  // The message can name tables and constraints; it goes to the log, never to the client.
  common::Error error = common::make_error(common::ErrorCode::internal, "Database error.");
  error.log_detail = e.what();
  return error;
}

}  // namespace gp::server::db
