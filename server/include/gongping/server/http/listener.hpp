#pragma once
// Listener: accepts TCP connections and runs one HTTP/1.1 session coroutine per connection, each on
// its own strand.
//
// A session reads requests with the configured header and body limits (431 / 413) and read timeout
// (a slow or silent client is disconnected), answers each through handle_request(), and keeps the
// connection alive while the client asks for it. At most `max_connections` are open at once;
// beyond that new connections are closed at once.
//
// stop() begins a graceful shutdown: no more accepts, idle keep-alive connections are closed,
// sessions in the middle of a request finish it and then close. active_connections() reaching 0
// means every in-flight request has been answered. Thread-safe.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "gongping/server/http/server_context.hpp"

namespace gp::server::http {

class Connection;

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens now; throws boost::system::system_error when the address is taken.
  Listener(boost::asio::io_context& io, ServerContext& server, const boost::asio::ip::tcp::endpoint& endpoint,
           std::size_t max_connections);

  void start();
  void stop();
  std::size_t active_connections() const;
  std::uint16_t port() const { return port_; }

 private:
  friend class Connection;
  void forget(Connection* connection);

  boost::asio::io_context& io_;
  ServerContext& server_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_;
  std::size_t max_connections_;
  mutable std::mutex mutex_;
  std::map<Connection*, std::shared_ptr<Connection>> connections_;
};

}  // namespace gp::server::http
