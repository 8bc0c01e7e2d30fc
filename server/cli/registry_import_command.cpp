// gongping registry import FILE [--format csv|json]
// Imports government information systems into the system registry (issue 5) from CSV (a header
// row naming owner_department, name, functions, data_resources, hosting, status; see
// approvals/registry_import.hpp) or JSON (an array of objects with those members, data_resources an
// array). Every good row lands, in one transaction; every bad row is reported with its problems.
// Exit code: 0 every row imported, 1 some rows rejected (the rest imported) or the file unusable,
// 2 bad usage.
#include <rapidjson/document.h>

#include <algorithm>
#include <cstdio>

#include "cli_options.hpp"
#include "commands.hpp"
#include "database_access.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/filing/registry_service.hpp"

namespace gp::cli {
namespace {

constexpr std::size_t kMaxFileBytes = 256u << 20;

// The JSON file: every object becomes a row; a row whose members have the wrong types is rejected.
common::Result<approvals::ImportReport> read_systems_json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError() || !doc.IsArray()) {
    return common::Error::validation({{"file", "is not a JSON array of systems"}});
  }
  approvals::ImportReport report;
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
    const auto& o = doc[i];
    approvals::SystemFields f;
    std::vector<common::FieldError> problems;
    const auto text_member = [&](const char* name, std::string& out, bool required) {
      if (!o.IsObject() || !o.HasMember(name)) {
        if (required) problems.push_back({name, "is required"});
      } else if (!o[name].IsString()) {
        problems.push_back({name, "must be text"});
      } else {
        out.assign(o[name].GetString(), o[name].GetStringLength());
      }
    };
    text_member("owner_department", f.owner_department, true);
    text_member("name", f.name, true);
    text_member("functions", f.functions, true);
    text_member("hosting", f.hosting, true);
    text_member("status", f.status, false);
    if (o.IsObject() && o.HasMember("data_resources")) {
      const auto& list = o["data_resources"];
      if (!list.IsArray()) {
        problems.push_back({"data_resources", "must be an array of names"});
      } else {
        for (const auto& item : list.GetArray()) {
          if (item.IsString()) {
            f.data_resources.emplace_back(item.GetString(), item.GetStringLength());
          } else {
            problems.push_back({"data_resources", "must hold names only"});
          }
        }
      }
    }
    const std::size_t row = i + 1;
    if (!problems.empty()) {
      report.rejected.push_back({row, std::move(problems)});
    } else if (auto system = approvals::validate_system(f)) {
      report.accepted.emplace_back(row, std::move(system.value()));
    } else {
      report.rejected.push_back({row, system.error().fields});
    }
  }
  return report;
}

}  // namespace

int registry_import_command(int argc, char** argv) {
  constexpr const char* kUsage = "usage: gongping registry import FILE [--format csv|json]\n";
  if (argc < 3 || std::string(argv[2]) != "import") {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const auto setup = set_up_command(argc, argv, 3, {});
  if (!setup || setup->args.positional.size() != 1) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const auto& path = setup->args.positional[0];
  std::string format = setup->args.flag("format").value_or("");
  if (format.empty()) format = path.size() > 5 && path.ends_with(".json") ? "json" : "csv";
  if (format != "csv" && format != "json") {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const auto text = read_text(path);
  if (!text) {
    std::fprintf(stderr, "gongping: cannot read %s\n", path.c_str());
    return 1;
  }
  if (text->size() > kMaxFileBytes) {
    std::fprintf(stderr, "gongping: %s is larger than 256 MiB; split it\n", path.c_str());
    return 1;
  }
  auto report = format == "json" ? read_systems_json(*text) : approvals::read_systems_csv(*text);
  if (!report) {
    print_error(report.error());
    return 1;
  }
  return with_database(setup->settings, [&](server::db::Database& database) {
    common::SystemClock clock;
    server::filing::RegistryService registry(database, clock);
    auto outcome = registry.import_systems(server::accounts::system_actor(), report.value());
    if (!outcome) {
      print_error(outcome.error());
      return 1;
    }
    auto rejected = outcome.value().rejected;
    std::sort(rejected.begin(), rejected.end(),
              [](const approvals::RejectedRow& a, const approvals::RejectedRow& b) { return a.row < b.row; });
    std::printf("imported %zu system(s); rejected %zu row(s)\n", outcome.value().imported, rejected.size());
    for (const auto& r : rejected) {
      for (const auto& p : r.problems) std::printf("row %zu: %s: %s\n", r.row, p.field.c_str(), p.problem.c_str());
    }
    return rejected.empty() ? 0 : 1;
  });
}

}  // namespace gp::cli
