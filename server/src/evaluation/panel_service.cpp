#include "gongping/server/evaluation/panel_service.hpp"

#include <algorithm>

#include "gongping/common/crypto.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/accounts/account_repository.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/evaluation/expert_pool_service.hpp"
#include "gongping/server/tenders/tender_rows.hpp"

namespace gp::server::evaluation {
namespace {

using common::ErrorCode;
using common::make_error;

constexpr std::array<std::string_view, 2> kKinds = {"expert", "purchaser_representative"};
constexpr std::array<std::string_view, 3> kStatuses = {"seated", "reserve", "declined"};

template <class Enum, std::size_t N>
Enum parse_or(const std::array<std::string_view, N>& names, std::string_view text, Enum fallback) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return fallback;
}

// A 32-byte column read as hex (both columns are CHECKed to 32 bytes).
std::optional<std::array<std::uint8_t, 32>> digest_of_hex(const std::string& hex) {
  const auto bytes = common::from_hex(hex);
  if (!bytes || bytes->size() != 32) return std::nullopt;
  std::array<std::uint8_t, 32> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

bool may_read(const accounts::Principal& reader, const tenders::TenderRow& tender, const PanelView& panel) {
  if (tenders::is_author_or_supervisor(reader, tender)) return true;
  return std::any_of(panel.members.begin(), panel.members.end(),
                     [&](const PanelMember& m) { return m.account == reader.public_id; });
}

void write_members(common::JsonWriter& w, const std::vector<std::string>& ids) {
  w.begin_array();
  for (const auto& id : ids) w.value(id);
  w.end_array();
}

}  // namespace

std::string_view to_string(MemberKind kind) { return kKinds[static_cast<std::size_t>(kind)]; }
std::string_view to_string(MemberStatus status) { return kStatuses[static_cast<std::size_t>(status)]; }

bool is_seated(const PanelView& panel, const std::string& account) {
  return std::any_of(panel.members.begin(), panel.members.end(),
                     [&](const PanelMember& m) { return m.account == account && m.status == MemberStatus::seated; });
}

std::optional<PanelView> load_panel(soci::session& sql, std::int64_t tender_row, const std::string& tender_id) {
  const long long tid = tender_row;
  PanelView p;
  p.tender_id = tender_id;
  long long drawn = 0, audit_index = 0;
  sql << "SELECT specialty, size, encode(seed, 'hex'), " + db::sql_micros("drawn_at") +
             ", audit_index FROM panels WHERE tender_id = :t",
      soci::use(tid), soci::into(p.specialty), soci::into(p.size), soci::into(p.seed_hex), soci::into(drawn),
      soci::into(audit_index);
  if (!sql.got_data()) return std::nullopt;
  p.drawn_at = common::Instant::from_unix_micros(drawn);
  p.audit_index = audit_index;
  sql << "SELECT entry FROM audit_log WHERE idx = :i", soci::use(audit_index), soci::into(p.draw_entry);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT m.account_id, a.display_name, m.kind, m.draw_position, m.status, m.chair "
                      "FROM panel_members m JOIN accounts a ON a.id = m.account_id WHERE m.tender_id = :t "
                      "ORDER BY m.status = 'seated' DESC, m.chair DESC, m.draw_position NULLS FIRST, m.account_id",
       soci::use(tid));
  for (const auto& r : rows) {
    PanelMember m;
    m.account = accounts::staff_public_id(r.get<long long>(0));
    m.display_name = r.get<std::string>(1);
    m.kind = parse_or(kKinds, r.get<std::string>(2), MemberKind::expert);
    if (r.get_indicator(3) == soci::i_ok) m.draw_position = r.get<int>(3);
    m.status = parse_or(kStatuses, r.get<std::string>(4), MemberStatus::reserve);
    m.chair = r.get<int>(5) != 0;
    p.members.push_back(std::move(m));
  }
  return p;
}

PanelService::PanelService(db::Database& database, const common::Clock& clock)
    : db_(database), clock_(clock), audit_(clock) {}

common::Result<PanelView> PanelService::draw(const accounts::Principal& official, const std::string& tender_id,
                                             const matching::PanelRequest& request) {
  return db_.run<PanelView>([&](soci::session& sql) -> common::Result<PanelView> {
    soci::transaction tx(sql);
    auto tender = tenders::find_tender(sql, tender_id, tenders::RowLock::update);
    if (!tender || tender->created_by != official.account_id) {
      return make_error(ErrorCode::not_found, "No tender " + tender_id + " of yours.");
    }
    const long long tid = tender->id;
    std::string opening_digest_hex, secret_hex;
    soci::indicator secret_ind = soci::i_null;  // null for tenders published before the seed commitment
    sql << "SELECT encode(l.leaf_hash, 'hex'), encode(t.panel_secret, 'hex') FROM openings o "
           "JOIN audit_log l ON l.idx = o.audit_index JOIN tenders t ON t.id = o.tender_id WHERE o.tender_id = :t",
        soci::use(tid), soci::into(opening_digest_hex), soci::into(secret_hex, secret_ind);
    if (!sql.got_data() || tender->view.state != bidding::TenderState::opening) {
      return make_error(ErrorCode::tender_transition_refused,
                        "The panel is drawn once the bids are opened, before evaluation starts.");
    }
    if (load_panel(sql, tid, tender_id))
      return make_error(ErrorCode::conflict, "This tender's panel is drawn already.");
    if (secret_ind != soci::i_ok || secret_hex.size() != 64) {
      return make_error(ErrorCode::conflict, "This tender was published without a panel seed commitment.");
    }
    // Purchaser representatives: officials, named by public id.
    std::vector<long long> rep_rows;
    for (std::size_t i = 0; i < request.purchaser_representatives.size(); ++i) {
      const auto& id = request.purchaser_representatives[i];
      if (id == official.public_id) {
        // The author oversees the evaluation (live standing, deviation alerts): not also a member.
        return common::Error::validation({{"purchaser_representatives[" + std::to_string(i) + "]",
                                           "the tender's author oversees the panel and cannot sit on it"}});
      }
      const auto row = accounts::find_enabled_staff(sql, id, common::Role::official);
      if (!row) {
        return common::Error::validation(
            {{"purchaser_representatives[" + std::to_string(i) + "]", id + " is not an official's account"}});
      }
      rep_rows.push_back(*row);
    }
    std::vector<std::string> bidders;
    soci::rowset<long long> bidder_rows =
        (sql.prepare << "SELECT enterprise_id FROM opened_bids WHERE tender_id = :t ORDER BY enterprise_id",
         soci::use(tid));
    for (const auto e : bidder_rows) bidders.push_back(accounts::enterprise_public_id(e));

    const auto secret = digest_of_hex(secret_hex);
    const auto opening_digest = digest_of_hex(opening_digest_hex);
    if (!secret || !opening_digest)
      return make_error(ErrorCode::internal, "a stored panel secret or digest is not 32 bytes");
    const auto seed = matching::panel_seed(*secret, *opening_digest);
    const auto now = clock_.now();
    auto drawn = matching::draw_panel(seed, load_pool(sql), bidders, request, tender->view.terms.budget, now);
    if (!drawn) return drawn.error();
    const auto& d = drawn.value();

    common::JsonWriter data;
    data.begin_object()
        .key("specialty")
        .value(request.specialty)
        .key("size")
        .value(static_cast<std::int64_t>(request.size));
    data.key("secret")
        .value(secret_hex)
        .key("commitment")
        .value(common::to_hex(matching::panel_seed_commitment(*secret)));
    data.key("opening_digest").value(opening_digest_hex).key("seed").value(common::to_hex(seed));
    data.key("eligible");
    write_members(data, d.eligible);
    data.key("excluded").begin_array();
    for (const auto& x : d.excluded)
      data.begin_object().key("expert").value(x.id).key("reason").value(x.reason).end_object();
    data.end_array().key("order");
    write_members(data, d.order);
    data.key("purchaser_representatives");
    write_members(data, request.purchaser_representatives);
    data.key("seated_experts").value(static_cast<std::int64_t>(d.expert_seats)).end_object();
    auto entry = audit::make_entry(official.actor(), "panel.drawn", {"tender", tender_id}, data.take());
    audit_.append(sql, entry);

    const long long at = now.unix_micros(), audit_index = entry.index;
    const int size = static_cast<int>(request.size);
    const std::string seed_hex = common::to_hex(seed);
    sql << "INSERT INTO panels (tender_id, specialty, size, seed, drawn_at, audit_index) VALUES (:t, :s, :n, "
           "decode(:seed, 'hex'), " +
               db::sql_instant(":at") + ", :a)",
        soci::use(tid), soci::use(request.specialty), soci::use(size), soci::use(seed_hex), soci::use(at),
        soci::use(audit_index);
    for (std::size_t i = 0; i < d.order.size(); ++i) {
      const long long account = *accounts::parse_public_id('U', d.order[i]);
      const int position = static_cast<int>(i);
      const std::string status = i < d.expert_seats ? "seated" : "reserve";
      const int chair = i == 0 ? 1 : 0;
      sql << "INSERT INTO panel_members (tender_id, account_id, kind, draw_position, status, chair) VALUES "
             "(:t, :a, 'expert', :p, :s, CAST(:c AS int) = 1)",
          soci::use(tid), soci::use(account), soci::use(position), soci::use(status), soci::use(chair);
    }
    for (const auto rep : rep_rows) {
      sql << "INSERT INTO panel_members (tender_id, account_id, kind, status) VALUES "
             "(:t, :a, 'purchaser_representative', 'seated')",
          soci::use(tid), soci::use(rep);
    }
    auto panel = load_panel(sql, tid, tender_id);
    tx.commit();
    return *panel;
  });
}

common::Result<PanelView> PanelService::decline(const accounts::Principal& expert, const std::string& tender_id,
                                                const std::string& reason) {
  return db_.run<PanelView>([&](soci::session& sql) -> common::Result<PanelView> {
    soci::transaction tx(sql);
    auto tender = tenders::find_tender(sql, tender_id, tenders::RowLock::update);
    auto panel = tender ? load_panel(sql, tender->id, tender_id) : std::nullopt;
    if (!panel || !is_seated(*panel, expert.public_id)) {
      return make_error(ErrorCode::not_found, "You do not sit on the panel of " + tender_id + ".");
    }
    if (tender->view.state != bidding::TenderState::opening) {
      return make_error(ErrorCode::tender_transition_refused, "Evaluation has started; the panel is fixed.");
    }
    const auto me = std::find_if(panel->members.begin(), panel->members.end(),
                                 [&](const PanelMember& m) { return m.account == expert.public_id; });
    if (me->kind != MemberKind::expert) {
      return make_error(ErrorCode::conflict,
                        "Purchaser representatives are named, not drawn; the official replaces them.");
    }
    std::optional<PanelMember> next;
    for (const auto& m : panel->members) {
      if (m.status == MemberStatus::reserve && (!next || *m.draw_position < *next->draw_position)) next = m;
    }
    if (!next) return make_error(ErrorCode::conflict, "No reserve is left in the draw; the panel must be drawn again.");
    const long long tid = tender->id;
    const long long mine = expert.account_id, theirs = *accounts::parse_public_id('U', next->account);
    const int chair = me->chair ? 1 : 0;
    sql << "UPDATE panel_members SET status = 'declined', chair = false WHERE tender_id = :t AND account_id = :a",
        soci::use(tid), soci::use(mine);
    sql << "UPDATE panel_members SET status = 'seated' WHERE tender_id = :t AND account_id = :a", soci::use(tid),
        soci::use(theirs);
    if (chair) {  // the chair passes to the first seated expert in draw order
      sql << "UPDATE panel_members SET chair = true WHERE tender_id = :t AND account_id = (SELECT account_id FROM "
             "panel_members WHERE tender_id = :t2 AND status = 'seated' AND kind = 'expert' ORDER BY draw_position "
             "LIMIT 1)",
          soci::use(tid), soci::use(tid);
    }
    common::JsonWriter data;
    data.begin_object().key("declined").value(expert.public_id).key("reason").value(reason);
    data.key("replaced_by").value(next->account).end_object();
    auto e = audit::make_entry(expert.actor(), "panel.member_declined", {"tender", tender_id}, data.take());
    audit_.append(sql, e);
    auto updated = load_panel(sql, tid, tender_id);
    tx.commit();
    return *updated;
  });
}

common::Result<PanelView> PanelService::panel(const accounts::Principal& reader, const std::string& tender_id) {
  return db_.run<PanelView>([&](soci::session& sql) -> common::Result<PanelView> {
    auto tender = tenders::find_tender(sql, tender_id);
    auto panel = tender ? load_panel(sql, tender->id, tender_id) : std::nullopt;
    if (!panel || !may_read(reader, *tender, *panel)) {
      return make_error(ErrorCode::not_found, "No panel for " + tender_id + " that you may see.");
    }
    return *panel;
  });
}

}  // namespace gp::server::evaluation
