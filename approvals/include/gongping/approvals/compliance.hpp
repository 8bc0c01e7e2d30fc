#pragma once
// Compliance rules an informatization application is checked against automatically, with the
// findings shown to the reviewer (DOMAIN.md "What reviewers check"; issue 5):
//
// - hosting: systems run on the provincial government cloud; a new machine room, own servers or
//   another cloud is a blocking finding;
// - data: every data resource the system will produce is registered in the data catalogue with a
//   sharing type, and a reason when it is conditional or not shared (blocking);
// - budget: the requested budget against filed projects of the same type: outside the range they
//   span is a flag for the reviewer, never a block (with fewer than 3 comparables, no judgement).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongping/common/money.hpp"

namespace gp::approvals {

enum class Hosting { provincial_government_cloud, own_machine_room, own_servers, other_cloud };
enum class SharingType { unconditional, conditional, not_shared };
enum class ProjectType { build, operations, service };

// The names the API and the import files use: "provincial_government_cloud", "own_machine_room",
// "own_servers", "other_cloud"; "unconditional", "conditional", "not_shared"; "build", "operations",
// "service".
std::string_view to_string(Hosting hosting);
std::string_view to_string(SharingType sharing);
std::string_view to_string(ProjectType type);
std::optional<Hosting> parse_hosting(std::string_view text);
std::optional<SharingType> parse_sharing_type(std::string_view text);
std::optional<ProjectType> parse_project_type(std::string_view text);

struct CatalogueEntry {
  std::string resource;  // the data resource's name, as the catalogue registers it
  SharingType sharing = SharingType::unconditional;
  std::string reason;  // required for conditional and not_shared
};

struct ComplianceInput {
  ProjectType type = ProjectType::build;
  Hosting hosting = Hosting::provincial_government_cloud;
  std::vector<std::string> produced_resources;
  common::Money requested_budget;
};

struct ComparableProject {
  ProjectType type = ProjectType::build;
  common::Money approved_budget;
};

enum class FindingSeverity { blocking, flag };

struct ComplianceFinding {
  std::string rule;  // "hosting", "data_catalogue", "budget"
  FindingSeverity severity = FindingSeverity::blocking;
  std::string message;
};

inline constexpr std::size_t kMinComparables = 3;

// Every finding, blocking ones first; empty when the application complies.
std::vector<ComplianceFinding> check_compliance(const ComplianceInput& application,
                                                const std::vector<CatalogueEntry>& catalogue,
                                                const std::vector<ComparableProject>& filed);

// Whether any finding blocks the application from moving on.
bool blocks(const std::vector<ComplianceFinding>& findings);

}  // namespace gp::approvals
