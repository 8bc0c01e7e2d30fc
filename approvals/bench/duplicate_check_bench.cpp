// duplicate_check_bench: one application checked against a registry of SYSTEMS texts
// (simulations/duplicate_check_bench runs it; goal p99 under 50 ms at 100,000 systems).
//
//   duplicate_check_bench SYSTEMS QUERIES
//
// The registry is synthetic but shaped like the real one: each text is 8 to 15 "words" of 2 to 4 CJK
// characters, with a Zipf-like share of very common words (系统, 管理, 平台, 数据...), so that
// common grams have long posting lists. A quarter of the queries reword a registered text; the rest
// are new. The floor, measured in the same run, is the work every method must do: normalising the
// query and cutting it into grams (here: a fresh one-text index). Prints one JSON line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "gongping/approvals/duplicate_check.hpp"

using Clock = std::chrono::steady_clock;

namespace {

std::string utf8(char32_t cp) {
  std::string out;
  out += static_cast<char>(0xE0 | (cp >> 12));
  out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out += static_cast<char>(0x80 | (cp & 0x3F));
  return out;
}

const std::vector<std::string> kCommon = {"系统", "管理", "平台", "数据", "信息", "服务", "共享", "查询", "统计",
                                          "分析", "监管", "办理", "登记", "审批", "资源", "智慧", "综合", "业务"};

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fputs("usage: duplicate_check_bench SYSTEMS QUERIES\n", stderr);
    return 2;
  }
  const auto systems = std::stoul(argv[1]);
  const auto queries = std::stoul(argv[2]);
  std::mt19937_64 rng(2026);
  std::vector<std::string> vocabulary;
  for (int w = 0; w < 20000; ++w) {
    std::string word;
    const int chars = 2 + static_cast<int>(rng() % 3);
    for (int c = 0; c < chars; ++c) word += utf8(static_cast<char32_t>(0x4E00 + rng() % 3000));
    vocabulary.push_back(word);
  }
  const auto text = [&] {
    std::string t;
    const int words = 8 + static_cast<int>(rng() % 8);
    for (int w = 0; w < words; ++w) {
      t += rng() % 10 < 4 ? kCommon[rng() % kCommon.size()] : vocabulary[rng() % vocabulary.size()];
      t += w % 3 == 2 ? "、" : "";
    }
    return t;
  };

  std::vector<std::string> registry;
  for (std::size_t i = 0; i < systems; ++i) registry.push_back(text());
  const auto build_start = Clock::now();
  gp::approvals::DuplicateIndex index;
  for (std::size_t i = 0; i < systems; ++i) index.add("S" + std::to_string(i), registry[i]);
  index.finish();
  const double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - build_start).count();

  std::vector<std::string> asks;
  for (std::size_t q = 0; q < queries; ++q) {
    asks.push_back(q % 4 == 0 ? registry[rng() % systems] + "、" + kCommon[rng() % kCommon.size()] + "升级" : text());
  }
  std::vector<double> check_ms, floor_ms;
  std::size_t matched = 0;
  for (const auto& ask : asks) {
    auto start = Clock::now();
    matched += index.matches(ask, 0.35, 10).empty() ? 0 : 1;
    check_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    start = Clock::now();
    gp::approvals::DuplicateIndex alone;
    alone.add("q", ask);
    alone.finish();
    floor_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::printf(
      "{\"measure\":\"duplicate check of one application\",\"systems\":%zu,\"queries\":%zu,\"index_build_ms\":%.0f,"
      "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"floor_p50_ms\":%.4f,\"ratio_p50\":%.1f,\"queries_with_matches\":%zu}\n",
      systems, queries, build_ms, percentile(check_ms, 0.5), percentile(check_ms, 0.99), percentile(floor_ms, 0.5),
      percentile(check_ms, 0.5) / percentile(floor_ms, 0.5), matched);
  return 0;
}
