#pragma once
// await_result<T>(start): how a coroutine waits for work that completes on another thread (a worker
// pool, the engine client's socket thread).
//
//   common::Result<T> r = co_await await_result<T>([&](auto complete) { hand_off(..., complete); });
//
// start(complete) is called at once; `complete` is a copyable callable taking common::Result<T>,
// safe to call from any thread, and must be called exactly once. The coroutine resumes on its own
// executor with that result.
//
// `start` must capture only references and pointers: GCC 12 relocates lambda temporaries with
// non-trivial captures inside a co_await expression without calling their constructors (seen as
// heap corruption under ASan). The same holds for every lambda written inside a co_await.

#include <functional>
#include <memory>
#include <optional>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "gongping/common/result.hpp"

namespace gp::server {

template <class T>
using Completion = std::function<void(common::Result<T>)>;

template <class T, class Start>
boost::asio::awaitable<common::Result<T>> await_result(Start start) {
  // The completion signature needs a default-constructible argument; optional provides one.
  using Outcome = std::optional<common::Result<T>>;
  Outcome outcome = co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(Outcome)>(
      [&start](auto handler) {
        auto executor = boost::asio::get_associated_executor(handler);
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        start(Completion<T>([shared, executor](common::Result<T> result) {
          boost::asio::post(executor,
                            [shared, result = std::move(result)]() mutable { (*shared)(Outcome(std::move(result))); });
        }));
      },
      boost::asio::use_awaitable);
  co_return std::move(*outcome);
}

}  // namespace gp::server
