// The demo tender for `gongping demo-seed`: the demo officers get personal opening keys (key files
// written to the keys directory, as `gongping keygen` would), the demo official publishes a tender
// 21 days ahead, and the three demo enterprises each submit a sealed bid. Skipped when the demo
// tender exists already. Demo databases only.
#include <cstdio>
#include <filesystem>

#include "cli_options.hpp"
#include "commands.hpp"
#include "database_access.hpp"
#include "gongping/bidding/sealed_bid.hpp"
#include "gongping/common/crypto.hpp"
#include "gongping/common/jose.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/accounts/account_repository.hpp"
#include "gongping/server/bids/bid_service.hpp"
#include "gongping/server/jose/jose_json.hpp"
#include "gongping/server/jose/private_file.hpp"
#include "gongping/server/tenders/tender_service.hpp"

namespace gp::cli {
namespace {

constexpr const char* kDemoTitle =
    "【演示】省政务云核心网络交换机采购 Provincial government cloud core switches (demo)";
constexpr std::int64_t kDayMicros = 86'400'000'000;

int fail(const common::Error& error) {
  std::fprintf(stderr, "gongping: the demo tender could not be made:\n");
  print_error(error);
  return 1;
}

}  // namespace

int seed_demo_tender(const server::config::Settings& settings, const std::string& keys_dir) {
  return with_database(settings, [&](server::db::Database& database) -> int {
    long long existing = 0;
    const std::string title = kDemoTitle;
    auto counted = database.run<long long>([&](soci::session& sql) -> common::Result<long long> {
      sql << "SELECT count(*) FROM tenders WHERE title = :t", soci::use(title), soci::into(existing);
      return existing;
    });
    if (!counted) return fail(counted.error());
    if (counted.value() > 0) {
      std::printf("demo tender: already there\n");
      return 0;
    }
    common::SystemClock clock;
    common::CryptoRandom random;
    server::accounts::AccountService accounts(database, clock, settings.accounts);
    server::tenders::TenderService tenders(database, clock, random, settings.period_rules);
    auto signer = server::bids::ReceiptSigner::load_or_create(settings.signing_key_file);
    server::bids::BidService bids(database, clock, signer, settings.public_origin);

    std::filesystem::create_directories(keys_dir);
    std::vector<std::string> officers;
    for (const char* login : {"official2", "supervisor"}) {
      const auto officer = principal_of(database, login);
      if (!officer)
        return fail(common::make_error(common::ErrorCode::not_found, std::string("no demo account ") + login));
      const auto pair = common::generate_p256_key_pair();
      const auto kid = tenders.register_officer_key(*officer, common::p256_public_jwk(pair.public_key));
      if (!kid) return fail(kid.error());
      const std::string path = keys_dir + "/" + login + ".jwk";
      server::jose::write_private_file(path, server::jose::p256_private_jwk(pair, kid.value()) + "\n");
      officers.push_back(officer->public_id);
      std::printf("opening key of %-10s %s\n", login, path.c_str());
    }

    const auto official = principal_of(database, "official");
    if (!official) return fail(common::make_error(common::ErrorCode::not_found, "no demo official"));
    server::tenders::TenderDraft draft;
    auto& t = draft.terms;
    const auto now = clock.now();
    t.title = kDemoTitle;
    t.description =
        "采购省政务云核心交换机 8 台及三年维保。Eight core switches for the provincial government cloud, "
        "with three years of maintenance.";
    t.category = bidding::TenderCategory::goods;
    t.procedure = bidding::Procedure::public_tender;
    t.budget = common::Money::from_fen(380'000'000);
    t.ceiling = common::Money::from_fen(360'000'000);
    t.bid_bond = common::Money::from_fen(5'000'000);
    t.clarification_deadline = common::Instant::from_unix_micros(now.unix_micros() + 10 * kDayMicros);
    t.bid_deadline = common::Instant::from_unix_micros(now.unix_micros() + 21 * kDayMicros);
    t.opening_officers = officers;
    t.opening_threshold = 2;
    draft.evaluation_json = R"({"method":"comprehensive","price_formula":"low_price_first","price_points":30,)"
                            R"("criteria":[{"id":"tech","max":50},{"id":"service","max":20}]})";
    auto created = tenders.create_draft(*official, draft);
    if (!created) return fail(created.error());
    auto published = tenders.publish(*official, created.value().id);
    if (!published) return fail(published.error());
    const auto tender = published.value();
    auto opening_key = server::jose::parse_p256_jwk(tender.opening_public_jwk);
    if (!opening_key) return fail(opening_key.error());

    const std::int64_t prices[] = {352'000'000, 341'500'000, 358'800'000};
    int i = 0;
    for (const auto& a : accounts.list(1000, 0).value()) {
      if (a.role != common::Role::enterprise || i == 3) continue;
      auto bidder = principal_of(database, a.login);
      common::JsonWriter plain;
      plain.begin_object()
          .key("v")
          .value(std::int64_t{1})
          .key("tender_id")
          .value(tender.id)
          .key("bidder_id")
          .value(bidder->public_id)
          .key("price_fen")
          .value(prices[i])
          .key("size")
          .value(i == 1 ? "small" : "medium")
          .key("attachments")
          .begin_array()
          .end_array()
          .end_object();
      const auto jwe = common::seal_jwe_ecdh_es_a256gcm(opening_key.value().public_key,
                                                        {{"kid", tender.opening_kid},
                                                         {"gp_tender", tender.id},
                                                         {"gp_bidder", bidder->public_id},
                                                         {"cty", std::string(bidding::kBidContentType)}},
                                                        plain.str(), random);
      auto receipt = bids.record({*bidder, tender.id, jwe, "demo-seed-" + tender.id, {}});
      if (!receipt) return fail(receipt.error());
      ++i;
    }
    std::printf("demo tender: %s published, deadline %s, %d sealed bids\n", tender.id.c_str(),
                tender.terms.bid_deadline.to_rfc3339().c_str(), i);
    return 0;
  });
}

}  // namespace gp::cli
