#include "gongping/approvals/project_code.hpp"

#include <catch2/catch.hpp>

using namespace gp::approvals;

TEST_CASE("project codes read like GD-2026-000123", "[approvals]") {
  CHECK(format_project_code({"GD", 2026, 123}) == "GD-2026-000123");
  CHECK(parse_project_code("GD-2026-000123") == ProjectCode{"GD", 2026, 123});
  CHECK(parse_project_code("SZGZ-2030-999999") == ProjectCode{"SZGZ", 2030, 999999});
}

TEST_CASE("malformed project codes are refused", "[approvals]") {
  CHECK_FALSE(format_project_code({"GD", 2026, 0}));
  CHECK_FALSE(format_project_code({"GD", 2026, 1000000}));
  CHECK_FALSE(format_project_code({"gd", 2026, 1}));
  CHECK_FALSE(parse_project_code("GD-2026-123"));
  CHECK_FALSE(parse_project_code("GD-26-000123"));
  CHECK_FALSE(parse_project_code("GD-2026-000000"));
  CHECK_FALSE(parse_project_code("GD2026000123"));
  CHECK_FALSE(parse_project_code("GD-2026-00012a"));
}
