#include "gongping/approvals/registry_import.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace gp::approvals;

TEST_CASE("CSV fields may be quoted, hold commas, quotes and line breaks", "[approvals][registry]") {
  const auto rows = parse_csv(
      "\xEF\xBB\xBF"
      "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\n");
  REQUIRE(rows);
  REQUIRE(rows.value().size() == 3);
  CHECK(rows.value()[0] == std::vector<std::string>{"a", "b", "c"});
  CHECK(rows.value()[1] == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
  CHECK(rows.value()[2] == std::vector<std::string>{"last", "", ""});

  const auto open = parse_csv("a,b\n\"never closed,b\n");
  REQUIRE_FALSE(open);
  CHECK(open.error().fields.at(0).field == "line 2");
  CHECK_FALSE(parse_csv("a,b\nx\"y,z\n"));
}

TEST_CASE("a registry CSV imports good rows and reports every problem of the bad ones", "[approvals][registry]") {
  const std::string csv =
      "name,owner_department,functions,data_resources,hosting,status\n"
      "不动产登记系统,广东省自然资源厅,不动产登记受理、审核、登簿与证书打印,不动产登记数据；宗地图,"
      "provincial_government_cloud,in_use\n"
      ",广东省教育厅,学籍管理,,own_machine_room,in_use\n"
      "旧考勤系统,广东省教育厅,考勤,,mainframe,broken\n"
      "Only two,fields\n"
      "政务服务网,广东省政务服务和数据管理局,\"Online services; appointments, \"\"one-stop\"\" handling\",,"
      "other_cloud,\n";
  const auto report = read_systems_csv(csv);
  REQUIRE(report);
  const auto& r = report.value();
  REQUIRE(r.accepted.size() == 2);
  CHECK(r.accepted[0].first == 1);
  CHECK(r.accepted[0].second.name == "不动产登记系统");
  CHECK(r.accepted[0].second.data_resources == std::vector<std::string>{"不动产登记数据", "宗地图"});
  CHECK(r.accepted[1].first == 5);
  CHECK(r.accepted[1].second.hosting == Hosting::other_cloud);
  CHECK(r.accepted[1].second.status == SystemStatus::in_use);  // empty status: in use
  REQUIRE(r.rejected.size() == 3);
  CHECK(r.rejected[0].row == 2);
  CHECK(r.rejected[0].problems.at(0).field == "name");
  CHECK(r.rejected[1].row == 3);
  REQUIRE(r.rejected[1].problems.size() == 2);
  CHECK(r.rejected[1].problems[0].field == "hosting");
  CHECK(r.rejected[1].problems[1].field == "status");
  CHECK(r.rejected[2].row == 4);
  CHECK(r.rejected[2].problems.at(0).field == "row");
}

TEST_CASE("a registry file with a bad header is refused whole", "[approvals][registry]") {
  const auto missing = read_systems_csv("name,functions,colour\nx,y,z\n");
  REQUIRE_FALSE(missing);
  std::vector<std::string> problems;
  for (const auto& f : missing.error().fields) problems.push_back(f.problem);
  CHECK(std::find(problems.begin(), problems.end(), "unknown column \"colour\"") != problems.end());
  CHECK(std::find(problems.begin(), problems.end(), "column \"hosting\" is missing") != problems.end());
  CHECK_FALSE(read_systems_csv(""));
}

TEST_CASE("system fields are bounded and must be UTF-8", "[approvals][registry]") {
  SystemFields f{"部门",
                 "系统",
                 std::string(kMaxFunctionsBytes + 1, 'x'),
                 {"ok", std::string(201, 'y')},
                 "provincial_government_cloud",
                 ""};
  auto r = validate_system(f);
  REQUIRE_FALSE(r);
  CHECK(r.error().fields.size() == 2);
  f.functions = "bad \xC3\x28 byte";
  f.data_resources = {"数据", "数据", " "};
  r = validate_system(f);
  REQUIRE_FALSE(r);
  CHECK(r.error().fields.at(0).problem == "is not valid UTF-8");
  f.functions = "fine";
  r = validate_system(f);
  REQUIRE(r);
  CHECK(r.value().data_resources == std::vector<std::string>{"数据"});  // duplicates and blanks dropped
  CHECK(system_matching_text(r.value()) == "系统\nfine\n数据");
}
