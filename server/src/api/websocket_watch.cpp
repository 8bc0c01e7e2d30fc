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
    if (queued_.size() >= kMaxQueued) {
      if (overflowed_) return;
      overflowed_ = true;  // dropped now, even while a write to it is stuck
    } else {
      queued_.push_back(std::move(event));
      if (scheduled_) return;
      scheduled_ = true;
    }
  }
  boost::asio::post(executor_, [self = shared_from_this()] { self->write_next(); });
}

void EventInbox::stop_writing() {
  if (!writing_ || ws_ == nullptr) return;
  boost::system::error_code ignored;
  ws_->next_layer().cancel(ignored);  // the write in flight completes now, aborted
}

void EventInbox::wake() {
  boost::asio::post(executor_, [wake = wake_] { wake->cancel(); });
}

void EventInbox::write_next() {
  if (failed_) return;
  std::shared_ptr<const std::string> next;
  {
    std::lock_guard lock(mutex_);
    if (ws_ != nullptr && overflowed_) {  // too far behind: drop the watcher
      failed_ = true;
      stop_writing();
      wake_->cancel();
      return;
    }
    if (writing_) return;  // its completion writes the next
    if (ws_ == nullptr || queued_.empty()) {
      scheduled_ = false;  // forward() starts the writes once it runs
      return;
    }
    next = std::move(queued_.front());
    queued_.pop_front();
  }
  writing_ = true;
  const auto& text = *next;
  ws_->async_write(boost::asio::buffer(text),
                   [self = shared_from_this(), next = std::move(next)](boost::system::error_code ec, std::size_t) {
                     self->writing_ = false;
                     if (ec) self->failed_ = true;
                     if (self->failed_ || self->ws_ == nullptr) {
                       self->wake_->cancel();
                       return;
                     }
                     self->write_next();
                   });
}

boost::asio::awaitable<void> EventInbox::forward(http::WebSocket& ws, std::shared_ptr<bool> open,
                                                 const std::atomic<bool>& stopping) {
  const auto await = boost::asio::as_tuple(boost::asio::use_awaitable);
  ws_ = &ws;
  write_next();
  while (*open && !stopping && !failed_) {
    wake_->expires_after(std::chrono::seconds(1));  // also notices a shutdown within a second
    co_await wake_->async_wait(await);
  }
  *open = false;
  {
    std::lock_guard lock(mutex_);
    scheduled_ = true;  // no more writes: deliver() posts nothing from here on
  }
  stop_writing();  // a watcher gone or a server stopping does not wait on a peer that reads nothing
  ws_ = nullptr;   // and the write's completion starts no other
  while (writing_) {
    wake_->expires_after(std::chrono::seconds(1));
    co_await wake_->async_wait(await);
  }
}

}  // namespace gp::server::api
