// evaluation_bench: the evaluation core's speed, each figure beside a floor measured in the same run
// (simulations/evaluation_bench runs it; see there for the goals).
//
//   evaluation_bench rerank BIDS EXPERTS CRITERIA ROUNDS
//       evaluate() of a whole comprehensive case, against the floor: one pass that sums the same
//       scores per bid and sorts the bids by the sums (what any full re-rank must at least do).
//   evaluation_bench document BIDS EXPERTS CRITERIA ROUNDS
//       read_evaluation_case + evaluate + write_evaluation_result of the case as JSON text, against
//       the floor: RapidJSON's DOM parse of the same text.
//   evaluation_bench update BIDS EXPERTS CRITERIA ROUNDS
//       one expert's score change in a fully scored EvaluationRoom, up to the ranking update (the
//       rows to publish), against the floor: the same change to a bare TechnicalTally (re-aggregating
//       the criterion, what any design must do).
//   evaluation_bench write-case BIDS EXPERTS CRITERIA FILE
//       the case document, for timing `gongping evaluate FILE` from the shell.
// Prints one JSON line per measurement: medians in microseconds and the ratio.
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "evaluation_json.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/matching/evaluate.hpp"
#include "gongping/matching/evaluation_room.hpp"

using namespace gp::matching;

namespace {

EvaluationCase make_case(std::size_t bids, std::size_t experts, std::size_t criteria) {
  std::mt19937_64 rng(42);
  EvaluationCase c;
  c.method = EvaluationMethod::comprehensive;
  c.price_formula = PriceFormula::low_price_first;
  c.price_points = Decimal4::whole(30);
  c.aggregation = Aggregation::trimmed_mean;
  c.sme_deduction_percent[static_cast<std::size_t>(EnterpriseSize::small)] = Decimal4::whole(10);
  c.abnormally_low_percent = Decimal4::whole(20);
  c.min_valid_bids = 3;
  for (std::size_t k = 0; k < criteria; ++k) c.criteria.push_back({"c" + std::to_string(k), Decimal4::whole(3)});
  for (std::size_t e = 0; e < experts; ++e) c.experts.push_back("x" + std::to_string(e));
  for (std::size_t i = 0; i < bids; ++i) {
    CaseBid bid;
    bid.bidder = "b" + std::to_string(i);
    bid.price_fen = 80'000'000 + static_cast<std::int64_t>(rng() % 20'000'000);
    bid.size = (i % 3 == 0) ? EnterpriseSize::small : EnterpriseSize::large;
    bid.scores.assign(experts, std::vector<std::optional<Decimal4>>(criteria));
    for (auto& row : bid.scores) {
      for (auto& s : row) s = Decimal4{static_cast<std::int64_t>(rng() % 30001)};  // 0 to 3.0000
    }
    c.bids.push_back(std::move(bid));
  }
  return c;
}

std::string case_document(const EvaluationCase& c) {
  gp::common::JsonWriter w;
  w.begin_object().key("method").value("comprehensive").key("price_formula").value("low_price_first");
  w.key("sme_deduction_percent").begin_object().key("small").value(std::int64_t{10}).end_object();
  w.key("abnormally_low_percent").value(std::int64_t{20}).key("price_points").value(std::int64_t{30});
  w.key("criteria").begin_array();
  for (const auto& k : c.criteria)
    w.begin_object().key("id").value(k.id).key("max").raw(format_decimal4(k.max)).end_object();
  w.end_array().key("experts").begin_array();
  for (const auto& e : c.experts) w.value(e);
  w.end_array().key("aggregation").value("trimmed_mean").key("bids").begin_array();
  for (const auto& bid : c.bids) {
    w.begin_object().key("bidder").value(bid.bidder).key("price_fen").value(bid.price_fen);
    w.key("size").value(to_string(bid.size)).key("scores").begin_object();
    for (std::size_t e = 0; e < c.experts.size(); ++e) {
      w.key(c.experts[e]).begin_object();
      for (std::size_t k = 0; k < c.criteria.size(); ++k)
        w.key(c.criteria[k].id).raw(format_decimal4(*bid.scores[e][k]));
      w.end_object();
    }
    w.end_object().end_object();
  }
  w.end_array().end_object();
  return w.take();
}

// The median of `rounds` timings of `work`, in microseconds.
double median_us(int rounds, const std::function<void()>& work) {
  std::vector<double> times;
  for (int r = 0; r < rounds; ++r) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

volatile std::int64_t g_sink = 0;  // keeps the floors' results alive

void report(const char* what, std::size_t bids, std::size_t experts, std::size_t criteria, double measured,
            double floor) {
  std::printf(
      "{\"measure\":\"%s\",\"bids\":%zu,\"experts\":%zu,\"criteria\":%zu,\"median_us\":%.1f,\"floor_us\":%.1f,"
      "\"ratio\":%.2f}\n",
      what, bids, experts, criteria, measured, floor, measured / floor);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fputs("usage: evaluation_bench rerank|update|document|write-case BIDS EXPERTS CRITERIA ROUNDS|FILE\n", stderr);
    return 2;
  }
  const std::string mode = argv[1];
  const auto bids = std::stoul(argv[2]), experts = std::stoul(argv[3]), criteria = std::stoul(argv[4]);
  const auto c = make_case(bids, experts, criteria);
  if (mode == "write-case") {
    std::ofstream(argv[5]) << case_document(c) << "\n";
    return 0;
  }
  const int rounds = std::stoi(argv[5]);
  if (mode == "rerank") {
    const double measured = median_us(rounds, [&] { g_sink = g_sink + evaluate(c).results.front().rank; });
    const double floor = median_us(rounds, [&] {
      std::vector<std::pair<std::int64_t, std::size_t>> totals(c.bids.size());
      for (std::size_t i = 0; i < c.bids.size(); ++i) {
        std::int64_t sum = 0;
        for (const auto& row : c.bids[i].scores) {
          for (const auto& s : row) sum += s->units;
        }
        totals[i] = {sum, i};
      }
      std::sort(totals.begin(), totals.end());
      g_sink = g_sink + totals.front().first;
    });
    report("full re-rank (evaluate)", bids, experts, criteria, measured, floor);
  } else if (mode == "update") {
    auto room = EvaluationRoom::open(c).value();
    TechnicalTally tally(experts, criteria, c.aggregation);
    tally.load(c.bids[0].scores);
    std::mt19937_64 rng(7);
    const auto random_change = [&] {
      return std::tuple{rng() % bids, rng() % experts, rng() % criteria,
                        Decimal4{static_cast<std::int64_t>(rng() % 30001)}};
    };
    const double measured = median_us(rounds, [&] {
      const auto [b, e, k, score] = random_change();
      g_sink = g_sink +
               static_cast<std::int64_t>(
                   room.set_score(c.experts[e], c.bids[b].bidder, c.criteria[k].id, score).value().changed_rows.size());
    });
    const double floor = median_us(rounds, [&] {
      const auto [b, e, k, score] = random_change();
      tally.set(e, k, score);
      g_sink = g_sink + tally.hundredths() + static_cast<std::int64_t>(b);
    });
    report("one score update to the ranking change (EvaluationRoom::set_score)", bids, experts, criteria, measured,
           floor);
  } else if (mode == "document") {
    const std::string text = case_document(c);
    const double measured = median_us(rounds, [&] {
      auto read = engine::read_evaluation_case(text);
      g_sink = g_sink + static_cast<std::int64_t>(engine::write_evaluation_result(evaluate(read.value())).size());
    });
    const double floor = median_us(rounds, [&] {
      rapidjson::Document doc;
      doc.Parse(text.data(), text.size());
      g_sink = g_sink + static_cast<std::int64_t>(doc["bids"].Size());
    });
    report("document in, result out (read + evaluate + write)", bids, experts, criteria, measured, floor);
  } else {
    std::fputs("evaluation_bench: unknown mode\n", stderr);
    return 2;
  }
  return 0;
}
