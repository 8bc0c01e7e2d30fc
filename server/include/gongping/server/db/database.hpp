#pragma once
// Database: a fixed-size SOCI connection pool to PostgreSQL.
//
// Blocking: every member except size() and in_use() waits on the network. Call from worker threads
// only (http::BlockingPool), never from an I/O thread. Thread-safe.
// Errors: a query that fails throws soci::soci_error; run() turns that into an Error value
// (unavailable when the connection is gone, internal otherwise) so that handlers never see it.

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include <soci/soci.h>

#include "gongping/common/result.hpp"

namespace gp::server::db {

class Database {
 public:
  // Opens `pool_size` connections now; throws soci::soci_error if PostgreSQL cannot be reached.
  // `url` is a libpq connection string or URI (postgresql://user@host:port/db?host=/socket/dir).
  Database(const std::string& url, std::size_t pool_size);

  // Leases a connection for the duration of `work`. Exceptions thrown by `work` (SOCI's included)
  // become Error values: `unavailable` when the connection turns out to be gone (it is reopened for
  // the next lease), `frozen_by_supervision` when a monitoring case's freeze refused a state change,
  // `internal` otherwise. The lease is returned either way.
  template <class T>
  common::Result<T> run(const std::function<common::Result<T>(soci::session&)>& work) {
    Lease lease(*this);
    try {
      return work(lease.session());
    } catch (const std::exception& e) {
      return lease.failure(e);
    }
  }

  std::size_t size() const { return size_; }
  std::size_t in_use() const { return in_use_.load(); }

 private:
  class Lease {
   public:
    explicit Lease(Database& db);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& session() { return session_; }
    common::Error failure(const std::exception& e);

   private:
    Database& db_;
    soci::session session_;
  };

  std::unique_ptr<soci::connection_pool> pool_;
  std::size_t size_;
  std::string url_;
  std::atomic<std::size_t> in_use_{0};
};

}  // namespace gp::server::db
