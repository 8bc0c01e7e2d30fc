#include "gongping/server/engine/engine_client.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>
#include <zmq.hpp>

#include "gongping/common/clock.hpp"
#include "gongping/common/json_writer.hpp"

namespace gp::server::engine {
namespace {

// An error reply as the Error the caller maps to HTTP: what the engine could not do because of the
// request (an unknown room, a room in the wrong state, a body that does not fit) keeps its meaning
// and message; anything else is the engine's fault and says so only in the log.
common::Error engine_refusal(const rapidjson::Value& reply) {
  std::string code, message = "The evaluation engine refused the command.";
  if (reply.HasMember("body") && reply["body"].IsObject()) {
    const auto& body = reply["body"];
    if (body.HasMember("code") && body["code"].IsString()) code = body["code"].GetString();
    if (body.HasMember("message") && body["message"].IsString()) message = body["message"].GetString();
  }
  if (code == "not_found") return common::make_error(common::ErrorCode::not_found, message);
  if (code == "conflict") return common::make_error(common::ErrorCode::conflict, message);
  // An auction's refusals of a bid keep their codes: the bidder is told exactly why.
  for (const auto kept : {common::ErrorCode::auction_not_open, common::ErrorCode::bid_short_of_step,
                          common::ErrorCode::auction_not_registered, common::ErrorCode::idempotency_key_reused}) {
    if (code == common::to_string(kept)) return common::make_error(kept, message);
  }
  if (code == "invalid_body") {
    const auto colon = message.find(": ");
    if (colon != std::string::npos) {
      return common::Error::validation({{message.substr(0, colon), message.substr(colon + 2)}});
    }
  }
  common::Error error = common::make_error(common::ErrorCode::internal, "The evaluation engine refused the command.");
  error.log_detail = code + ": " + message;
  return error;
}

using Clock = std::chrono::steady_clock;
constexpr int kProtocolVersion = 1;

struct Pending {
  Clock::time_point deadline;
  EngineClient::Completion done;
};

common::Error unavailable(std::string detail) {
  return common::make_error(common::ErrorCode::unavailable, std::move(detail));
}

std::string serialize(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

EngineClient::EngineClient(std::string commands_endpoint, std::string events_endpoint, EventHandler on_event)
    : commands_endpoint_(std::move(commands_endpoint)),
      events_endpoint_(std::move(events_endpoint)),
      on_event_(std::move(on_event)) {
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) throw std::runtime_error("eventfd failed");
  thread_ = std::thread([this] { run(); });
}

EngineClient::~EngineClient() {
  stop();
  ::close(wake_fd_);
}

void EngineClient::stop() {
  stopping_ = true;
  wake();
  if (thread_.joinable()) thread_.join();
}

void EngineClient::wake() {
  const std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
}

void EngineClient::request(std::string type, std::string body_json, std::chrono::milliseconds timeout,
                           Completion done) {
  {
    // Checked under the lock: run() drains the outbox under it after stopping_ is set, so a request
    // either lands before that drain or sees stopping_ here.
    std::unique_lock lock(mutex_);
    if (stopping_) {
      lock.unlock();
      done(unavailable("The server is shutting down."));
      return;
    }
    outbox_.push_back({std::move(type), std::move(body_json), Clock::now() + timeout, std::move(done)});
  }
  wake();
}

void EngineClient::run() {
  zmq::context_t context(1);
  zmq::socket_t dealer(context, zmq::socket_type::dealer);
  zmq::socket_t sub(context, zmq::socket_type::sub);
  dealer.set(zmq::sockopt::linger, 0);
  dealer.set(zmq::sockopt::immediate, 1);  // refuse to queue while no engine is connected
  dealer.set(zmq::sockopt::reconnect_ivl, 100);
  dealer.set(zmq::sockopt::reconnect_ivl_max, 1000);
  dealer.set(zmq::sockopt::maxmsgsize, std::int64_t{16} << 20);
  sub.set(zmq::sockopt::linger, 0);
  sub.set(zmq::sockopt::reconnect_ivl, 100);
  sub.set(zmq::sockopt::reconnect_ivl_max, 1000);
  sub.set(zmq::sockopt::maxmsgsize, std::int64_t{16} << 20);
  sub.set(zmq::sockopt::subscribe, "");
  dealer.connect(commands_endpoint_);
  sub.connect(events_endpoint_);

  std::map<std::string, Pending> pending;
  std::uint64_t next_id = 1;

  while (true) {
    auto timeout = std::chrono::milliseconds(250);
    const auto now = Clock::now();
    for (const auto& [id, p] : pending) {
      timeout = std::min(timeout,
                         std::chrono::ceil<std::chrono::milliseconds>(std::max(p.deadline - now, Clock::duration(0))));
    }
    zmq::pollitem_t items[] = {
        {dealer.handle(), 0, ZMQ_POLLIN, 0}, {sub.handle(), 0, ZMQ_POLLIN, 0}, {nullptr, wake_fd_, ZMQ_POLLIN, 0}};
    zmq::poll(items, 3, timeout);

    if (items[2].revents & ZMQ_POLLIN) {
      std::uint64_t count = 0;
      [[maybe_unused]] auto got = ::read(wake_fd_, &count, sizeof count);
    }
    if (stopping_) break;

    std::vector<Outgoing> outgoing;
    {
      std::lock_guard lock(mutex_);
      outgoing.swap(outbox_);
    }
    for (auto& o : outgoing) {
      const std::string id = "c" + std::to_string(next_id++);
      common::JsonWriter w;
      w.begin_object()
          .key("v")
          .value(std::int64_t{kProtocolVersion})
          .key("id")
          .value(id)
          .key("type")
          .value(o.type)
          .key("body")
          .raw(o.body_json)
          .end_object();
      const auto sent = dealer.send(zmq::buffer(w.str()), zmq::send_flags::dontwait);
      if (!sent) {
        o.done(unavailable("The evaluation engine is not connected."));
        continue;
      }
      pending.emplace(id, Pending{o.deadline, std::move(o.done)});
    }

    while (items[0].revents & ZMQ_POLLIN) {
      zmq::message_t frame;
      if (!dealer.recv(frame, zmq::recv_flags::dontwait)) break;
      rapidjson::Document reply;
      reply.Parse(static_cast<const char*>(frame.data()), frame.size());
      if (reply.HasParseError() || !reply.IsObject() || !reply.HasMember("id") || !reply["id"].IsString() ||
          !reply.HasMember("type") || !reply["type"].IsString()) {
        continue;  // not ours to answer; the engine logs its side
      }
      const auto it = pending.find(reply["id"].GetString());
      if (it == pending.end()) continue;  // already timed out
      auto done = std::move(it->second.done);
      pending.erase(it);
      const std::string type = reply["type"].GetString();
      const std::string body = reply.HasMember("body") ? serialize(reply["body"]) : "{}";
      if (type == "error") {
        done(engine_refusal(reply));
      } else {
        done(EngineReply{type, body});
      }
    }

    while (items[1].revents & ZMQ_POLLIN) {
      zmq::message_t topic, payload;
      if (!sub.recv(topic, zmq::recv_flags::dontwait)) break;
      if (!topic.more() || !sub.recv(payload, zmq::recv_flags::dontwait)) continue;
      while (payload.more()) {  // drop frames beyond the two the protocol defines
        zmq::message_t extra;
        if (!sub.recv(extra, zmq::recv_flags::dontwait)) break;
        payload.swap(extra);
      }
      last_event_micros_ = common::SystemClock().now().unix_micros();
      if (on_event_) on_event_(topic.to_string(), payload.to_string());
    }

    const auto after = Clock::now();
    for (auto it = pending.begin(); it != pending.end();) {
      if (it->second.deadline <= after) {
        auto done = std::move(it->second.done);
        it = pending.erase(it);
        done(unavailable("The evaluation engine did not answer in time."));
      } else {
        ++it;
      }
    }
  }

  for (auto& [id, p] : pending) p.done(unavailable("The server is shutting down."));
  std::lock_guard lock(mutex_);
  for (auto& o : outbox_) o.done(unavailable("The server is shutting down."));
  outbox_.clear();
}

}  // namespace gp::server::engine
