#include "gongping/approvals/compliance.hpp"

#include <algorithm>
#include <array>

#include "gongping/common/enum_names.hpp"

namespace gp::approvals {
namespace {

std::string hosting_name(Hosting h) {
  switch (h) {
    case Hosting::provincial_government_cloud: return "the provincial government cloud";
    case Hosting::own_machine_room: return "a machine room of its own";
    case Hosting::own_servers: return "servers of its own";
    case Hosting::other_cloud: return "a cloud other than the provincial government cloud";
  }
  return "an unknown place";
}

constexpr std::array<std::string_view, 4> kHostingNames = {"provincial_government_cloud", "own_machine_room",
                                                           "own_servers", "other_cloud"};
constexpr std::array<std::string_view, 3> kSharingNames = {"unconditional", "conditional", "not_shared"};
constexpr std::array<std::string_view, 3> kProjectTypeNames = {"build", "operations", "service"};

}  // namespace

std::string_view to_string(Hosting hosting) { return common::enum_name(kHostingNames, hosting); }
std::string_view to_string(SharingType sharing) { return common::enum_name(kSharingNames, sharing); }
std::string_view to_string(ProjectType type) { return common::enum_name(kProjectTypeNames, type); }
std::optional<Hosting> parse_hosting(std::string_view text) {
  return common::enum_from_name<Hosting>(kHostingNames, text);
}
std::optional<SharingType> parse_sharing_type(std::string_view text) {
  return common::enum_from_name<SharingType>(kSharingNames, text);
}
std::optional<ProjectType> parse_project_type(std::string_view text) {
  return common::enum_from_name<ProjectType>(kProjectTypeNames, text);
}

std::vector<ComplianceFinding> check_compliance(const ComplianceInput& application,
                                                const std::vector<CatalogueEntry>& catalogue,
                                                const std::vector<ComparableProject>& filed) {
  std::vector<ComplianceFinding> findings;
  if (application.hosting != Hosting::provincial_government_cloud) {
    findings.push_back({"hosting", FindingSeverity::blocking,
                        "The system would run on " + hosting_name(application.hosting) +
                            "; government systems run on the provincial government cloud."});
  }
  for (const auto& resource : application.produced_resources) {
    const auto entry = std::find_if(catalogue.begin(), catalogue.end(),
                                    [&](const CatalogueEntry& e) { return e.resource == resource; });
    if (entry == catalogue.end()) {
      findings.push_back(
          {"data_catalogue", FindingSeverity::blocking,
           "The data resource \"" + resource + "\" the system will produce is not in the data catalogue."});
    } else if (entry->sharing != SharingType::unconditional && entry->reason.empty()) {
      findings.push_back({"data_catalogue", FindingSeverity::blocking,
                          "The data resource \"" + resource +
                              "\" is registered as conditionally shared or not shared without a reason."});
    }
  }
  std::vector<std::int64_t> budgets;
  for (const auto& p : filed) {
    if (p.type == application.type) budgets.push_back(p.approved_budget.fen());
  }
  if (budgets.size() >= kMinComparables) {
    const auto [low, high] = std::minmax_element(budgets.begin(), budgets.end());
    const auto requested = application.requested_budget.fen();
    if (requested < *low || requested > *high) {
      findings.push_back({"budget", FindingSeverity::flag,
                          "The requested budget of " + application.requested_budget.to_yuan_string() +
                              " yuan is outside the range of " + std::to_string(budgets.size()) +
                              " comparable filed projects (" + common::Money::from_fen(*low).to_yuan_string() + " to " +
                              common::Money::from_fen(*high).to_yuan_string() + " yuan)."});
    }
  }
  std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
    return a.severity == FindingSeverity::blocking && b.severity != a.severity;
  });
  return findings;
}

bool blocks(const std::vector<ComplianceFinding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const ComplianceFinding& f) { return f.severity == FindingSeverity::blocking; });
}

}  // namespace gp::approvals
