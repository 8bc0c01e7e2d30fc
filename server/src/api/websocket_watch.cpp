#include "websocket_watch.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

namespace gp::server::api {

http::Response websocket_upgrade_required(http::RequestContext& rc, std::string_view to_do) {
  http::Response res =
      rc.problem(common::make_error(common::ErrorCode::malformed_request,
                                    "Connect with a WebSocket (Upgrade: websocket) to " + std::string(to_do) + "."));
  res.result(http::Status::upgrade_required);
  res.set(http::beast_http::field::upgrade, "websocket");
  return res;
}

boost::asio::awaitable<void> read_until_closed(http::WebSocket& ws, std::shared_ptr<bool> open,
                                               std::function<void()> on_close) {
  boost::beast::flat_buffer buffer;
  while (*open) {
    auto [ec, n] = co_await ws.async_read(buffer, boost::asio::as_tuple(boost::asio::use_awaitable));
    if (ec) break;
    buffer.consume(n);
  }
  *open = false;
  if (on_close) on_close();
}

EventInbox::EventInbox(const http::WebSocket::executor_type& executor)
    : executor_(executor), wake_(std::make_shared<boost::asio::steady_timer>(executor)) {}

void EventInbox::deliver(const std::string& event) { deliver(std::make_shared<const std::string>(event)); }

void EventInbox::deliver(std::shared_ptr<const std::string> event) {
  {
    std::lock_guard lock(mutex_);
    if (events_.size() >= kMaxQueued) {
      overflowed_ = true;
    } else {
      events_.push_back(std::move(event));
    }
  }
  wake();
}

void EventInbox::wake() {
  boost::asio::post(executor_, [wake = wake_] { wake->cancel(); });
}

boost::asio::awaitable<void> EventInbox::forward(http::WebSocket& ws, std::shared_ptr<bool> open,
                                                 const std::atomic<bool>& stopping) {
  const auto await = boost::asio::as_tuple(boost::asio::use_awaitable);
  while (*open && !stopping) {
    std::deque<std::shared_ptr<const std::string>> batch;
    bool overflowed = false;
    {
      std::lock_guard lock(mutex_);
      batch.swap(events_);
      overflowed = overflowed_;
    }
    if (overflowed) break;
    for (const auto& event : batch) {
      auto [ec, n] = co_await ws.async_write(boost::asio::buffer(*event), await);
      if (ec) *open = false;
      if (!*open) break;
    }
    if (!batch.empty()) continue;
    wake_->expires_after(std::chrono::seconds(1));  // also notices a shutdown within a second
    co_await wake_->async_wait(await);
  }
  *open = false;
}

}  // namespace gp::server::api
