// The demo of project filing for `gongping demo-seed`: a few registered government systems, the data
// catalogue's resources, and one application of the demo department submitted for review, which
// overlaps a registered system (so the reviewer sees a duplicate match to resolve). Skipped when the
// registry holds systems already. Demo databases only.
#include <cstdio>

#include "cli_options.hpp"
#include "commands.hpp"
#include "database_access.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/common/random.hpp"
#include "gongping/server/filing/application_service.hpp"
#include "gongping/server/filing/registry_service.hpp"

namespace gp::cli {
namespace {

constexpr const char* kRegistryCsv =
    "owner_department,name,functions,data_resources,hosting,status\n"
    "广东省教育厅,广东省中小学生学籍管理系统,\"学生学籍注册、转学、休学、复学与毕业管理，学籍信息查询与统计\","
    "学籍数据；学校基础信息,provincial_government_cloud,in_use\n"
    "广东省自然资源厅,不动产登记系统,\"不动产登记业务受理、审核、登簿，不动产权证书打印与登记信息查询\","
    "不动产登记数据；宗地图,provincial_government_cloud,in_use\n"
    "广东省人力资源和社会保障厅,社会保险经办系统,\"社会保险参保登记、缴费核定、待遇核定与发放\","
    "社保参保数据,provincial_government_cloud,in_use\n"
    "广东省政务服务和数据管理局,广东政务服务网,\"政务服务事项办理、预约、评价与电子证照调用\","
    "电子证照库；政务服务事项目录,provincial_government_cloud,in_use\n";

int fail(const common::Error& error) {
  std::fprintf(stderr, "gongping: the demo application could not be made:\n");
  print_error(error);
  return 1;
}

}  // namespace

int seed_demo_filing(const server::config::Settings& settings) {
  return with_database(settings, [&](server::db::Database& database) -> int {
    common::SystemClock clock;
    server::filing::RegistryService registry(database, clock);
    auto existing = registry.systems({"", 1, 0});
    if (!existing) return fail(existing.error());
    if (existing.value().total > 0) {
      std::printf("demo registry: already there\n");
      return 0;
    }
    const auto report = approvals::read_systems_csv(kRegistryCsv);
    if (!report) return fail(report.error());
    const auto actor = server::accounts::system_actor();
    if (auto imported = registry.import_systems(actor, report.value()); !imported) return fail(imported.error());
    const server::filing::CatalogueResource resources[] = {
        {"学籍数据",
         "广东省教育厅",
         {"学籍号", "姓名", "学校"},
         server::filing::UpdateFrequency::daily,
         approvals::SharingType::conditional,
         "含未成年人个人信息，按需申请"},
        {"学校基础信息",
         "广东省教育厅",
         {"学校标识码", "名称", "地址"},
         server::filing::UpdateFrequency::monthly,
         approvals::SharingType::unconditional,
         ""},
        {"电子证照库",
         "广东省政务服务和数据管理局",
         {"证照编号", "持证主体", "有效期"},
         server::filing::UpdateFrequency::realtime,
         approvals::SharingType::conditional,
         "按证照类型授权调用"},
    };
    for (const auto& r : resources) {
      if (auto added = registry.add_resource(actor, r); !added) return fail(added.error());
    }

    const auto department = principal_of(database, "department");
    if (!department) return fail(common::make_error(common::ErrorCode::not_found, "no demo account department"));
    common::CryptoRandom random;
    server::filing::ApplicationService applications(
        database, clock, random,
        {settings.stage_limits, settings.duplicate_threshold_percent / 100.0, settings.review_panel_size,
         settings.review_specialty, settings.project_code_region});
    server::filing::ApplicationDraft draft;
    draft.name = "【演示】中小学生学籍与综合素质评价系统 Student records and evaluation (demo)";
    draft.type = approvals::ProjectType::build;
    draft.requested_budget = common::Money::from_fen(480'000'000);
    draft.functions =
        "学生学籍注册、转学与毕业管理，综合素质评价记录与查询，学籍信息统计分析，对接广东政务服务网电子证照。";
    draft.consumes = {"电子证照库"};
    draft.produces = {"学籍数据"};
    draft.hosting = approvals::Hosting::provincial_government_cloud;
    draft.security_level = 3;
    draft.domestic_technology = "国产服务器操作系统、国产数据库";
    draft.schedule_start = "2027-03-01";
    draft.schedule_end = "2027-12-31";
    auto created = applications.create(*department, draft);
    if (!created) return fail(created.error());
    const auto& id = created.value().id;
    for (const auto kind :
         {server::filing::AttachmentKind::proposal, server::filing::AttachmentKind::feasibility_study}) {
      auto attached = applications.attach(*department, id, kind, "text/plain; charset=utf-8",
                                          "演示附件 demo attachment: " + std::string(server::filing::to_string(kind)));
      if (!attached) return fail(attached.error());
    }
    auto submitted = applications.take_step(*department, id, {approvals::ApplicationEvent::submit, "", std::nullopt});
    if (!submitted) return fail(submitted.error());
    std::printf("demo registry: 4 systems, 3 catalogue resources; application %s submitted for review\n", id.c_str());
    return 0;
  });
}

}  // namespace gp::cli
