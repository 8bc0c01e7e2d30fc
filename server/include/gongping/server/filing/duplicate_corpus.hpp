#pragma once
// DuplicateCorpus: what an application is compared with in the duplicate-construction check
// (approvals/duplicate_check.hpp): every registered system and every other application in flight
// (submitted and not yet accepted, rejected or returned), whose systems are not in the registry yet.
//
// The registry's index is built once and kept in memory (about 3 s for 100,000 systems); it is built
// again when the registry has grown since, by one caller while the others go on with the index they
// had (only the very first build is waited for). Applications in flight are few and change often;
// they are indexed at each call. Thread-safe; queries on a built index run concurrently.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "gongping/approvals/duplicate_check.hpp"

namespace gp::server::filing {

struct CorpusMatch {
  std::string id;    // "S-000123" (a registered system) or "A-000045" (an application)
  std::string name;  // the system's or the application's name
  std::string department;
  double score = 0;
  std::vector<std::string> phrases;
};

// Matches at or above the resolution threshold are all returned, up to this many (an application
// overlapping more systems than that is to be returned, not resolved match by match); matches below
// it, in the band shown for the reviewer's judgement, at most kMaxNearMatches.
inline constexpr std::size_t kMaxResolvableMatches = 200;
inline constexpr std::size_t kMaxNearMatches = 20;

struct CorpusMatches {
  std::vector<CorpusMatch> matches;  // best first
  bool truncated = false;            // more than kMaxResolvableMatches at or above the threshold
};

class DuplicateCorpus {
 public:
  // Matches of `text` scoring at least `shown_from`, best first: every one at or above `threshold`
  // (see kMaxResolvableMatches) and the best kMaxNearMatches below it. The application `own_row`
  // itself is left out. Runs in the caller's session.
  CorpusMatches matches(soci::session& sql, std::int64_t own_row, const std::string& text, double threshold,
                        double shown_from);

 private:
  std::shared_ptr<const approvals::DuplicateIndex> registry_index(soci::session& sql);

  std::mutex mutex_;        // guards the members below
  std::mutex build_mutex_;  // held by the one caller building a new index
  long long indexed_count_ = -1;
  long long indexed_max_id_ = -1;
  std::shared_ptr<const approvals::DuplicateIndex> index_;
};

// A score as JSON: a number with three decimals, "0.412".
std::string format_score(double score);

// The text an application is compared by: its name, functions and the data it will produce.
std::string application_matching_text(const std::string& name, const std::string& functions,
                                      const std::vector<std::string>& produces);

}  // namespace gp::server::filing
