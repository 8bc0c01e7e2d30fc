#pragma once
// BlockingPool: a bounded set of worker threads for blocking work (SOCI calls, password hashing,
// big crypto), awaited from I/O coroutines (ARCHITECTURE.md rule 4).
//
//   std::function<common::Result<T>()> work = [&service, args] { return service.call(args); };
//   common::Result<T> r = co_await pool.run<T>(std::move(work));
//
// The coroutine resumes on its own executor once the work is done. At most `max_queued` calls may
// be waiting or running; beyond that run() answers `overloaded` at once (503 with Retry-After)
// instead of queueing without bound. Exceptions thrown by the work become `internal` errors.
// Thread-safe. The destructor joins the threads after the queued work finishes.

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "gongping/common/result.hpp"
#include "gongping/server/async/await_result.hpp"

namespace gp::server::http {

class BlockingPool {
 public:
  BlockingPool(std::size_t threads, std::size_t max_queued)
      : pool_(threads), threads_(threads), max_queued_(max_queued) {}
  ~BlockingPool() { join(); }

  // Waits for queued work to finish; later run() calls are not allowed. Idempotent.
  void join() { pool_.join(); }

  // Call sites: build `work` as a named variable before co_await (see await_result.hpp on GCC 12).
  template <class T>
  boost::asio::awaitable<common::Result<T>> run(std::function<common::Result<T>()> work) {
    if (queued_.fetch_add(1) >= max_queued_) {
      --queued_;
      common::Error error = common::make_error(common::ErrorCode::overloaded, "The server is busy; try again shortly.");
      error.retry_after_seconds = 1;
      co_return error;
    }
    co_return co_await await_result<T>([this, &work](Completion<T> done) {
      boost::asio::post(pool_, [this, work = std::move(work), done = std::move(done)] {
        std::optional<common::Result<T>> outcome;
        try {
          outcome.emplace(work());
        } catch (const std::exception& e) {
          common::Error error = common::make_error(common::ErrorCode::internal, "Internal error.");
          error.log_detail = e.what();
          outcome.emplace(std::move(error));
        }
        --queued_;
        done(std::move(*outcome));
      });
    });
  }

  std::size_t threads() const { return threads_; }
  std::size_t max_queued() const { return max_queued_; }
  std::size_t queued() const { return queued_.load(); }  // waiting or running

 private:
  boost::asio::thread_pool pool_;
  std::size_t threads_;
  std::size_t max_queued_;
  std::atomic<std::size_t> queued_{0};
};

}  // namespace gp::server::http
