// gongping demo-seed [--keys-dir DIR]: demo enterprises and one staff account per role, with fixed
// demo passwords printed for the person trying the platform, then a published demo tender with
// sealed bids (demo_tender_seed.cpp), then the demo registry and a submitted application
// (demo_filing_seed.cpp), then two demo auctions about to start (demo_auction_seed.cpp).
// Idempotent: what exists is left alone (a demo auction long over is followed by a fresh one).
// Never run against a production database.
#include <cstdio>

#include "cli_options.hpp"
#include "commands.hpp"
#include "database_access.hpp"
#include "gongping/common/uscc.hpp"

namespace gp::cli {
namespace {

struct DemoStaff {
  const char* login;
  common::Role role;
  const char* name;
};

constexpr DemoStaff kStaff[] = {
    {"admin", common::Role::admin, "平台管理员 Platform admin"},
    {"official", common::Role::official, "李娜 Li Na (采购人)"},
    {"official2", common::Role::official, "王强 Wang Qiang (代理机构)"},
    {"expert", common::Role::expert, "陈静 Chen Jing (评审专家)"},
    {"supervisor", common::Role::supervisor, "赵敏 Zhao Min (监督)"},
    {"department", common::Role::department, "广东省教育厅"},  // a department account is named by its department
    {"reviewer", common::Role::reviewer, "黄磊 Huang Lei (数据局)"},
};

struct DemoEnterprise {
  const char* uscc_prefix;  // 17 characters; the check character is computed
  const char* name;
  const char* contact;
};

constexpr DemoEnterprise kEnterprises[] = {
    {"91440300MA5FXXXX1", "深圳市示例信息技术有限公司 Shenzhen Example IT Co.", "张伟"},
    {"91440101MA9YYYY02", "广州市云联数据科技有限公司 Guangzhou Yunlian Data Co.", "李静"},
    {"91440600MA4WWWW03", "佛山市智造软件有限公司 Foshan Zhizao Software Co.", "周涛"},
};

std::string demo_password(const std::string& login) { return "demo-" + login + "-2026"; }

}  // namespace

int demo_seed_command(int argc, char** argv) {
  const auto setup = set_up_command(argc, argv, 2, {});
  if (!setup) return 2;
  const int accounts_done = with_accounts(setup->settings, [](server::accounts::AccountService& accounts) {
    std::printf("%-22s %-12s %-20s %s\n", "login", "role", "password", "name");
    for (const auto& s : kStaff) {
      auto created =
          accounts.create_staff({s.login, s.role, s.name, demo_password(s.login)}, server::accounts::system_actor());
      if (!created && created.error().code != common::ErrorCode::login_taken) {
        print_error(created.error());
        return 1;
      }
      std::printf("%-22s %-12s %-20s %s\n", s.login, std::string(common::to_string(s.role)).c_str(),
                  demo_password(s.login).c_str(), s.name);
    }
    for (const auto& e : kEnterprises) {
      const std::string uscc = std::string(e.uscc_prefix) + *common::uscc_check_character(e.uscc_prefix);
      bidding::EnterpriseRegistration r{
          e.name, uscc, e.contact, "+86 20 8888 0000", "bids@example.cn", demo_password("enterprise")};
      auto registered = accounts.register_enterprise(r);
      if (!registered && registered.error().code != common::ErrorCode::uscc_taken) {
        print_error(registered.error());
        return 1;
      }
      std::printf("%-22s %-12s %-20s %s\n", uscc.c_str(), "enterprise", demo_password("enterprise").c_str(), e.name);
    }
    return 0;
  });
  if (accounts_done != 0) return accounts_done;
  const int tender_done = seed_demo_tender(setup->settings, setup->args.flag("keys-dir").value_or("var/demo-keys"));
  if (tender_done != 0) return tender_done;
  const int filing_done = seed_demo_filing(setup->settings);
  if (filing_done != 0) return filing_done;
  std::vector<std::string> enterprise_logins;
  for (const auto& e : kEnterprises) {
    enterprise_logins.push_back(std::string(e.uscc_prefix) + *common::uscc_check_character(e.uscc_prefix));
  }
  return seed_demo_auctions(setup->settings, enterprise_logins);
}

}  // namespace gp::cli
