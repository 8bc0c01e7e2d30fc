#include "gongping/approvals/compliance.hpp"

#include <catch2/catch.hpp>

using namespace gp::approvals;
using gp::common::Money;

namespace {

const std::vector<CatalogueEntry> kCatalogue = {
    {"不动产登记数据", SharingType::unconditional, ""},
    {"人口基础信息", SharingType::conditional, "涉及个人信息，按需申请"},
    {"内部考勤记录", SharingType::not_shared, ""},
};

const std::vector<ComparableProject> kFiled = {
    {ProjectType::build, Money::from_fen(300'000'000)},
    {ProjectType::build, Money::from_fen(800'000'000)},
    {ProjectType::build, Money::from_fen(1'200'000'000)},
    {ProjectType::operations, Money::from_fen(50'000'000)},
};

ComplianceInput compliant() {
  return {ProjectType::build,
          Hosting::provincial_government_cloud,
          {"不动产登记数据", "人口基础信息"},
          Money::from_fen(500'000'000)};
}

}  // namespace

TEST_CASE("an application on the government cloud, with catalogued data and a usual budget, complies",
          "[approvals][compliance]") {
  const auto findings = check_compliance(compliant(), kCatalogue, kFiled);
  CHECK(findings.empty());
  CHECK_FALSE(blocks(findings));
}

TEST_CASE("hosting outside the provincial government cloud blocks", "[approvals][compliance]") {
  for (const auto hosting : {Hosting::own_machine_room, Hosting::own_servers, Hosting::other_cloud}) {
    auto a = compliant();
    a.hosting = hosting;
    const auto findings = check_compliance(a, kCatalogue, kFiled);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "hosting");
    CHECK(blocks(findings));
  }
}

TEST_CASE("produced data must be catalogued, with a reason unless shared unconditionally", "[approvals][compliance]") {
  auto a = compliant();
  a.produced_resources = {"企业信用数据", "内部考勤记录"};
  const auto findings = check_compliance(a, kCatalogue, kFiled);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].message.find("企业信用数据") != std::string::npos);
  CHECK(findings[0].message.find("not in the data catalogue") != std::string::npos);
  CHECK(findings[1].message.find("without a reason") != std::string::npos);
  CHECK(blocks(findings));
}

TEST_CASE("a budget outside comparable filed projects is flagged, never blocked", "[approvals][compliance]") {
  auto a = compliant();
  a.requested_budget = Money::from_fen(2'000'000'000);
  a.hosting = Hosting::own_servers;
  const auto findings = check_compliance(a, kCatalogue, kFiled);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].rule == "hosting");  // blocking findings first
  CHECK(findings[1].rule == "budget");
  CHECK(findings[1].severity == FindingSeverity::flag);
  a.hosting = Hosting::provincial_government_cloud;
  CHECK_FALSE(blocks(check_compliance(a, kCatalogue, kFiled)));
  // Too few comparables of the type: no judgement.
  a.type = ProjectType::operations;
  CHECK(check_compliance(a, kCatalogue, kFiled).empty());
}

TEST_CASE("hosting, sharing and project type names read back", "[approvals][compliance]") {
  for (auto h :
       {Hosting::provincial_government_cloud, Hosting::own_machine_room, Hosting::own_servers, Hosting::other_cloud}) {
    CHECK(parse_hosting(to_string(h)) == h);
  }
  for (auto s : {SharingType::unconditional, SharingType::conditional, SharingType::not_shared}) {
    CHECK(parse_sharing_type(to_string(s)) == s);
  }
  for (auto t : {ProjectType::build, ProjectType::operations, ProjectType::service}) {
    CHECK(parse_project_type(to_string(t)) == t);
  }
  CHECK_FALSE(parse_hosting("cloud").has_value());
  CHECK_FALSE(parse_sharing_type("").has_value());
  CHECK_FALSE(parse_project_type("Build").has_value());
}
