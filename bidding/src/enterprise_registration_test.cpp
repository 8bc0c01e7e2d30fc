#include "gongping/bidding/enterprise_registration.hpp"

#include <catch2/catch.hpp>

using gp::bidding::EnterpriseRegistration;
using gp::bidding::validate;

namespace {
EnterpriseRegistration good() {
  return {"深圳市示例科技有限公司", "91440300708461136T", "张伟",
          "+86 755-8888-0000",      "bids@example.cn",    "a-long-enough-secret"};
}
std::vector<std::string> fields_of(const gp::common::Result<void>& r) {
  std::vector<std::string> out;
  for (const auto& f : r.error().fields) out.push_back(f.field);
  return out;
}
}  // namespace

TEST_CASE("a complete registration is accepted", "[bidding]") { CHECK(validate(good()).ok()); }

TEST_CASE("every broken field is named at once", "[bidding]") {
  auto r = good();
  r.uscc = "91440300708461136X";
  r.contact_email = "no-at-sign";
  r.password = "short";
  const auto result = validate(r);
  REQUIRE_FALSE(result.ok());
  CHECK(fields_of(result) == std::vector<std::string>{"uscc", "contact_email", "password"});
  CHECK(result.error().fields[0].problem.find("should be T") != std::string::npos);
}

TEST_CASE("phone and email shapes", "[bidding]") {
  auto r = good();
  r.contact_phone = "12a45678";
  CHECK(fields_of(validate(r)) == std::vector<std::string>{"contact_phone"});
  r = good();
  r.contact_email = "a@b";
  CHECK(fields_of(validate(r)) == std::vector<std::string>{"contact_email"});
  r = good();
  r.name = "x";
  r.contact_name = "";
  CHECK(fields_of(validate(r)) == std::vector<std::string>{"name", "contact_name"});
}
