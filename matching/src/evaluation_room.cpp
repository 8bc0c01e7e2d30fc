#include "gongping/matching/evaluation_room.hpp"

#include <algorithm>

#include "gongping/common/crypto.hpp"

namespace gp::matching {
namespace {

using common::ErrorCode;
using common::make_error;

std::size_t index_in(const std::vector<std::string>& ids, std::string_view id) {
  return static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

}  // namespace

common::Result<EvaluationRoom> EvaluationRoom::open(EvaluationCase setup, RoomSettings settings) {
  if (auto ok = check_evaluation_case(setup, ScoresRequired::none); !ok) return ok.error();
  if (settings.deviation_alert_percent < Decimal4{0}) {
    return common::Error::validation({{"deviation_alert_percent", "must not be negative"}});
  }
  for (auto& bid : setup.bids) {
    if (bid.scores.empty()) {
      bid.scores.assign(setup.experts.size(), std::vector<std::optional<Decimal4>>(setup.criteria.size()));
    }
  }
  auto prices = score_prices(setup);
  return EvaluationRoom(std::move(setup), settings, std::move(prices));
}

EvaluationRoom::EvaluationRoom(EvaluationCase setup, RoomSettings settings, PriceOutcome prices)
    : case_(std::move(setup)), settings_(settings), prices_(std::move(prices)) {
  scores_by_expert_.assign(case_.experts.size(), 0);
  for (std::size_t i = 0; i < prices_.valid.size(); ++i) {
    const auto& priced = prices_.valid[i];
    RoomBid bid{priced.bid, priced, TechnicalTally(case_.experts.size(), case_.criteria.size(), case_.aggregation), 0};
    const auto& scores = case_.bids[priced.bid].scores;
    bid.tally.load(scores);
    for (std::size_t e = 0; e < scores.size(); ++e) {
      scores_by_expert_[e] += static_cast<std::size_t>(
          std::count_if(scores[e].begin(), scores[e].end(), [](const auto& s) { return s.has_value(); }));
    }
    room_bid_of_.emplace(case_.bids[priced.bid].bidder, i);
    bids_.push_back(std::move(bid));
    rescore(i);
  }
  alerted_.assign(bids_.size() * case_.criteria.size() * case_.experts.size(), false);
  order_.resize(bids_.size());
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  std::sort(order_.begin(), order_.end(),
            [&](std::size_t a, std::size_t b) { return ranks_before(case_.method, key_of(a), key_of(b)); });
}

void EvaluationRoom::rescore(std::size_t i) {
  auto& bid = bids_[i];
  bid.total_hundredths = case_.method == EvaluationMethod::comprehensive
                             ? bid.priced.price_score_hundredths.value_or(0) + bid.tally.hundredths()
                             : 0;
}

RankKey EvaluationRoom::key_of(std::size_t i) const {
  const auto& bid = bids_[i];
  const auto& c = case_.bids[bid.case_index];
  return RankKey{bid.total_hundredths, bid.priced.evaluated_micro_fen, c.price_fen, c.bidder};
}

std::size_t EvaluationRoom::position_of(std::size_t i) const {
  const auto key = key_of(i);
  // Keys are unique (the bidder id breaks every tie), so the lower bound is the bid itself.
  return static_cast<std::size_t>(std::lower_bound(order_.begin(), order_.end(), key,
                                                   [&](std::size_t other, const RankKey& k) {
                                                     return ranks_before(case_.method, key_of(other), k);
                                                   }) -
                                  order_.begin());
}

std::vector<RankingRow> EvaluationRoom::rows_between(std::size_t first, std::size_t last) const {
  // A row's rank is one more than the position where its group of shared rank starts.
  std::size_t group_start = first;
  while (group_start > 0 && shares_rank(case_.method, key_of(order_[group_start - 1]), key_of(order_[group_start]))) {
    --group_start;
  }
  std::vector<RankingRow> rows;
  for (std::size_t p = first; p <= last; ++p) {
    const auto key = key_of(order_[p]);
    if (p > group_start && !shares_rank(case_.method, key_of(order_[p - 1]), key)) group_start = p;
    const bool tied_before = p > 0 && shares_rank(case_.method, key_of(order_[p - 1]), key);
    const bool tied_after = p + 1 < order_.size() && shares_rank(case_.method, key, key_of(order_[p + 1]));
    const auto& bid = bids_[order_[p]];
    rows.push_back(
        RankingRow{std::string(key.bidder), static_cast<std::int64_t>(group_start) + 1, tied_before || tied_after,
                   case_.method == EvaluationMethod::comprehensive ? bid.tally.hundredths() : 0, bid.total_hundredths});
  }
  return rows;
}

common::Result<RoomUpdate> EvaluationRoom::set_score(std::string_view expert, std::string_view bidder,
                                                     std::string_view criterion, std::optional<Decimal4> score) {
  const auto e = index_in(case_.experts, expert);
  if (e == case_.experts.size())
    return make_error(ErrorCode::not_found, "No expert \"" + std::string(expert) + "\" sits on this panel.");
  std::size_t k = 0;
  while (k < case_.criteria.size() && case_.criteria[k].id != criterion) ++k;
  if (k == case_.criteria.size())
    return make_error(ErrorCode::not_found, "No criterion \"" + std::string(criterion) + "\" in this evaluation.");
  const auto found = room_bid_of_.find(std::string(bidder));
  if (found == room_bid_of_.end()) {
    return make_error(ErrorCode::not_found, "No bid of \"" + std::string(bidder) + "\" is under evaluation.");
  }
  if (score && (*score < Decimal4{0} || *score > case_.criteria[k].max)) {
    return common::Error::validation(
        {{"score", format_decimal4(*score) + " is outside [0, " + format_decimal4(case_.criteria[k].max) + "]"}});
  }
  const std::size_t i = found->second;
  auto& bid = bids_[i];
  RoomUpdate update;
  const auto previous = bid.tally.score(e, k);
  if (previous == score) return update;

  const bool was_finished = expert_finished(expert);
  if (!previous) ++scores_by_expert_[e];
  if (!score) --scores_by_expert_[e];
  case_.bids[bid.case_index].scores[e][k] = score;

  const std::size_t old_position = position_of(i);
  order_.erase(order_.begin() + static_cast<std::ptrdiff_t>(old_position));
  bid.tally.set(e, k, score);
  rescore(i);
  const std::size_t new_position = position_of(i);
  order_.insert(order_.begin() + static_cast<std::ptrdiff_t>(new_position), i);

  // Rows between the old and the new place moved by one; the row just above may have gained or lost
  // a tie; a group sharing a rank with the last of them starts elsewhere now.
  std::size_t first = std::min(old_position, new_position);
  std::size_t last = std::max(old_position, new_position);
  if (first > 0) --first;
  if (last + 1 < order_.size()) ++last;
  while (last + 1 < order_.size() && shares_rank(case_.method, key_of(order_[last]), key_of(order_[last + 1]))) ++last;
  update.changed_rows = rows_between(first, last);
  update.alerts = check_deviation(i, k);
  update.expert_finished = !was_finished && expert_finished(expert);
  return update;
}

std::vector<DeviationAlert> EvaluationRoom::check_deviation(std::size_t i, std::size_t k) {
  std::vector<DeviationAlert> alerts;
  const auto experts = case_.experts.size();
  std::vector<std::int64_t> given;
  for (std::size_t e = 0; e < experts; ++e) {
    if (const auto s = bids_[i].tally.score(e, k)) given.push_back(s->units);
  }
  if (given.size() < 3) return alerts;
  std::sort(given.begin(), given.end());
  const std::size_t mid = given.size() / 2;
  // Twice the median, to stay in integers for an even count.
  const std::int64_t median2 = given.size() % 2 ? 2 * given[mid] : given[mid - 1] + given[mid];
  // |s - median| > p/100 x max  <=>  |2s - median2| x 100 x 10^4 > 2 x p_units x max_units
  const Int128 limit = static_cast<Int128>(2) * settings_.deviation_alert_percent.units * case_.criteria[k].max.units;
  for (std::size_t e = 0; e < experts; ++e) {
    const auto s = bids_[i].tally.score(e, k);
    const std::size_t slot = (i * case_.criteria.size() + k) * experts + e;
    if (!s) {
      alerted_[slot] = false;
      continue;
    }
    const Int128 deviation = static_cast<Int128>(2 * s->units - median2) * 100 * Decimal4::kScale;
    const bool deviates = (deviation < 0 ? -deviation : deviation) > limit;
    if (deviates && !alerted_[slot]) {  // alerted once, again only after coming back within the limit
      alerts.push_back(
          {case_.experts[e], case_.bids[bids_[i].case_index].bidder, case_.criteria[k].id, *s, Decimal4{median2 / 2}});
    }
    alerted_[slot] = deviates;
  }
  return alerts;
}

bool EvaluationRoom::expert_finished(std::string_view expert) const {
  const auto e = index_in(case_.experts, expert);
  return e < case_.experts.size() && scores_by_expert_[e] == bids_.size() * case_.criteria.size();
}

bool EvaluationRoom::complete() const {
  return std::all_of(bids_.begin(), bids_.end(), [](const RoomBid& b) { return b.tally.complete(); });
}

EvaluationResult EvaluationRoom::standing() const {
  EvaluationResult result;
  result.rejected = prices_.rejected;
  if (!prices_.enough_valid_bids) {
    result.status = EvaluationStatus::failed;
    return result;
  }
  const bool comprehensive = case_.method == EvaluationMethod::comprehensive;
  if (comprehensive) result.benchmark_price_fen = prices_.benchmark_price_fen;
  if (order_.empty()) return result;
  const auto rows = rows_between(0, order_.size() - 1);
  for (std::size_t p = 0; p < order_.size(); ++p) {
    const auto& bid = bids_[order_[p]];
    RankedBid ranked;
    ranked.bidder = rows[p].bidder;
    ranked.rank = rows[p].rank;
    ranked.tied = rows[p].tied;
    ranked.evaluated_price_fen = bid.priced.evaluated_price_fen;
    ranked.abnormally_low = bid.priced.abnormally_low;
    if (comprehensive) {
      ranked.price_score_hundredths = bid.priced.price_score_hundredths;
      ranked.technical_score_hundredths = rows[p].technical_hundredths;
      ranked.total_hundredths = rows[p].total_hundredths;
    }
    result.results.push_back(std::move(ranked));
  }
  return result;
}

std::string EvaluationRoom::state_digest() const {
  common::Sha256Stream digest;
  const auto field = [&](std::string_view text) {
    digest.update(std::to_string(text.size()));
    digest.update(":");
    digest.update(text);
  };
  const auto number = [&](std::optional<std::int64_t> n) { field(n ? std::to_string(*n) : "-"); };
  const auto decimal = [&](std::optional<Decimal4> d) { number(d ? std::optional(d->units) : std::nullopt); };
  // Every input of the case (specs/evaluation-case.md), then every score, then the order.
  field(std::to_string(static_cast<int>(case_.method)) + "/" + std::to_string(static_cast<int>(case_.price_formula)) +
        "/" + std::to_string(static_cast<int>(case_.aggregation)));
  number(case_.ceiling_fen);
  number(case_.min_valid_bids);
  for (const auto& d : case_.sme_deduction_percent) decimal(d);
  decimal(case_.abnormally_low_percent);
  decimal(case_.price_points);
  if (case_.benchmark) {
    decimal(case_.benchmark->k_percent);
    number(case_.benchmark->drop_highest_from);
    number(case_.benchmark->drop_lowest_from);
    decimal(case_.benchmark->deduct_above);
    decimal(case_.benchmark->deduct_below);
  } else {
    field("no benchmark");
  }
  decimal(settings_.deviation_alert_percent);
  for (const auto& e : case_.experts) field(e);
  for (const auto& k : case_.criteria) field(k.id + "=" + std::to_string(k.max.units));
  for (const auto& bid : case_.bids) {
    field(bid.bidder + "=" + std::to_string(bid.price_fen) + "/" + std::string(to_string(bid.size)) +
          (bid.responsive ? "" : "!"));
    for (const auto& row : bid.scores) {
      for (const auto& s : row) decimal(s);
    }
  }
  for (const auto i : order_) field(case_.bids[bids_[i].case_index].bidder);
  return common::to_hex(digest.finish());
}

}  // namespace gp::matching
