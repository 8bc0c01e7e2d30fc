// engine_latency_bench: a score update over ZeroMQ, client to gongping-engine and back as the
// ranking_changed event, beside a bare ZeroMQ round trip of a message of the same size
// (simulations/engine_latency_bench runs it; see there for the goal).
//
//   engine_latency_bench echo ENDPOINT
//       the floor's server: a ROUTER that sends every frame straight back. Runs until killed.
//   engine_latency_bench measure COMMANDS EVENTS ECHO ROUNDS
//       opens a fully scored room of 1,000 bids x 9 experts x 20 criteria, then ROUNDS times: one
//       submit_score, timed to its ranking_changed event and to its reply; and ROUNDS bare round
//       trips of a frame as long as that command. Prints one JSON line (microseconds).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "evaluation_json.hpp"
#include "gongping/matching/evaluation_case.hpp"

using namespace gp::matching;
using Clock = std::chrono::steady_clock;

namespace {

EvaluationCase scored_case(std::size_t bids, std::size_t experts, std::size_t criteria) {
  std::mt19937_64 rng(42);
  EvaluationCase c;
  c.price_points = Decimal4::whole(30);
  c.aggregation = Aggregation::trimmed_mean;
  for (std::size_t k = 0; k < criteria; ++k) c.criteria.push_back({"c" + std::to_string(k), Decimal4::whole(3)});
  for (std::size_t e = 0; e < experts; ++e) c.experts.push_back("x" + std::to_string(e));
  for (std::size_t i = 0; i < bids; ++i) {
    CaseBid bid;
    bid.bidder = "b" + std::to_string(i);
    bid.price_fen = 80'000'000 + static_cast<std::int64_t>(rng() % 20'000'000);
    bid.scores.assign(experts, std::vector<std::optional<Decimal4>>(criteria));
    for (auto& row : bid.scores) {
      for (auto& s : row) s = Decimal4{static_cast<std::int64_t>(rng() % 30001)};
    }
    c.bids.push_back(std::move(bid));
  }
  return c;
}

std::string command(const std::string& id, const std::string& type, const std::string& body) {
  return R"({"v":1,"id":")" + id + R"(","type":")" + type + R"(","body":)" + body + "}";
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

double micros_since(Clock::time_point t) { return std::chrono::duration<double, std::micro>(Clock::now() - t).count(); }

int echo(const std::string& endpoint) {
  zmq::context_t context(1);
  zmq::socket_t router(context, zmq::socket_type::router);
  router.bind(endpoint);
  while (true) {
    zmq::message_t identity, frame;
    if (!router.recv(identity) || !router.recv(frame)) continue;
    router.send(identity, zmq::send_flags::sndmore);
    router.send(frame, zmq::send_flags::none);
  }
}

int measure(const std::string& commands, const std::string& events, const std::string& echo_endpoint, int rounds) {
  zmq::context_t context(1);
  zmq::socket_t dealer(context, zmq::socket_type::dealer), sub(context, zmq::socket_type::sub),
      bare(context, zmq::socket_type::dealer);
  for (auto* s : {&dealer, &sub, &bare}) {
    s->set(zmq::sockopt::linger, 0);
    s->set(zmq::sockopt::rcvtimeo, 10000);
  }
  dealer.connect(commands);
  sub.set(zmq::sockopt::subscribe, "ranking_changed");
  sub.connect(events);
  bare.connect(echo_endpoint);

  const auto c = scored_case(1000, 9, 20);
  dealer.send(
      zmq::buffer(command("open", "open_room", R"({"room":"R","case":)" + engine::write_evaluation_case(c) + "}")));
  zmq::message_t reply;
  if (!dealer.recv(reply) || reply.to_string().find("room_state") == std::string::npos) {
    std::fprintf(stderr, "open_room failed: %s\n", reply.to_string().substr(0, 300).c_str());
    return 1;
  }

  std::mt19937_64 rng(7);
  std::vector<double> to_event, to_reply, round_trip;
  std::size_t frame_bytes = 0, event_bytes = 0;
  for (int r = 0; r < rounds + 50; ++r) {  // the first 50 warm up
    const auto b = rng() % 1000, e = rng() % 9, k = rng() % 20;
    const std::string frame =
        command("s" + std::to_string(r), "submit_score",
                R"({"room":"R","expert":"x)" + std::to_string(e) + R"(","bidder":"b)" + std::to_string(b) +
                    R"(","criterion":"c)" + std::to_string(k) + R"(","score":)" +
                    format_decimal4(Decimal4{static_cast<std::int64_t>(rng() % 30001)}) + "}");
    frame_bytes = frame.size();
    const auto start = Clock::now();
    dealer.send(zmq::buffer(frame));
    zmq::message_t topic, event, answer;
    if (!sub.recv(topic) || !sub.recv(event)) {
      std::fprintf(stderr, "no ranking_changed event (the score may have been the same)\n");
      return 1;
    }
    const double event_us = micros_since(start);
    event_bytes += event.size();
    if (!dealer.recv(answer)) return 1;
    const double reply_us = micros_since(start);

    const std::string same_size(frame.size(), 'x');
    const auto bare_start = Clock::now();
    bare.send(zmq::buffer(same_size));
    zmq::message_t echoed;
    if (!bare.recv(echoed)) return 1;
    const double bare_us = micros_since(bare_start);
    if (r < 50) continue;
    to_event.push_back(event_us);
    to_reply.push_back(reply_us);
    round_trip.push_back(bare_us);
  }
  std::printf(
      "{\"measure\":\"score update to ranking_changed event over ZeroMQ\",\"room\":\"1000 bids x 9 experts x 20 "
      "criteria\",\"command_bytes\":%zu,\"rounds\":%d,\"event_p50_us\":%.1f,\"event_p99_us\":%.1f,\"reply_p50_us\":%."
      "1f,"
      "\"reply_p99_us\":%.1f,\"bare_round_trip_p50_us\":%.1f,\"bare_round_trip_p99_us\":%.1f,\"ratio_p50\":%.2f,"
      "\"mean_event_bytes\":%zu}\n",
      frame_bytes, rounds, percentile(to_event, 0.5), percentile(to_event, 0.99), percentile(to_reply, 0.5),
      percentile(to_reply, 0.99), percentile(round_trip, 0.5), percentile(round_trip, 0.99),
      percentile(to_event, 0.5) / percentile(round_trip, 0.5), event_bytes / static_cast<std::size_t>(rounds + 50));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "echo" && argc == 3) return echo(argv[2]);
  if (mode == "measure" && argc == 6) return measure(argv[2], argv[3], argv[4], std::stoi(argv[5]));
  std::fputs("usage: engine_latency_bench echo ENDPOINT | measure COMMANDS EVENTS ECHO ROUNDS\n", stderr);
  return 2;
}
