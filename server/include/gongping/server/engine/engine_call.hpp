#pragma once
// Awaiting an EngineClient request from a coroutine: resumes on the caller's executor.

#include <chrono>
#include <string>

#include "gongping/server/async/await_result.hpp"
#include "gongping/server/engine/engine_client.hpp"

namespace gp::server::engine {

inline boost::asio::awaitable<common::Result<EngineReply>> call_engine(EngineClient& client, std::string type,
                                                                       std::string body_json,
                                                                       std::chrono::milliseconds timeout) {
  co_return co_await await_result<EngineReply>([&client, &type, &body_json, timeout](Completion<EngineReply> done) {
    client.request(std::move(type), std::move(body_json), timeout, std::move(done));
  });
}

}  // namespace gp::server::engine
