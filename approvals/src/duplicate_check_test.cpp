// The duplicate-construction check: normalisation, explanations, and its quality on a labelled set
// of registered systems and applications (Chinese and English, reworded), with precision and recall
// printed.
#include "gongping/approvals/duplicate_check.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <set>

using namespace gp::approvals;

namespace {

const std::vector<std::pair<std::string, std::string>> kRegistry = {
    {"S01", "不动产登记信息管理系统：不动产权籍调查、登记簿管理、权属证书打印、登记信息查询与共享"},
    {"S02", "政务服务网上办事大厅：事项申报、在线预约、办件进度查询、电子证照调用、好差评"},
    {"S03", "城市视频监控联网共享平台：视频汇聚、实时预览、录像回放、智能分析、设备运维"},
    {"S04", "人口基础信息库：户籍人口、流动人口信息采集、比对核验、数据共享交换"},
    {"S05",
     "Government cloud resource management platform: virtual machine provisioning, storage allocation, "
     "network isolation, usage metering and billing"},
    {"S06",
     "12345 citizen hotline system: call intake, ticket dispatch, case tracking, satisfaction survey, "
     "knowledge base"},
    {"S07", "财政预算管理一体化系统：预算编制、指标管理、国库集中支付、会计核算、决算报表"},
    {"S08", "公共资源交易平台：招标公告发布、电子投标、开标评标、中标公示、合同备案"},
    {"S09", "智慧教育云平台：在线课堂、教学资源库、学生学籍管理、家校互动"},
    {"S10",
     "Environmental monitoring system: air quality stations, water quality sensors, pollution source "
     "tracking, alert notification"},
    {"S11", "医疗保障信息平台：参保登记、医保结算、异地就医备案、基金监管"},
    {"S12", "市场主体登记注册系统：企业开办、名称自主申报、营业执照发放、年报公示"},
    {"S13", "档案管理系统：文书档案归档、档案著录、电子档案长期保存"},
    {"S14",
     "Road traffic signal control system: intersection timing plans, adaptive signal control, "
     "traffic flow detection"},
};

struct Application {
  std::string id;
  std::string text;
  std::set<std::string> overlaps;  // the registered systems it duplicates
};

const std::vector<Application> kApplications = {
    {"A01", "建设全市不动产登记管理平台，实现权籍调查、登记簿电子化管理、不动产权证书打印及登记信息查询共享", {"S01"}},
    {"A02", "新建网上政务服务办事系统，支持事项在线申报、预约办理、办件进度查询和电子证照调用", {"S02"}},
    {"A03", "建设视频监控共享平台，汇聚全市监控视频，提供实时预览与录像回放，并开展智能分析", {"S03"}},
    {"A04",
     "Citizen service hotline platform handling call intake, dispatching tickets to departments, tracking "
     "cases and running satisfaction surveys",
     {"S06"}},
    {"A05",
     "Cloud resource management for departments: provisioning virtual machines, allocating storage, "
     "isolating networks and metering usage",
     {"S05"}},
    {"A06", "电子招标投标交易系统：发布招标公告、在线投标、远程开标评标、公示中标结果、合同备案管理", {"S08"}},
    {"A07", "医保业务信息系统：参保登记管理、医保费用结算、异地就医备案办理、医保基金监管", {"S11"}},
    {"A08", "河道水位自动测报系统：雨量站、水位站数据采集，洪水预警发布", {}},
    {"A09", "机关食堂就餐管理系统：餐卡充值、菜品预订、消费统计", {}},
    {"A10",
     "Archive digitisation project: scanning paper records, OCR, metadata cataloguing, digital preservation",
     {}},
    {"A11", "企业登记全程电子化系统：企业开办一网通办、名称自主申报、电子营业执照发放、年度报告公示", {"S12"}},
    {"A12", "公务用车管理信息系统：车辆档案、用车申请、派车审批、油耗统计", {}},
    {"A13", "预算管理一体化：部门预算编制、预算指标管理、国库集中支付及会计核算", {"S07"}},
    {"A14", "智慧停车诱导系统：车位检测、停车诱导屏、在线缴费", {}},
    {"A15", "教育资源公共服务平台：建设教学资源库、在线课堂直播，管理学生学籍信息", {"S09"}},
    {"A16", "Network performance monitoring for the data centre: latency probes, bandwidth graphs, alerting", {}},
    {"A17", "电子档案管理平台：档案著录、电子档案归档与长期保存", {"S13"}},
    {"A18", "Adaptive traffic signal control at intersections with traffic flow detection and timing plans", {"S14"}},
    {"A19", "人口信息比对核验服务：采集户籍人口与流动人口信息并共享交换", {"S04"}},
    {"A20", "森林防火监测预警系统：瞭望塔视频、火点识别、扑火指挥", {}},
};

constexpr double kThreshold = 0.35;

DuplicateIndex registry_index() {
  DuplicateIndex index;
  for (const auto& [id, text] : kRegistry) index.add(id, text);
  index.finish();
  return index;
}

}  // namespace

TEST_CASE("texts are normalised across scripts, widths and punctuation", "[approvals][duplicates]") {
  CHECK(normalise_for_matching("Video  Platform，ＡＢＣ！") == U"video platform abc");
  CHECK(normalise_for_matching("视频监控、录像回放。") == U"视频监控 录像回放");
  CHECK(normalise_for_matching("\xff\xfe ok") == U"ok");  // malformed bytes are punctuation-like
}

TEST_CASE("a match says which passages the texts share", "[approvals][duplicates]") {
  const auto index = registry_index();
  const auto found = index.matches(kApplications[0].text, kThreshold, 3);
  REQUIRE_FALSE(found.empty());
  CHECK(found[0].id == "S01");
  CHECK(found[0].score > 0.5);
  REQUIRE_FALSE(found[0].phrases.empty());
  // The longest shared passage comes first.
  CHECK(found[0].phrases[0].size() >= found[0].phrases.back().size());
  bool names_it = false;
  for (const auto& p : found[0].phrases) names_it = names_it || p.find("登记信息查询") != std::string::npos;
  CHECK(names_it);
}

TEST_CASE("the index refuses queries before it is finished", "[approvals][duplicates]") {
  DuplicateIndex index;
  index.add("S", "something");
  CHECK_THROWS_AS(index.matches("something", 0.1, 1), std::logic_error);
  index.finish();
  CHECK(index.matches("something", 0.1, 1).size() == 1);
  CHECK(index.matches("", 0.1, 1).empty());
}

TEST_CASE("the duplicate check finds the known overlaps of a labelled set", "[approvals][duplicates]") {
  const auto index = registry_index();
  std::size_t true_positives = 0, false_positives = 0, false_negatives = 0;
  for (const auto& application : kApplications) {
    std::set<std::string> found;
    for (const auto& m : index.matches(application.text, kThreshold, 5)) found.insert(m.id);
    for (const auto& id : found) (application.overlaps.contains(id) ? true_positives : false_positives)++;
    for (const auto& id : application.overlaps) false_negatives += found.contains(id) ? 0 : 1;
    INFO(application.id);
    CHECK(found == application.overlaps);
  }
  const double precision = static_cast<double>(true_positives) / static_cast<double>(true_positives + false_positives);
  const double recall = static_cast<double>(true_positives) / static_cast<double>(true_positives + false_negatives);
  std::printf(
      "duplicate check on the labelled set (threshold %.2f): precision %.3f, recall %.3f (%zu TP, %zu FP, %zu FN)\n",
      kThreshold, precision, recall, true_positives, false_positives, false_negatives);
  CHECK(precision >= 0.9);
  CHECK(recall >= 0.9);
}
