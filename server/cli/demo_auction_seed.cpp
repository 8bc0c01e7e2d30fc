// The demo auctions for `gongping demo-seed`: the demo official (`official`) publishes an ascending
// land-use-rights auction that starts two to three minutes after the seed (on a whole minute), with
// the three demo enterprises' deposits confirmed (they may bid from its start), and a reverse
// auction among them that starts ten to eleven minutes after the seed. The server's auction keeper
// opens both in the engine. A demo auction that may still be running (before its latest end) is
// left alone; otherwise a fresh one is made, so that every demo run has auctions to bid in. Demo
// databases only.
#include <cstdio>

#include "auction_codec.hpp"
#include "cli_options.hpp"
#include "commands.hpp"
#include "database_access.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/auctions/auction_service.hpp"

namespace gp::cli {
namespace {

constexpr const char* kLandTitle = "【演示】广州市天河区智慧城地块国有建设用地使用权挂牌出让 Land-use rights (demo)";
constexpr const char* kReverseTitle =
    "【演示】省政务云运维服务反向竞价 Government cloud operations, reverse auction (demo)";
// How long after its start each demo auction may still run: the land auction's hard stop; the
// reverse auction's 3 rounds of 3 turns of 2 minutes.
constexpr std::int64_t kLandRunsSeconds = 2 * 3600;
constexpr std::int64_t kReverseRunsSeconds = 3 * 3 * 120;

int fail(const common::Error& error) {
  std::fprintf(stderr, "gongping: the demo auctions could not be made:\n");
  print_error(error);
  return 1;
}

// The next whole minute `minutes` from now (a start time a person can read at a glance).
common::Instant minutes_ahead(const common::Clock& clock, std::int64_t minutes) {
  const std::int64_t minute = 60'000'000;
  const std::int64_t now = clock.now().unix_micros();
  return common::Instant::from_unix_micros((now / minute + 1 + minutes) * minute);
}

server::auctions::NewAuction new_auction(std::string title, std::string description, std::int64_t deposit_fen,
                                         matching::AuctionTerms terms) {
  server::auctions::NewAuction n{std::move(title), std::move(description), deposit_fen, std::move(terms), {}};
  common::JsonWriter body;
  body.begin_object();
  matching::engine::write_auction_terms(body, n.terms);
  body.end_object();
  n.terms_body_json = body.take();
  return n;
}

server::auctions::NewAuction land_auction(const common::Clock& clock) {
  matching::EnglishAuctionTerms t;
  t.starting_price_fen = 480'000'000'00;  // 4.8 亿元
  t.reserve_price_fen = 520'000'000'00;
  t.increment.fixed_fen = 5'000'000'00;  // 500 万元
  t.starts_at = minutes_ahead(clock, 2);
  t.free_bidding_ends_at = t.starts_at.plus_seconds(30 * 60);
  t.countdown_seconds = 180;
  t.hard_stop_at = t.starts_at.plus_seconds(kLandRunsSeconds);
  return new_auction(kLandTitle,
                     "宗地面积 32,600 平方米，商务金融用地，容积率不超过 6.0，出让年限 40 年。"
                     "竞买保证金 9,600 万元。自由竞价 30 分钟，其后每次有效出价重新开始 3 分钟倒计时。",
                     96'000'000'00, t);
}

server::auctions::NewAuction reverse_auction(const common::Clock& clock,
                                             const std::vector<server::accounts::Principal>& bidders) {
  matching::ReverseAuctionTerms t;
  t.expected_value_fen = 12'000'000'00;  // 1,200 万元
  t.min_step_bp = 50;
  t.rounds = 3;
  t.turn_seconds = 120;
  t.starts_at = minutes_ahead(clock, 10);
  const std::int64_t initial[] = {11'800'000'00, 11'500'000'00, 11'950'000'00};
  const std::int32_t coefficient[] = {0, 0, 500};  // the third scored best on the non-price parts
  for (std::size_t i = 0; i < bidders.size() && i < 3; ++i) {
    t.bidders.push_back({bidders[i].public_id, initial[i], coefficient[i]});
  }
  return new_auction(kReverseTitle,
                     "非价格部分评审后的反向竞价：3 轮，每轮由报价最差者先出价，每次出价须至少降低预算的 0.5%，"
                     "每次 2 分钟。系数来自技术评分，比较的是调整后价格 = 报价 ÷ (1 + 系数)。",
                     0, t);
}

// A demo auction titled `title` that may still be running (`runs` seconds from its start), if any.
common::Result<std::optional<std::string>> open_demo_auction(server::auctions::AuctionService& auctions,
                                                             const common::Clock& clock, const std::string& title,
                                                             std::int64_t runs) {
  auto listed = auctions.list(200);
  if (!listed) return listed.error();
  const auto cutoff = clock.now().plus_seconds(-runs);
  for (const auto& a : listed.value()) {
    if (a.title == title && a.state == "scheduled" && cutoff < a.starts_at) return std::optional<std::string>(a.id);
  }
  return std::optional<std::string>();
}

}  // namespace

int seed_demo_auctions(const server::config::Settings& settings, const std::vector<std::string>& enterprise_logins) {
  return with_database(settings, [&](server::db::Database& database) -> int {
    common::SystemClock clock;
    server::auctions::AuctionService auctions(database, clock);
    const auto official = principal_of(database, "official");
    if (!official) return fail(common::make_error(common::ErrorCode::not_found, "No demo official."));
    std::vector<server::accounts::Principal> enterprises;
    for (const auto& login : enterprise_logins) {
      auto who = principal_of(database, login);
      if (!who) return fail(common::make_error(common::ErrorCode::not_found, "No demo enterprise " + login + "."));
      enterprises.push_back(*who);
    }

    auto land = open_demo_auction(auctions, clock, kLandTitle, kLandRunsSeconds);
    if (!land) return fail(land.error());
    if (land.value()) {
      std::printf("demo auction: %s still open\n", land.value()->c_str());
    } else {
      auto created = auctions.create(*official, land_auction(clock));
      if (!created) return fail(created.error());
      const auto& id = created.value().id;
      for (std::size_t i = 0; i < enterprises.size(); ++i) {
        auto asked = auctions.request_registration(enterprises[i], id, "DEMO-BZJ-" + std::to_string(i + 1));
        if (!asked) return fail(asked.error());
        auto confirmed = auctions.confirm_registration(*official, id, enterprises[i].public_id);
        if (!confirmed) return fail(confirmed.error());
      }
      std::printf("demo auction: %s, land-use rights, starts %s, the demo enterprises registered\n", id.c_str(),
                  created.value().starts_at.to_rfc3339().c_str());
    }

    auto reverse = open_demo_auction(auctions, clock, kReverseTitle, kReverseRunsSeconds);
    if (!reverse) return fail(reverse.error());
    if (reverse.value()) {
      std::printf("demo auction: %s still open\n", reverse.value()->c_str());
    } else {
      auto created = auctions.create(*official, reverse_auction(clock, enterprises));
      if (!created) return fail(created.error());
      std::printf("demo auction: %s, reverse, starts %s\n", created.value().id.c_str(),
                  created.value().starts_at.to_rfc3339().c_str());
    }
    return 0;
  });
}

}  // namespace gp::cli
