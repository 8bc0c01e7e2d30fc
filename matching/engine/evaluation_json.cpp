#include "evaluation_json.hpp"

#include <algorithm>
#include <bitset>
#include <set>
#include <variant>

#include "exact_json.hpp"
#include "gongping/common/json_writer.hpp"

namespace gp::matching::engine {
namespace {

using common::Error;
using Kind = ExactJson::Kind;

// A reading failure at a JSON path; thrown inside this file only, turned into a Result at the edge.
struct Refusal {
  std::string field;
  std::string problem;
};

[[noreturn]] void refuse(std::string field, std::string problem) {
  throw Refusal{std::move(field), std::move(problem)};
}

std::string join(const std::string& path, std::string_view member) {
  return path.empty() ? std::string(member) : path + "." + std::string(member);
}

// Every member of `object` must be one of `known`, and none may appear twice.
void check_members(const ExactJson& object, const std::string& path, std::initializer_list<std::string_view> known) {
  std::bitset<32> seen;  // by place in `known` (at most 12 names)
  for (const auto& [name, value] : object.members) {
    const auto at = std::find(known.begin(), known.end(), name);
    if (at == known.end()) refuse(join(path, name), "is not a member the evaluation case format (version 1) defines");
    const auto place = static_cast<std::size_t>(at - known.begin());
    if (seen[place]) refuse(join(path, name), "appears twice");
    seen[place] = true;
  }
}

const ExactJson& require_kind(const ExactJson& value, Kind kind, const std::string& path, const char* what) {
  if (value.kind != kind) refuse(path, std::string("must be ") + what);
  return value;
}

const ExactJson* member(const ExactJson& object, std::string_view name) { return object.find(name); }

const ExactJson& required(const ExactJson& object, const std::string& path, std::string_view name) {
  const auto* v = object.find(name);
  if (!v) refuse(join(path, name), "is required");
  return *v;
}

std::string read_string(const ExactJson& v, const std::string& path) {
  return require_kind(v, Kind::string, path, "a string").text;
}

Decimal4 read_decimal(const ExactJson& v, const std::string& path) {
  require_kind(v, Kind::number, path, "a number");
  const auto d = parse_decimal4(v.text);
  if (!d) refuse(path, v.text + " is not a decimal with at most 4 places (and at most 10^12)");
  return *d;
}

// An integer written as one: digits, an optional leading minus, no fraction or exponent.
std::int64_t read_integer(const ExactJson& v, const std::string& path, const char* what) {
  require_kind(v, Kind::number, path, what);
  std::string_view t = v.text;
  const bool negative = !t.empty() && t.front() == '-';
  if (negative) t.remove_prefix(1);
  if (t.empty() || t.size() > 18 || t.find_first_not_of("0123456789") != std::string_view::npos) {
    refuse(path, std::string("must be ") + what);
  }
  const auto value = std::stoll(std::string(t));
  return negative ? -value : value;
}

template <class Enum>
Enum read_enum(const ExactJson& v, const std::string& path, std::optional<Enum> (*parse)(std::string_view),
               const char* choices) {
  const auto text = read_string(v, path);
  const auto parsed = parse(text);
  if (!parsed) refuse(path, "\"" + text + "\" is not one of " + choices);
  return *parsed;
}

BenchmarkParameters read_benchmark(const ExactJson& v) {
  const std::string path = "benchmark";
  require_kind(v, Kind::object, path, "an object");
  check_members(v, path, {"k_percent", "drop_highest_from", "drop_lowest_from", "deduct_above", "deduct_below"});
  BenchmarkParameters b;
  b.k_percent = read_decimal(required(v, path, "k_percent"), "benchmark.k_percent");
  if (const auto* d = member(v, "drop_highest_from")) {
    b.drop_highest_from = read_integer(*d, "benchmark.drop_highest_from", "an integer");
  }
  if (const auto* d = member(v, "drop_lowest_from")) {
    b.drop_lowest_from = read_integer(*d, "benchmark.drop_lowest_from", "an integer");
  }
  b.deduct_above = read_decimal(required(v, path, "deduct_above"), "benchmark.deduct_above");
  b.deduct_below = read_decimal(required(v, path, "deduct_below"), "benchmark.deduct_below");
  return b;
}

std::size_t index_of(const std::vector<std::string>& ids, std::string_view id) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == id) return i;
  }
  return ids.size();
}

// The bulk of a large case: paths are spelt out only for a refusal.
void read_scores(const ExactJson& v, const std::string& path, const EvaluationCase& c,
                 const std::vector<std::string>& criterion_ids, CaseBid& bid) {
  require_kind(v, Kind::object, path, "an object of experts' scores");
  bid.scores.assign(c.experts.size(), std::vector<std::optional<Decimal4>>(c.criteria.size()));
  std::vector<bool> expert_seen(c.experts.size(), false);
  for (const auto& [expert, by_criterion] : v.members) {
    const auto e = index_of(c.experts, expert);
    if (e == c.experts.size()) refuse(path + "." + expert, "is not a listed expert");
    if (expert_seen[e]) refuse(path + "." + expert, "appears twice");
    expert_seen[e] = true;
    require_kind(by_criterion, Kind::object, path + "." + expert, "an object of scores by criterion");
    auto& row = bid.scores[e];
    for (const auto& [criterion, score] : by_criterion.members) {
      const auto k = index_of(criterion_ids, criterion);
      if (k == criterion_ids.size()) refuse(path + "." + expert + "." + criterion, "is not a listed criterion");
      if (row[k]) refuse(path + "." + expert + "." + criterion, "appears twice");
      row[k] = score.kind == Kind::number ? parse_decimal4(score.text) : std::nullopt;
      if (!row[k]) row[k] = read_decimal(score, path + "." + expert + "." + criterion);  // refuses
    }
  }
}

CaseBid read_bid(const ExactJson& v, const std::string& path, const EvaluationCase& c,
                 const std::vector<std::string>& criterion_ids) {
  require_kind(v, Kind::object, path, "an object");
  check_members(v, path, {"bidder", "price_fen", "size", "responsive", "scores"});
  CaseBid bid;
  bid.bidder = read_string(required(v, path, "bidder"), path + ".bidder");
  bid.price_fen = read_integer(required(v, path, "price_fen"), path + ".price_fen", "a positive integer of fen");
  if (const auto* s = member(v, "size")) {
    bid.size = read_enum(*s, path + ".size", parse_enterprise_size, "large, medium, small, micro");
  }
  if (const auto* r = member(v, "responsive")) {
    bid.responsive = require_kind(*r, Kind::boolean, path + ".responsive", "true or false").flag;
  }
  if (const auto* s = member(v, "scores")) read_scores(*s, path + ".scores", c, criterion_ids, bid);
  return bid;
}

EvaluationCase read_case(const ExactJson& doc, ScoresRequired scores) {
  require_kind(doc, Kind::object, "(document)", "a JSON object");
  check_members(doc, "",
                {"method", "price_formula", "ceiling_fen", "min_valid_bids", "sme_deduction_percent",
                 "abnormally_low_percent", "price_points", "benchmark", "criteria", "experts", "aggregation", "bids"});
  EvaluationCase c;
  c.method = read_enum(required(doc, "", "method"), "method", parse_evaluation_method, "comprehensive, lowest_price");
  const bool comprehensive = c.method == EvaluationMethod::comprehensive;
  if (comprehensive) {
    c.price_formula = read_enum(required(doc, "", "price_formula"), "price_formula", parse_price_formula,
                                "low_price_first, benchmark_average");
    c.price_points = read_decimal(required(doc, "", "price_points"), "price_points");
    if (c.price_formula == PriceFormula::benchmark_average)
      c.benchmark = read_benchmark(required(doc, "", "benchmark"));
  }
  if (const auto* v = member(doc, "ceiling_fen")) {
    c.ceiling_fen = read_integer(*v, "ceiling_fen", "a positive integer of fen");
  }
  if (const auto* v = member(doc, "min_valid_bids"))
    c.min_valid_bids = read_integer(*v, "min_valid_bids", "an integer");
  if (const auto* v = member(doc, "sme_deduction_percent")) {
    require_kind(*v, Kind::object, "sme_deduction_percent", "an object of percentages by enterprise size");
    check_members(*v, "sme_deduction_percent", {"large", "medium", "small", "micro"});
    for (const auto& [size, percent] : v->members) {
      const auto s = parse_enterprise_size(size);
      c.sme_deduction_percent[static_cast<std::size_t>(*s)] = read_decimal(percent, "sme_deduction_percent." + size);
    }
  }
  if (const auto* v = member(doc, "abnormally_low_percent")) {
    c.abnormally_low_percent = read_decimal(*v, "abnormally_low_percent");
  }
  // criteria, experts and aggregation score the technical part: required when there is one.
  const auto* criteria = comprehensive ? &required(doc, "", "criteria") : member(doc, "criteria");
  if (criteria) {
    require_kind(*criteria, Kind::array, "criteria", "an array");
    for (std::size_t i = 0; i < criteria->items.size(); ++i) {
      const std::string path = "criteria[" + std::to_string(i) + "]";
      const auto& item = require_kind(criteria->items[i], Kind::object, path, "an object");
      check_members(item, path, {"id", "max"});
      c.criteria.push_back({read_string(required(item, path, "id"), path + ".id"),
                            read_decimal(required(item, path, "max"), path + ".max")});
    }
  }
  const auto* experts = comprehensive ? &required(doc, "", "experts") : member(doc, "experts");
  if (experts) {
    require_kind(*experts, Kind::array, "experts", "an array");
    for (std::size_t i = 0; i < experts->items.size(); ++i) {
      c.experts.push_back(read_string(experts->items[i], "experts[" + std::to_string(i) + "]"));
    }
  }
  const auto* aggregation = comprehensive ? &required(doc, "", "aggregation") : member(doc, "aggregation");
  if (aggregation) c.aggregation = read_enum(*aggregation, "aggregation", parse_aggregation, "mean, trimmed_mean");
  // Ids must be unique before scores refer to them.
  if (auto ok = check_evaluation_case(c, scores); !ok) {
    throw Refusal{ok.error().fields[0].field, ok.error().fields[0].problem};
  }

  const auto& bids = require_kind(required(doc, "", "bids"), Kind::array, "bids", "an array");
  std::vector<std::string> criterion_ids;
  for (const auto& criterion : c.criteria) criterion_ids.push_back(criterion.id);
  for (std::size_t i = 0; i < bids.items.size(); ++i) {
    c.bids.push_back(read_bid(bids.items[i], "bids[" + std::to_string(i) + "]", c, criterion_ids));
  }
  return c;
}

}  // namespace

common::Result<EvaluationCase> read_evaluation_case(std::string_view json, ScoresRequired scores) {
  auto parsed = parse_exact_json(json);
  if (const auto* error = std::get_if<ExactJsonError>(&parsed)) {
    return Error::validation(
        {{"(document)", "not JSON at byte " + std::to_string(error->offset) + ": " + error->message}});
  }
  return read_evaluation_case(std::get<ExactJson>(parsed), scores);
}

common::Result<EvaluationCase> read_evaluation_case(const ExactJson& document, ScoresRequired scores) {
  try {
    auto c = read_case(document, scores);
    if (auto ok = check_evaluation_case(c, scores); !ok) return ok.error();
    return c;
  } catch (const Refusal& refusal) {
    return Error::validation({{refusal.field, refusal.problem}});
  }
}

std::string write_evaluation_case(const EvaluationCase& c) {
  common::JsonWriter w;
  const auto decimal = [&](std::string_view key, Decimal4 d) { w.key(key).raw(format_decimal4(d)); };
  w.begin_object().key("method").value(c.method == EvaluationMethod::comprehensive ? "comprehensive" : "lowest_price");
  if (c.method == EvaluationMethod::comprehensive) {
    w.key("price_formula")
        .value(c.price_formula == PriceFormula::low_price_first ? "low_price_first" : "benchmark_average");
    decimal("price_points", c.price_points);
    if (c.benchmark) {
      w.key("benchmark").begin_object();
      decimal("k_percent", c.benchmark->k_percent);
      if (c.benchmark->drop_highest_from) w.key("drop_highest_from").value(*c.benchmark->drop_highest_from);
      if (c.benchmark->drop_lowest_from) w.key("drop_lowest_from").value(*c.benchmark->drop_lowest_from);
      decimal("deduct_above", c.benchmark->deduct_above);
      decimal("deduct_below", c.benchmark->deduct_below);
      w.end_object();
    }
  }
  if (c.ceiling_fen) w.key("ceiling_fen").value(*c.ceiling_fen);
  w.key("min_valid_bids").value(c.min_valid_bids);
  w.key("sme_deduction_percent").begin_object();
  for (std::size_t s = 0; s < kEnterpriseSizes; ++s) {
    if (c.sme_deduction_percent[s]) decimal(to_string(static_cast<EnterpriseSize>(s)), *c.sme_deduction_percent[s]);
  }
  w.end_object();
  if (c.abnormally_low_percent) decimal("abnormally_low_percent", *c.abnormally_low_percent);
  w.key("criteria").begin_array();
  for (const auto& k : c.criteria) {
    w.begin_object().key("id").value(k.id);
    decimal("max", k.max);
    w.end_object();
  }
  w.end_array().key("experts").begin_array();
  for (const auto& e : c.experts) w.value(e);
  w.end_array().key("aggregation").value(c.aggregation == Aggregation::mean ? "mean" : "trimmed_mean");
  w.key("bids").begin_array();
  for (const auto& bid : c.bids) {
    w.begin_object().key("bidder").value(bid.bidder).key("price_fen").value(bid.price_fen);
    w.key("size").value(to_string(bid.size)).key("responsive").value(bid.responsive);
    if (!bid.scores.empty()) {
      w.key("scores").begin_object();
      for (std::size_t e = 0; e < bid.scores.size(); ++e) {
        w.key(c.experts[e]).begin_object();
        for (std::size_t k = 0; k < bid.scores[e].size(); ++k) {
          if (bid.scores[e][k]) decimal(c.criteria[k].id, *bid.scores[e][k]);
        }
        w.end_object();
      }
      w.end_object();
    }
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string write_evaluation_result(const EvaluationResult& r) {
  common::JsonWriter w;
  w.begin_object();
  if (r.status == EvaluationStatus::failed) {
    w.key("status").value("failed").key("failure_reason").value(EvaluationResult::kInsufficientValidBids);
  } else {
    w.key("status").value("completed");
    if (r.benchmark_price_fen) w.key("benchmark_price_fen").value(*r.benchmark_price_fen);
    w.key("results").begin_array();
    for (const auto& row : r.results) {
      w.begin_object().key("bidder").value(row.bidder).key("rank").value(row.rank).key("tied").value(row.tied);
      w.key("evaluated_price_fen").value(row.evaluated_price_fen);
      if (row.total_hundredths) {
        w.key("price_score").value(format_hundredths(*row.price_score_hundredths));
        w.key("technical_score").value(format_hundredths(*row.technical_score_hundredths));
        w.key("total").value(format_hundredths(*row.total_hundredths));
      }
      w.key("flags").begin_array();
      if (row.abnormally_low) w.value("abnormally_low");
      w.end_array().end_object();
    }
    w.end_array();
  }
  w.key("rejected").begin_array();
  for (const auto& rejected : r.rejected) {
    w.begin_object().key("bidder").value(rejected.bidder).key("reason").value(to_string(rejected.reason)).end_object();
  }
  w.end_array().end_object();
  return w.take();
}

}  // namespace gp::matching::engine
