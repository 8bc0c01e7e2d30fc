#pragma once
// Awaiting an EngineClient request from a coroutine: resumes on the caller's executor.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "gongping/server/engine/engine_client.hpp"

namespace gp::server::engine {

inline boost::asio::awaitable<common::Result<EngineReply>> call_engine(EngineClient& client, std::string type,
                                                                       std::string body_json,
                                                                       std::chrono::milliseconds timeout) {
  using Outcome = std::optional<common::Result<EngineReply>>;
  Outcome outcome = co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(Outcome)>(
      [&client, &type, &body_json, timeout](auto handler) {
        auto executor = boost::asio::get_associated_executor(handler);
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        client.request(
            std::move(type), std::move(body_json), timeout, [shared, executor](common::Result<EngineReply> result) {
              boost::asio::post(
                  executor, [shared, result = std::move(result)]() mutable { (*shared)(Outcome(std::move(result))); });
            });
      },
      boost::asio::use_awaitable);
  co_return std::move(*outcome);
}

}  // namespace gp::server::engine
