#include "gongping/server/engine/watch_list.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace {

using gp::server::engine::WatchList;

TEST_CASE("a watcher is handed its key's events while its handle lives", "[watch_list]") {
  WatchList<std::string> list;
  auto alice = list.add("AU-000001", "alice");
  auto bob = list.add("AU-000002", "bob");
  auto carol = list.add("AU-000001", "carol");
  std::vector<std::string> of_first;
  for (const auto& w : list.of("AU-000001")) of_first.push_back(*w);
  std::sort(of_first.begin(), of_first.end());
  CHECK(of_first == std::vector<std::string>{"alice", "carol"});
  carol.reset();
  REQUIRE(list.of("AU-000001").size() == 1);
  CHECK(*list.of("AU-000001").front() == "alice");
  CHECK(list.of("AU-000003").empty());
}

TEST_CASE("watchers who come and go on a quiet key do not pile up", "[watch_list]") {
  WatchList<int> list;
  std::vector<std::shared_ptr<void>> staying;
  for (int i = 0; i < 100; ++i) staying.push_back(list.add("AU-000001", i));
  // Ten thousand visitors to another auction, each gone before the next comes; nobody asks for
  // that auction's watchers, so only the sweeps drop them.
  for (int i = 0; i < 10'000; ++i) list.add("AU-000002", i);
  CHECK(list.listed() <= 2 * staying.size() + 64);
  CHECK(list.of("AU-000001").size() == staying.size());
  CHECK(list.of("AU-000002").empty());
}

}  // namespace
