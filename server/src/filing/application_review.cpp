// The expert review of an application: the panel draw when the duplication and compliance review
// passes, and each seated expert's scores.
#include <algorithm>

#include "gongping/audit/merkle_tree.hpp"
#include "gongping/common/crypto.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/matching/panel_draw.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/evaluation/expert_pool_service.hpp"
#include "gongping/server/filing/application_rows.hpp"
#include "gongping/server/filing/application_service.hpp"

namespace gp::server::filing {
namespace {

using common::ErrorCode;
using common::make_error;

}  // namespace

common::Result<void> ApplicationService::draw_review_panel(soci::session& sql, const ApplicationRow& app,
                                                           const accounts::Principal& reviewer,
                                                           const audit::AuditEntry& step_entry) {
  // The seed: SHA-256("gongping panel seed v1" || secret || leaf hash of the step's audit entry), as
  // for a tender (docs/panel-draw.md) with the step's entry in place of the opening record. The
  // secret was committed to at submission; the leaf hash did not exist before this step.
  const auto secret_bytes = common::from_hex(app.review_secret_hex.value_or(""));
  if (!secret_bytes || secret_bytes->size() != 32) {
    return make_error(ErrorCode::internal, "the application has no review seed secret");
  }
  matching::PanelSeed secret{};
  std::copy(secret_bytes->begin(), secret_bytes->end(), secret.begin());
  const auto leaf = audit::leaf_hash(step_entry.serialize());
  std::array<std::uint8_t, 32> digest{};
  std::copy(leaf.begin(), leaf.end(), digest.begin());
  const auto seed = matching::panel_seed(secret, digest);

  const auto pool = approvals::review_pool(evaluation::load_review_candidates(sql), app.department, rules_.specialty);
  if (pool.eligible.size() < rules_.panel_size) {
    return make_error(ErrorCode::application_transition_refused,
                      "The expert pool has " + std::to_string(pool.eligible.size()) + " eligible expert(s) in " +
                          rules_.specialty + " for a panel of " + std::to_string(rules_.panel_size) +
                          "; add experts to the pool first.");
  }
  const auto order = matching::draw_order(seed, pool.eligible);

  common::JsonWriter data;
  data.begin_object().key("version").value(std::int64_t{app.version}).key("specialty").value(rules_.specialty);
  data.key("size").value(static_cast<std::int64_t>(rules_.panel_size));
  data.key("secret").value(common::to_hex(secret));
  data.key("commitment").value(common::to_hex(matching::panel_seed_commitment(secret)));
  data.key("step_digest").value(common::to_hex(digest)).key("seed").value(common::to_hex(seed));
  data.key("eligible").string_array(pool.eligible);
  data.key("excluded").begin_array();
  for (const auto& x : pool.excluded) {
    data.begin_object().key("expert").value(x.id).key("reason").value(x.reason).end_object();
  }
  data.end_array().key("order").string_array(order).end_object();
  auto entry =
      audit::make_entry(reviewer.actor(), "application.panel_drawn", {"application", app.public_id}, data.take());
  audit_.append(sql, entry);

  const long long row = app.id;
  const int version = app.version;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const long long account = *accounts::parse_public_id('U', order[i]);
    const int position = static_cast<int>(i);
    const int seated = i < rules_.panel_size ? 1 : 0;
    sql << "INSERT INTO application_panel_members (application_id, version, account_id, draw_position, seated) "
           "VALUES (:a, :v, :e, :p, CAST(:s AS int) = 1)",
        soci::use(row), soci::use(version), soci::use(account), soci::use(position), soci::use(seated);
  }
  return {};
}

common::Result<ApplicationView> ApplicationService::review(const accounts::Principal& expert, const std::string& id,
                                                           const approvals::ReviewScores& scores,
                                                           const std::string& opinion) {
  if (auto ok = approvals::check_review_scores(scores); !ok) return ok.error();
  return db_.run<ApplicationView>([&](soci::session& sql) -> common::Result<ApplicationView> {
    soci::transaction tx(sql);
    auto app = find_application(sql, id, Lock::update);
    if (!app || !may_read(sql, expert, *app)) {
      return make_error(ErrorCode::not_found, "No application " + id + " whose panel seats you.");
    }
    if (app->state != approvals::ApplicationState::expert_review) {
      return make_error(ErrorCode::application_transition_refused,
                        "Reviews are given during the expert review; " + id + " is " +
                            std::string(approvals::to_string(app->state)) + ".");
    }
    const auto now = clock_.now();
    common::JsonWriter data;
    data.begin_object().key("version").value(std::int64_t{app->version});
    data.key("necessity")
        .value(std::int64_t{scores.necessity})
        .key("feasibility")
        .value(std::int64_t{scores.feasibility});
    data.key("security").value(std::int64_t{scores.security}).key("budget").value(std::int64_t{scores.budget});
    data.key("opinion").value(opinion).end_object();
    auto e = audit::make_entry(expert.actor(), "application.reviewed", {"application", id}, data.take());
    audit_.append(sql, e);
    const long long row = app->id, account = expert.account_id, at = now.unix_micros(), index = e.index;
    const int version = app->version;
    sql << "INSERT INTO application_reviews (application_id, version, account_id, necessity, feasibility, security, "
           "budget, opinion, at, audit_index) VALUES (:a, :v, :e, :n, :f, :s, :b, :o, " +
               db::sql_instant(":at") +
               ", :i) ON CONFLICT (application_id, version, account_id) DO UPDATE SET necessity = EXCLUDED.necessity, "
               "feasibility = EXCLUDED.feasibility, security = EXCLUDED.security, budget = EXCLUDED.budget, "
               "opinion = EXCLUDED.opinion, at = EXCLUDED.at, audit_index = EXCLUDED.audit_index",
        soci::use(row, "a"), soci::use(version, "v"), soci::use(account, "e"), soci::use(scores.necessity, "n"),
        soci::use(scores.feasibility, "f"), soci::use(scores.security, "s"), soci::use(scores.budget, "b"),
        soci::use(opinion, "o"), soci::use(at, "at"), soci::use(index, "i");
    auto view = build_view(sql, *app, expert);
    tx.commit();
    return view;
  });
}

}  // namespace gp::server::filing
