#pragma once
// Expert panels (DOMAIN.md "Expert panel"; Tendering Law Art. 37, Order 87 Art. 47, Caiku [2016]
// No. 198 Art. 16): who may sit on a tender's panel, and the draw that seats them.
//
// The draw is reproducible by anyone: the eligible experts' ids, sorted, are shuffled by a
// Fisher-Yates shuffle whose random numbers come from SHA-256(seed || counter) (docs/panel-draw.md
// gives the exact procedure). The seed is committed to before the opening and revealed with the draw,
// so that nobody can pick it once the bidders are known.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/common/instant.hpp"
#include "gongping/common/money.hpp"
#include "gongping/common/result.hpp"

namespace gp::matching {

using PanelSeed = std::array<std::uint8_t, 32>;

struct Employment {
  std::string enterprise;  // public id of the employer (or of a company the expert directed or controlled)
  common::Instant from;
  std::optional<common::Instant> until;  // none: still there
};

// An expert of the pool, as the draw sees them.
struct PoolExpert {
  std::string id;  // public account id
  std::vector<std::string> specialties;
  std::vector<Employment> employments;
  // Enterprises the expert declared an interest in: a spouse or close relative is their legal
  // representative, a stake, any other interest.
  std::vector<std::string> related_enterprises;
};

// How far back an employment excludes an expert: 3 years, counted as 3 x 366 days so that it is never
// shorter than three calendar years.
inline constexpr std::int64_t kConflictLookbackSeconds = 3LL * 366 * 24 * 3600;

// Why `expert` may not score bids of `bidders` at `now`, or nullopt when they may.
std::optional<std::string> conflict_of(const PoolExpert& expert, const std::vector<std::string>& bidders,
                                       common::Instant now);

// 5 members, or 7 when the budget is 10 million yuan or more.
std::size_t minimum_panel_size(common::Money budget);

struct PanelRequest {
  std::size_t size = 5;                                // odd, at least minimum_panel_size(budget)
  std::string specialty;                               // every drawn expert must list it
  std::vector<std::string> purchaser_representatives;  // seated as they are, at most a third, never chair
};

struct ExcludedExpert {
  std::string id;
  std::string reason;
};

struct PanelDraw {
  std::vector<std::string> eligible;  // sorted ids: the pool with the specialty and without conflicts
  std::vector<ExcludedExpert> excluded;
  std::vector<std::string> order;  // `eligible` in draw order: the first seats go to experts, the rest are reserves
  std::size_t expert_seats = 0;    // size - purchaser representatives
  // order[0] chairs the panel.
};

// The draw order of `eligible` (sorted ids) under `seed`.
std::vector<std::string> draw_order(const PanelSeed& seed, std::vector<std::string> eligible);

// validation_failed naming the broken rule (size, representatives) or conflict when the pool has too
// few eligible experts for the seats.
common::Result<PanelDraw> draw_panel(const PanelSeed& seed, const std::vector<PoolExpert>& pool,
                                     const std::vector<std::string>& bidders, const PanelRequest& request,
                                     common::Money budget, common::Instant now);

// The seed of a tender's draw: SHA-256("gongping panel seed v1" || secret || opening_digest), where
// the secret was committed to (as SHA-256(secret)) before the opening and opening_digest is the audit
// leaf hash of the opening record, unknown to anyone before the bids were opened.
PanelSeed panel_seed(const PanelSeed& secret, const std::array<std::uint8_t, 32>& opening_digest);
// The commitment published before the opening: SHA-256(secret).
std::array<std::uint8_t, 32> panel_seed_commitment(const PanelSeed& secret);

}  // namespace gp::matching
