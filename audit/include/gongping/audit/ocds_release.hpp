#pragma once
// Open data: a tender's contracting process as OCDS 1.1 releases, with the bid extension (issue 6;
// ../shared/ocds). Pure: the caller gathers the facts, this writes the JSON.
//
// A process is published as up to four releases, each a snapshot of everything known at its stage:
//   <tender>-tender    tag tender              published: the notice, its periods, the buyer
//   <tender>-bids      tag tenderUpdate        once the bids are opened (never before): the bids with
//                                              their tenderers and prices, the number of tenderers
//   <tender>-award     tag award               the award (pending during its publicity, active once
//                                              the notice is issued) and its supplier
//   <tender>-contract  tag contract            the signed contract
// A cancelled tender's last release is tagged tenderCancellation; a failed one ends with its
// tender unsuccessful. The compiled release of a record is the latest snapshot.
// Amounts are yuan (CNY) as JSON numbers with two decimals; times are RFC 3339 UTC.

#include <optional>
#include <string>
#include <vector>

#include "gongping/common/instant.hpp"
#include "gongping/common/money.hpp"

namespace gp::audit::ocds {

struct Organization {
  std::string id;  // "E-000042" (an enterprise) or "U-000007" (the buying official's unit)
  std::string name;
};

struct BidFact {
  std::string id;  // "B-000777"
  Organization tenderer;
  common::Instant received_at;
  std::optional<common::Money> price;  // none when the bid could not be opened
  bool valid = true;                   // false: disqualified (undecryptable or over the ceiling)
};

struct TenderFacts {
  std::string tender_id;
  std::string title;
  std::string description;
  std::string category;   // goods, services, works
  std::string procedure;  // public_tender, invited_tender, ...
  std::string state;      // the tender's lifecycle state
  common::Money budget;
  common::Instant published_at;
  common::Instant clarification_deadline;
  common::Instant bid_deadline;
  bool price_only = false;  // the award goes to the lowest price (else rated criteria)
  Organization buyer;
  std::optional<std::string> project_code;  // the filed informatization project, if any
  std::optional<common::Instant> opened_at;
  std::vector<BidFact> bids;  // empty unless opened
  struct Award {
    Organization supplier;
    common::Money value;
    common::Instant announced_at;
    std::optional<common::Instant> notice_at;
  };
  std::optional<Award> award;
  struct Contract {
    common::Money value;
    common::Instant signed_at;    // as the official entered it (dateSigned)
    common::Instant recorded_at;  // when the platform recorded it: the release's date
  };
  std::optional<Contract> contract;
  std::optional<common::Instant> ended_at;  // cancelled or failed: when
};

// "<prefix>-<tender id>", e.g. "ocds-gp0000-T-2026-000123".
std::string ocid(const std::string& prefix, const std::string& tender_id);

struct Release {
  std::string id;
  common::Instant date;
  std::string json;
};

// The process's releases, oldest first.
std::vector<Release> releases(const std::string& ocid_prefix, const TenderFacts& facts);

struct PackageInfo {
  std::string uri;  // where the package is served
  common::Instant published_at;
  std::string publisher;
};

std::string release_package(const PackageInfo& info, const std::vector<Release>& releases);
// One record per process: its releases embedded, and the latest as the compiled release.
std::string record_package(const PackageInfo& info, const std::vector<std::vector<Release>>& processes);

}  // namespace gp::audit::ocds
