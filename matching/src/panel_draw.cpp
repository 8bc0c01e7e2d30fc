#include "gongping/matching/panel_draw.hpp"

#include <algorithm>
#include <set>

#include "gongping/common/crypto.hpp"

namespace gp::matching {
namespace {

using common::ErrorCode;

// Successive 64-bit words of SHA-256(seed || u64be(0)), SHA-256(seed || u64be(1)), ...: 4 per block.
class SeedStream {
 public:
  explicit SeedStream(const PanelSeed& seed) : seed_(seed) {}

  std::uint64_t next_word() {
    if (used_ == 4) refill();
    std::uint64_t word = 0;
    for (int i = 0; i < 8; ++i) word = (word << 8) | block_[static_cast<std::size_t>(used_ * 8 + i)];
    ++used_;
    return word;
  }

  // Uniform in [0, bound) by rejection: words at or above the largest multiple of bound are redrawn.
  std::uint64_t below(std::uint64_t bound) {
    const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % bound + 1) % bound;  // a multiple of bound, minus 1
    while (true) {
      const auto w = next_word();
      if (w <= limit) return w % bound;
    }
  }

 private:
  void refill() {
    std::string input(seed_.begin(), seed_.end());
    for (int i = 7; i >= 0; --i) input += static_cast<char>((counter_ >> (8 * i)) & 0xff);
    block_ = common::sha256(input);
    ++counter_;
    used_ = 0;
  }

  PanelSeed seed_;
  std::array<std::uint8_t, 32> block_{};
  std::uint64_t counter_ = 0;
  int used_ = 4;
};

bool contains(const std::vector<std::string>& list, const std::string& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

}  // namespace

std::optional<std::string> conflict_of(const PoolExpert& expert, const std::vector<std::string>& bidders,
                                       common::Instant now) {
  const auto lookback = now.plus_seconds(-kConflictLookbackSeconds);
  for (const auto& job : expert.employments) {
    if (!contains(bidders, job.enterprise)) continue;
    if (!job.until || *job.until >= lookback) {
      return "worked for, directed or controlled bidder " + job.enterprise + " in the past 3 years";
    }
  }
  for (const auto& related : expert.related_enterprises) {
    if (contains(bidders, related)) return "declared an interest in bidder " + related;
  }
  return std::nullopt;
}

std::size_t minimum_panel_size(common::Money budget) {
  return budget >= common::Money::from_fen(10'000'000LL * 100) ? 7 : 5;
}

std::vector<std::string> draw_order(const PanelSeed& seed, std::vector<std::string> eligible) {
  SeedStream stream(seed);
  for (std::size_t i = eligible.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(stream.below(i));  // 0 <= j <= i - 1
    std::swap(eligible[i - 1], eligible[j]);
  }
  return eligible;
}

common::Result<PanelDraw> draw_panel(const PanelSeed& seed, const std::vector<PoolExpert>& pool,
                                     const std::vector<std::string>& bidders, const PanelRequest& request,
                                     common::Money budget, common::Instant now) {
  const auto minimum = minimum_panel_size(budget);
  if (request.size % 2 == 0 || request.size < minimum) {
    return common::Error::validation({{"size", "must be odd and at least " + std::to_string(minimum) +
                                                   (minimum == 7 ? " (the budget is 10 million yuan or more)" : "")}});
  }
  const auto& reps = request.purchaser_representatives;
  if (reps.size() * 3 > request.size) {
    return common::Error::validation({{"purchaser_representatives", "may fill at most a third of the seats"}});
  }
  if (std::set<std::string>(reps.begin(), reps.end()).size() != reps.size()) {
    return common::Error::validation({{"purchaser_representatives", "lists someone twice"}});
  }
  if (request.specialty.empty()) return common::Error::validation({{"specialty", "is required"}});

  PanelDraw draw;
  draw.expert_seats = request.size - reps.size();
  for (const auto& expert : pool) {
    if (contains(reps, expert.id)) {
      draw.excluded.push_back({expert.id, "sits as a purchaser representative"});
    } else if (!contains(expert.specialties, request.specialty)) {
      continue;  // not of this specialty: not a candidate at all
    } else if (auto conflict = conflict_of(expert, bidders, now)) {
      draw.excluded.push_back({expert.id, *conflict});
    } else {
      draw.eligible.push_back(expert.id);
    }
  }
  std::sort(draw.eligible.begin(), draw.eligible.end());
  draw.eligible.erase(std::unique(draw.eligible.begin(), draw.eligible.end()), draw.eligible.end());
  std::sort(draw.excluded.begin(), draw.excluded.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  if (draw.eligible.size() < draw.expert_seats) {
    return common::make_error(ErrorCode::conflict, "Only " + std::to_string(draw.eligible.size()) +
                                                       " experts of specialty \"" + request.specialty +
                                                       "\" may sit on this panel; it needs " +
                                                       std::to_string(draw.expert_seats) + ".");
  }
  draw.order = draw_order(seed, draw.eligible);
  return draw;
}

PanelSeed panel_seed(const PanelSeed& secret, const std::array<std::uint8_t, 32>& opening_digest) {
  std::string input = "gongping panel seed v1";
  input.append(secret.begin(), secret.end());
  input.append(opening_digest.begin(), opening_digest.end());
  return common::sha256(input);
}

std::array<std::uint8_t, 32> panel_seed_commitment(const PanelSeed& secret) {
  return common::sha256(std::string(secret.begin(), secret.end()));
}

}  // namespace gp::matching
