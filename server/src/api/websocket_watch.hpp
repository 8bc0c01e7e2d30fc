#pragma once
// What the live (watch-only) WebSocket routes share: the answer to a plain GET, and reading (and
// dropping) whatever the watcher sends, so that its pings and its close are seen.

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "gongping/server/http/request_context.hpp"
#include "gongping/server/http/websocket.hpp"

namespace gp::server::api {

// The answer to a plain GET on a live route: 426 Upgrade Required, saying what to connect for.
http::Response websocket_upgrade_required(http::RequestContext& rc, std::string_view to_do);

// Runs until the client closes or the connection fails, then clears *open and calls on_close (if
// set), e.g. to wake the writer. Spawn it beside the writer on the socket's strand.
boost::asio::awaitable<void> read_until_closed(http::WebSocket& ws, std::shared_ptr<bool> open,
                                               std::function<void()> on_close = nullptr);

// Events handed over from the engine client's thread to one WebSocket session. deliver() queues
// (at most kMaxQueued: a watcher this far behind is dropped at once, its write in flight cancelled,
// not waited for) and, unless a write is already under way or scheduled, posts one to the
// session's strand; each write's completion starts the next. An event thus costs its session one
// post (none while a write is in flight) and one write: no timer wakes per event (the auction room
// has ten thousand sessions to reach).
// Made with std::make_shared (writes hold the inbox until they complete).
class EventInbox : public std::enable_shared_from_this<EventInbox> {
 public:
  static constexpr std::size_t kMaxQueued = 1024;
  explicit EventInbox(const http::WebSocket::executor_type& executor);
  // Thread-safe; never blocks.
  void deliver(const std::string& event);
  // The same, sharing one message among many inboxes (the auction room's ten thousand watchers).
  void deliver(std::shared_ptr<const std::string> event);
  // Writes the queued events, and every event delivered later, to `ws` until the watcher goes
  // (*open false), a write fails, the watcher falls too far behind, or the server stops; returns
  // once no write is in flight. Runs on the socket's strand, as must every other use of `ws`.
  boost::asio::awaitable<void> forward(http::WebSocket& ws, std::shared_ptr<bool> open,
                                       const std::atomic<bool>& stopping);
  // Wakes forward() to look again at *open (when the watcher closed). Thread-safe.
  void wake();

 private:
  // On the strand: writes the next queued event unless one is in flight; drops a watcher too far
  // behind (its stuck write cancelled).
  void write_next();
  // On the strand: cancels the write in flight, if any.
  void stop_writing();

  std::mutex mutex_;  // guards queued_, overflowed_ and scheduled_
  std::deque<std::shared_ptr<const std::string>> queued_;
  bool overflowed_ = false;
  bool scheduled_ = false;  // a write is in flight or posted: deliver() need not post one
  // Touched only on the strand:
  http::WebSocket* ws_ = nullptr;  // set while forward() runs
  bool writing_ = false;
  bool failed_ = false;
  http::WebSocket::executor_type executor_;
  std::shared_ptr<boost::asio::steady_timer> wake_;
};

}  // namespace gp::server::api
