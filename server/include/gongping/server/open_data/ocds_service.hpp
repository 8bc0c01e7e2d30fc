#pragma once
// OcdsService: the platform's open data in OCDS 1.1 with the bid extension (audit/ocds_release.hpp
// for the mapping; issue 6). For anyone:
// - a release package per tender and a record package per tender;
// - a change feed: the releases dated after `since`, oldest first, paged, with the next page's link.
// Tenders never published (drafts, drafts cancelled) are never shown, and bids only once they are opened (the mapping
// leaves them out of every release before). Blocking: run on the worker pool. Thread-safe.

#include <optional>
#include <string>

#include "gongping/common/clock.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::open_data {

inline constexpr std::size_t kMaxFeedReleases = 100;

class OcdsService {
 public:
  // `ocid_prefix` is the registered prefix ("ocds-" and six characters); `origin` the platform's
  // public origin, for package URIs.
  OcdsService(db::Database& database, const common::Clock& clock, std::string ocid_prefix, std::string origin);

  common::Result<std::string> release_package(const std::string& tender_id);
  common::Result<std::string> record_package(const std::string& tender_id);
  // Releases after the cursor (`since`, and among releases of that very time those whose id sorts
  // after `after`), all when there is none; at most `limit`, oldest first; the package's links.next
  // holds the cursor of the page after.
  common::Result<std::string> feed(std::optional<common::Instant> since, const std::string& after, std::size_t limit);

 private:
  db::Database& db_;
  const common::Clock& clock_;
  std::string prefix_;
  std::string origin_;
};

}  // namespace gp::server::open_data
