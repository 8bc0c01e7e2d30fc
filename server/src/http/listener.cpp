#include "gongping/server/http/listener.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket.hpp>

#include "gongping/server/http/problem.hpp"
#include "gongping/server/http/request_context.hpp"
#include "gongping/server/http/request_handler.hpp"

namespace gp::server::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);

// One client connection. Owned by the listener's set while open; the set is how stop() reaches
// idle connections. `idle_` is read and written only on the connection's strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, ServerContext& server, std::shared_ptr<Listener> listener)
      : stream_(std::move(socket)), server_(server), listener_(std::move(listener)) {}

  asio::awaitable<void> run();

  // Called through the strand: closes the connection if it waits for a next request.
  void close_if_idle() {
    if (idle_ && !handed_over_) stream_.cancel();
  }
  asio::any_io_executor executor() { return stream_.get_executor(); }

 private:
  asio::awaitable<bool> answer(const Request& request);
  // A request on a streamed route: the handler reads the body; returns whether to keep going.
  asio::awaitable<bool> answer_streamed(beast::flat_buffer& buffer,
                                        beast::http::request_parser<beast::http::string_body>&& header_parser,
                                        std::size_t body_limit);
  asio::awaitable<void> reply_and_close(common::ErrorCode code, std::string detail);

  beast::tcp_stream stream_;
  ServerContext& server_;
  std::shared_ptr<Listener> listener_;
  // Hands the connection to a WebSocket route's handler for the rest of its life.
  asio::awaitable<void> serve_websocket(Request upgrade, const RouteMatch& route);

  // Reads and drops what the client still sends after an early answer, for a short while, so that
  // closing does not reset the connection before the client has read that answer.
  asio::awaitable<void> linger();

  std::string remote_;
  bool idle_ = true;
  bool unread_body_ = false;  // the last answer was sent before the request's body was read
  bool handed_over_ = false;  // the socket now belongs to a WebSocket session
};

asio::awaitable<void> Connection::serve_websocket(Request upgrade, const RouteMatch& route) {
  handed_over_ = true;  // stream_ has given up its socket from here on: never touch it again
  // The bare socket, without the stream's timer: the request's read timeout, still armed there,
  // would close the socket under a watcher quiet for that long (and the timer costs every write a
  // step). From here on the WebSocket's own timeouts (handshake, idle with pings) govern.
  WebSocket ws(stream_.release_socket());
  ws.set_option(beast::websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws.read_message_max(64 * 1024);
  auto [ec] = co_await ws.async_accept(upgrade, kAwait);
  if (ec) co_return;
  co_await route.route->websocket(server_, ws, route.params, session_token_of(upgrade));
  boost::system::error_code ignored;
  ws.next_layer().shutdown(tcp::socket::shutdown_both, ignored);
  ws.next_layer().close(ignored);
}

asio::awaitable<void> Connection::linger() {
  std::vector<char> sink(64 * 1024);
  std::size_t drained = 0;
  stream_.expires_after(std::chrono::seconds(2));
  while (drained < 64 * 1024 * 1024) {
    auto [ec, n] = co_await stream_.async_read_some(asio::buffer(sink), kAwait);
    if (ec) break;
    drained += n;
  }
}

asio::awaitable<void> Connection::reply_and_close(common::ErrorCode code, std::string detail) {
  unread_body_ = true;
  Response res = problem_response(common::make_error(code, std::move(detail)), "", "", 11);
  res.keep_alive(false);
  stream_.expires_after(std::chrono::seconds(5));
  co_await beast::http::async_write(stream_, res, kAwait);
}

asio::awaitable<bool> Connection::answer(const Request& request) {
  Response res = co_await handle_request(server_, request, remote_);
  const bool keep_alive = request.keep_alive() && !server_.stopping;
  res.keep_alive(keep_alive);
  stream_.expires_after(server_.settings.read_timeout);
  auto [ec, written] = co_await beast::http::async_write(stream_, res, kAwait);
  co_return !ec && keep_alive;
}

namespace {

// The body of a streamed request, read from the connection's parser piece by piece.
class ParserBodyStream final : public BodyStream {
 public:
  ParserBodyStream(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                   beast::http::request_parser<beast::http::buffer_body>& parser, std::chrono::seconds timeout)
      : stream_(stream), buffer_(buffer), parser_(parser), timeout_(timeout) {}

  asio::awaitable<common::Result<std::size_t>> read(std::uint8_t* out, std::size_t max) override {
    if (parser_.is_done() || max == 0) co_return std::size_t{0};
    auto& body = parser_.get().body();
    body.data = out;
    body.size = max;
    stream_.expires_after(timeout_);
    auto [ec, n] = co_await beast::http::async_read(stream_, buffer_, parser_, kAwait);
    if (ec == beast::http::error::need_buffer) ec = {};
    if (ec == beast::http::error::body_limit) {
      co_return common::make_error(common::ErrorCode::payload_too_large, "The upload is larger than allowed.");
    }
    if (ec) {
      co_return common::make_error(common::ErrorCode::malformed_request,
                                   "The upload did not arrive whole: " + ec.message() + ".");
    }
    co_return max - body.size;
  }
  bool complete() const override { return parser_.is_done(); }

 private:
  beast::tcp_stream& stream_;
  beast::flat_buffer& buffer_;
  beast::http::request_parser<beast::http::buffer_body>& parser_;
  std::chrono::seconds timeout_;
};

}  // namespace

asio::awaitable<bool> Connection::answer_streamed(beast::flat_buffer& buffer,
                                                  beast::http::request_parser<beast::http::string_body>&& header_parser,
                                                  std::size_t body_limit) {
  beast::http::request_parser<beast::http::buffer_body> parser(std::move(header_parser));
  parser.body_limit(body_limit);
  const Request request(parser.get().base());
  ParserBodyStream body(stream_, buffer, parser, server_.settings.read_timeout);
  Response res = co_await handle_request(server_, request, remote_, &body);
  // A body the handler did not read to the end leaves the connection out of step: close it.
  unread_body_ = !body.complete();
  const bool keep_alive = request.keep_alive() && !server_.stopping && body.complete();
  res.keep_alive(keep_alive);
  stream_.expires_after(server_.settings.read_timeout);
  auto [ec, written] = co_await beast::http::async_write(stream_, res, kAwait);
  co_return !ec && keep_alive;
}

asio::awaitable<void> Connection::run() {
  boost::system::error_code remote_ec;
  const auto endpoint = stream_.socket().remote_endpoint(remote_ec);
  remote_ = remote_ec ? "unknown" : endpoint.address().to_string();
  beast::flat_buffer buffer;
  while (!server_.stopping) {
    beast::http::request_parser<beast::http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(server_.settings.header_limit_bytes));
    parser.body_limit(boost::none);  // decided below, once the route is known
    idle_ = buffer.size() == 0;
    stream_.expires_after(server_.settings.read_timeout);
    // Wait for the first byte of the next request while counted as idle, then read the rest.
    auto [ec, n] = co_await beast::http::async_read_header(stream_, buffer, parser, kAwait);
    idle_ = false;
    if (!ec && beast::websocket::is_upgrade(parser.get())) {
      if (auto route = server_.router.websocket_route(parser.get().target())) {
        Request upgrade = parser.release();
        co_await serve_websocket(std::move(upgrade), *route);
        break;
      }
    }
    if (!ec && !parser.is_done()) {
      const auto& head = parser.get();
      const auto streamed_limit = server_.router.streamed_body_limit(head.method(), head.target());
      const auto limit = streamed_limit > 0 ? streamed_limit : server_.settings.body_limit_bytes;
      if (parser.content_length() && *parser.content_length() > limit) {
        ec = beast::http::error::body_limit;
      } else if (streamed_limit > 0) {
        if (!co_await answer_streamed(buffer, std::move(parser), streamed_limit)) break;
        continue;
      } else {
        parser.body_limit(limit);  // for chunked bodies
      }
    }
    if (!ec && !parser.is_done()) std::tie(ec, n) = co_await beast::http::async_read(stream_, buffer, parser, kAwait);
    if (ec == beast::http::error::header_limit) {
      std::string detail = "Headers may be at most " + std::to_string(server_.settings.header_limit_bytes) + " bytes.";
      co_await reply_and_close(common::ErrorCode::headers_too_large, std::move(detail));
      break;
    }
    if (ec == beast::http::error::body_limit) {
      const auto& head = parser.get();
      const auto streamed_limit = server_.router.streamed_body_limit(head.method(), head.target());
      std::string detail = "The body may be at most " +
                           std::to_string(streamed_limit > 0 ? streamed_limit : server_.settings.body_limit_bytes) +
                           " bytes.";
      co_await reply_and_close(common::ErrorCode::payload_too_large, std::move(detail));
      break;
    }
    const bool malformed = ec &&
                           ec.category() == beast::http::make_error_code(beast::http::error::bad_target).category() &&
                           ec != beast::http::error::end_of_stream && ec != beast::http::error::partial_message;
    if (malformed) {
      std::string detail = "The request is not valid HTTP/1.1: " + ec.message() + ".";
      co_await reply_and_close(common::ErrorCode::malformed_request, std::move(detail));
      break;
    }
    if (ec) break;  // end of stream, timeout, cancelled by stop()
    if (!co_await answer(parser.get())) break;
  }
  if (!handed_over_) {
    boost::system::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    if (unread_body_) co_await linger();
    stream_.close();
  }
  listener_->forget(this);
}

Listener::Listener(asio::io_context& io, ServerContext& server, const tcp::endpoint& endpoint,
                   std::size_t max_connections)
    : io_(io), server_(server), acceptor_(io), max_connections_(max_connections) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();
}

void Listener::start() {
  asio::co_spawn(
      acceptor_.get_executor(),
      [self = shared_from_this()]() -> asio::awaitable<void> {
        while (true) {
          // Named, not a temporary inside the co_await (see BlockingPool::run on GCC 12).
          auto strand = asio::make_strand(self->io_);
          auto [ec, socket] = co_await self->acceptor_.async_accept(strand, kAwait);
          if (ec == asio::error::operation_aborted || !self->acceptor_.is_open()) break;
          if (ec) continue;
          // Live rooms send small messages back to back (bids a few milliseconds apart at an auction's
          // end): without this, each waits for the ACK of the one before, up to a round trip plus the
          // peer's delayed ACK.
          boost::system::error_code no_delay_failed;
          socket.set_option(tcp::no_delay(true), no_delay_failed);
          std::shared_ptr<Connection> connection;
          {
            std::lock_guard lock(self->mutex_);
            if (self->connections_.size() >= self->max_connections_) continue;  // socket closes here
            connection = std::make_shared<Connection>(std::move(socket), self->server_, self);
            self->connections_.emplace(connection.get(), connection);
          }
          asio::co_spawn(
              connection->executor(), [connection] { return connection->run(); }, asio::detached);
        }
      },
      asio::detached);
}

void Listener::stop() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
  });
  std::lock_guard lock(mutex_);
  for (const auto& [raw, connection] : connections_) {
    asio::post(connection->executor(), [connection] { connection->close_if_idle(); });
  }
}

std::size_t Listener::active_connections() const {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

void Listener::forget(Connection* connection) {
  std::lock_guard lock(mutex_);
  connections_.erase(connection);
}

}  // namespace gp::server::http
