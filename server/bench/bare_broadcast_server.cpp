// bare-broadcast-server: the baseline of simulations/auction_fanout. The least a server can do to
// hand every watcher a message: it answers each WebSocket upgrade without checking it, sends one
// text frame (the "state"), and on each `send SEQ` line on its standard input writes one prepared
// text frame of BYTES bytes (an auction_bid message for bid SEQ) to every socket, its sockets
// shared among THREADS threads, each a loop of non-blocking send(). No parsing, no JSON, no queue,
// no executor: what is left is the kernel's work and the machine's, beside which the real server is
// measured in the same run.
//
//   bare-broadcast-server PORT THREADS BYTES
//
// Prints "listening" once it accepts, and "sent SEQ" once every socket has bid SEQ's frame.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string text_frame(const std::string& payload) {
  std::string frame;
  frame.push_back(static_cast<char>(0x81));  // FIN, text
  if (payload.size() < 126) {
    frame.push_back(static_cast<char>(payload.size()));
  } else {
    frame.push_back(static_cast<char>(126));
    frame.push_back(static_cast<char>((payload.size() >> 8) & 0xff));
    frame.push_back(static_cast<char>(payload.size() & 0xff));
  }
  return frame + payload;
}

// An auction_bid message of `bytes` bytes (at least its fixed part) for bid `seq`.
std::string bid_message(long seq, std::size_t bytes) {
  const std::string head = R"({"type":"auction_bid","bid":{"seq":)" + std::to_string(seq) + R"(},"pad":")";
  const std::string tail = R"("})";
  const std::size_t fixed = head.size() + tail.size();
  return head + std::string(bytes > fixed ? bytes - fixed : 0, 'x') + tail;
}

bool send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: bare-broadcast-server PORT THREADS BYTES\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const std::size_t threads = std::max(1L, std::atol(argv[2]));
  const std::size_t bytes = std::strtoul(argv[3], nullptr, 10);

  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener, SOMAXCONN) != 0) {
    std::fprintf(stderr, "bare-broadcast-server: cannot listen on %d: %s\n", port, std::strerror(errno));
    return 1;
  }
  std::printf("listening\n");
  std::fflush(stdout);

  std::mutex mutex;
  std::vector<int> sockets;
  const std::string upgraded =
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Accept: bare\r\n\r\n" +
      text_frame(R"({"type":"state"})");
  std::thread accepting([&] {
    std::vector<char> request(8192);
    while (true) {
      const int fd = ::accept(listener, nullptr, nullptr);
      if (fd < 0) continue;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      std::string seen;  // blocking reads up to the request's end; the request is not checked
      while (seen.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::recv(fd, request.data(), request.size(), 0);
        if (n <= 0) break;
        seen.append(request.data(), static_cast<std::size_t>(n));
      }
      if (!send_all(fd, upgraded)) {
        ::close(fd);
        continue;
      }
      std::lock_guard lock(mutex);
      sockets.push_back(fd);
    }
  });
  accepting.detach();

  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.rfind("send ", 0) != 0) continue;
    const long seq = std::atol(line.c_str() + 5);
    const std::string frame = text_frame(bid_message(seq, bytes));
    std::vector<int> all;
    {
      std::lock_guard lock(mutex);
      all = sockets;
    }
    std::atomic<bool> failed{false};
    std::vector<std::thread> writers;
    for (std::size_t t = 0; t < threads; ++t) {
      writers.emplace_back([&, t] {
        for (std::size_t i = t; i < all.size(); i += threads) {
          if (!send_all(all[i], frame)) failed = true;
        }
      });
    }
    for (auto& w : writers) w.join();
    std::printf(failed ? "failed %ld\n" : "sent %ld\n", seq);
    std::fflush(stdout);
  }
  return 0;
}
