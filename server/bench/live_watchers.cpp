// live-watchers: the load generator of simulations/auction_fanout. Opens N WebSocket watchers of one
// live route on 127.0.0.1 and follows them all from one thread (epoll, plain sockets, no library), so
// that the watchers cost the shared cores little and the measure is the server's.
//
//   live-watchers PORT PATH N
//
// Prints on standard output, one line each:
//   ready N                    once every watcher has its first message (the state)
//   bid SEQ LAST_NS BYTES      once every watcher has the auction_bid message of bid SEQ; LAST_NS is
//                              when the last of them arrived (CLOCK_MONOTONIC, as Node's
//                              process.hrtime.bigint()), BYTES the size of that last message
//   failed WHAT                when a watcher cannot connect or is closed by the server (then exits 1)
// Runs until its standard input closes. Answers the server's pings.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::size_t kConnectingAtOnce = 500;  // the server's listen backlog stays far from full

std::uint64_t now_ns() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<std::uint64_t>(t.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(t.tv_nsec);
}

[[noreturn]] void fail(const std::string& what) {
  std::printf("failed %s\n", what.c_str());
  std::fflush(stdout);
  std::exit(1);
}

struct Watcher {
  int fd = -1;
  bool upgraded = false;  // the 101 answer has been read
  bool ready = false;     // the first message (the state) has arrived
  std::string in;         // bytes read and not yet parsed
  std::string message;    // a text message's fragments so far
};

// One complete frame at the front of `in`, or nothing yet. Server frames are never masked.
struct Frame {
  bool fin = false;  // the message's last fragment
  int opcode = 0;
  std::string_view payload;
  std::size_t size = 0;  // header and payload
};

bool next_frame(std::string_view in, Frame& frame) {
  if (in.size() < 2) return false;
  const auto* b = reinterpret_cast<const unsigned char*>(in.data());
  std::size_t header = 2;
  std::uint64_t length = b[1] & 0x7f;
  if (length == 126) {
    header = 4;
    if (in.size() < header) return false;
    length = (std::uint64_t{b[2]} << 8) | b[3];
  } else if (length == 127) {
    header = 10;
    if (in.size() < header) return false;
    length = 0;
    for (int i = 2; i < 10; ++i) length = (length << 8) | b[i];
  }
  if (in.size() < header + length) return false;
  frame.fin = (b[0] & 0x80) != 0;
  frame.opcode = b[0] & 0x0f;
  frame.payload = in.substr(header, length);
  frame.size = header + length;
  return true;
}

// A client frame (masked, as RFC 6455 requires of clients; the mask is zero).
void send_frame(int fd, int opcode, std::string_view payload) {
  std::string out;
  out.push_back(static_cast<char>(0x80 | opcode));
  out.push_back(static_cast<char>(0x80 | payload.size()));  // control frames: at most 125 bytes
  out.append(4, '\0');
  out.append(payload);
  if (::send(fd, out.data(), out.size(), MSG_NOSIGNAL) < 0) fail("a pong could not be sent");
}

int open_watcher(int epoll, const sockaddr_in& server, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) fail(std::string("socket: ") + std::strerror(errno));
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&server), sizeof server) != 0) {
    fail(std::string("connect: ") + std::strerror(errno));
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    fail("the upgrade request could not be sent");
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = fd;
  ::epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
  return fd;
}

// The bid number of an auction_bid message, or -1 for any other message.
long bid_seq(std::string_view message) {
  if (message.rfind(R"({"type":"auction_bid")", 0) != 0) return -1;
  const auto bid = message.find(R"("bid":)");
  const auto seq = bid == std::string_view::npos ? bid : message.find(R"("seq":)", bid);
  if (seq == std::string_view::npos) return -1;
  return std::strtol(std::string(message.substr(seq + 6, 20)).c_str(), nullptr, 10);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: live-watchers PORT PATH N\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const std::string path = argv[2];
  const std::size_t n = std::strtoul(argv[3], nullptr, 10);
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(static_cast<std::uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                              "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                              "Sec-WebSocket-Key: Z29uZ3BpbmctZmFub3V0IQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

  const int epoll = ::epoll_create1(0);
  epoll_event stdin_event{};
  stdin_event.events = EPOLLIN;
  stdin_event.data.fd = STDIN_FILENO;
  ::epoll_ctl(epoll, EPOLL_CTL_ADD, STDIN_FILENO, &stdin_event);

  std::map<int, Watcher> watchers;
  std::size_t opened = 0, ready = 0;
  struct Arrivals {
    std::size_t count = 0;
    std::uint64_t last_ns = 0;
    std::size_t bytes = 0;
  };
  std::map<long, Arrivals> bids;
  std::vector<epoll_event> events(4096);
  std::vector<char> chunk(64 * 1024);

  while (true) {
    while (opened < n && opened - ready < kConnectingAtOnce) {
      const int fd = open_watcher(epoll, server, request);
      watchers[fd].fd = fd;
      ++opened;
    }
    const int count = ::epoll_wait(epoll, events.data(), static_cast<int>(events.size()), -1);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) fail(std::string("epoll_wait: ") + std::strerror(errno));
    for (int i = 0; i < count; ++i) {
      const int fd = events[i].data.fd;
      if (fd == STDIN_FILENO) {
        const ssize_t r = ::read(STDIN_FILENO, chunk.data(), chunk.size());
        if (r <= 0) return 0;  // the driver is done
        continue;
      }
      Watcher& w = watchers[fd];
      const ssize_t r = ::recv(fd, chunk.data(), chunk.size(), 0);
      const std::uint64_t at = now_ns();
      if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (r <= 0) fail("the server closed a watcher");
      w.in.append(chunk.data(), static_cast<std::size_t>(r));
      if (!w.upgraded) {
        const auto end = w.in.find("\r\n\r\n");
        if (end == std::string::npos) continue;
        if (w.in.rfind("HTTP/1.1 101", 0) != 0) fail("the upgrade was refused: " + w.in.substr(0, w.in.find('\r')));
        w.upgraded = true;
        w.in.erase(0, end + 4);
      }
      Frame frame;
      std::size_t used = 0;
      while (next_frame(std::string_view(w.in).substr(used), frame)) {
        used += frame.size;
        if (frame.opcode == 0x8) fail("the server closed a watcher's WebSocket");
        if (frame.opcode == 0x9) send_frame(fd, 0xA, frame.payload);
        if (frame.opcode != 0x1 && frame.opcode != 0x0) continue;  // text and its continuations
        w.message.append(frame.payload);
        if (!frame.fin) continue;
        const std::string message = std::move(w.message);
        w.message.clear();
        if (!w.ready) {
          w.ready = true;
          if (++ready == n) {
            std::printf("ready %zu\n", n);
            std::fflush(stdout);
          }
        }
        const long seq = bid_seq(message);
        if (seq < 0) continue;
        Arrivals& a = bids[seq];
        if (at >= a.last_ns) {
          a.last_ns = at;
          a.bytes = message.size();
        }
        if (++a.count == n) {
          std::printf("bid %ld %llu %zu\n", seq, static_cast<unsigned long long>(a.last_ns), a.bytes);
          std::fflush(stdout);
          bids.erase(seq);
        }
      }
      w.in.erase(0, used);
    }
  }
}
