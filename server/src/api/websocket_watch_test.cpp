// EventInbox against real sockets: a watcher that reads nothing is dropped once it is kMaxQueued
// events behind, its stuck write cancelled, while a watcher that reads gets every event in order.
#include "websocket_watch.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using gp::server::api::EventInbox;
using ClientSocket = boost::beast::websocket::stream<tcp::socket>;

// A connected pair: the server's WebSocket (on `io`, a strand of its own) and a client's, both with
// small kernel buffers so that a client that reads nothing stalls the server's writes soon.
struct Pair {
  std::unique_ptr<gp::server::http::WebSocket> server;
  std::unique_ptr<ClientSocket> client;
};

Pair connect_pair(asio::io_context& io, asio::io_context& client_io) {
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  tcp::socket client_socket(client_io);
  client_socket.open(tcp::v4());
  client_socket.set_option(asio::socket_base::receive_buffer_size(4096));
  client_socket.connect(acceptor.local_endpoint());
  tcp::socket accepted(asio::make_strand(io));
  acceptor.accept(accepted);
  accepted.set_option(asio::socket_base::send_buffer_size(4096));
  Pair pair{std::make_unique<gp::server::http::WebSocket>(std::move(accepted)),
            std::make_unique<ClientSocket>(std::move(client_socket))};
  auto handshake = std::async(std::launch::async, [&] { pair.client->handshake("127.0.0.1", "/live"); });
  pair.server->accept();
  handshake.get();
  return pair;
}

std::string event(int seq) {
  return R"({"type":"auction_bid","seq":)" + std::to_string(seq) + "," + std::string(300, ' ') + "}";
}

TEST_CASE("a watcher that reads nothing is dropped, and does not hold up one that reads", "[websocket_watch]") {
  asio::io_context io;
  asio::io_context client_io;
  auto stalled = connect_pair(io, client_io);
  auto reading = connect_pair(io, client_io);

  std::atomic<bool> stopping{false};
  auto stalled_open = std::make_shared<bool>(true);
  auto reading_open = std::make_shared<bool>(true);
  auto stalled_inbox = std::make_shared<EventInbox>(stalled.server->get_executor());
  auto reading_inbox = std::make_shared<EventInbox>(reading.server->get_executor());
  std::promise<void> stalled_dropped;
  std::promise<void> reading_done;
  asio::co_spawn(stalled.server->get_executor(), stalled_inbox->forward(*stalled.server, stalled_open, stopping),
                 [&](std::exception_ptr) { stalled_dropped.set_value(); });
  asio::co_spawn(reading.server->get_executor(), reading_inbox->forward(*reading.server, reading_open, stopping),
                 [&](std::exception_ptr) { reading_done.set_value(); });
  std::thread server_thread([&] { io.run(); });

  // Far more than the kernel's small buffers hold and than kMaxQueued.
  constexpr int kEvents = 4 * static_cast<int>(EventInbox::kMaxQueued);
  std::atomic<int> received{0};
  std::string first_wrong;  // read once the reader is joined
  std::thread reader([&] {
    boost::beast::flat_buffer buffer;
    for (int seq = 0; seq < kEvents; ++seq) {
      reading.client->read(buffer);
      const std::string text = boost::beast::buffers_to_string(buffer.data());
      buffer.consume(buffer.size());
      if (text != event(seq) && first_wrong.empty()) first_wrong = "event " + std::to_string(seq) + ": " + text;
      received = seq + 1;
    }
  });
  for (int seq = 0; seq < kEvents; ++seq) {
    // The reader keeps up as a live browser does: never a quarter of the limit behind.
    while (seq - received.load() > static_cast<int>(EventInbox::kMaxQueued) / 4) std::this_thread::yield();
    auto message = std::make_shared<const std::string>(event(seq));
    stalled_inbox->deliver(message);
    reading_inbox->deliver(message);
  }

  // The stalled watcher's forward() returns although its peer never reads: dropped, not waited on.
  CHECK(stalled_dropped.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  reader.join();
  CHECK(received == kEvents);  // every event, in order, to the watcher that reads
  CHECK(first_wrong.empty());
  stopping = true;
  reading_inbox->wake();
  CHECK(reading_done.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  io.stop();
  server_thread.join();
}

}  // namespace
