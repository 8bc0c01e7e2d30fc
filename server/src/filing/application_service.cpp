#include "gongping/server/filing/application_service.hpp"

#include <array>

#include "gongping/approvals/project_code.hpp"
#include "gongping/common/crypto.hpp"
#include "gongping/common/enum_names.hpp"
#include "gongping/common/holiday_calendar.hpp"
#include "gongping/matching/panel_draw.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/filing/application_rows.hpp"
#include "gongping/server/filing/registry_service.hpp"

namespace gp::server::filing {
namespace {

using approvals::ApplicationEvent;
using approvals::ApplicationState;
using common::ErrorCode;
using common::make_error;

constexpr std::array<std::string_view, 3> kAttachmentKinds = {"proposal", "feasibility_study", "preliminary_design"};
constexpr std::array<std::string_view, 3> kResolutions = {"reuse", "extend", "justify"};

// Attachments are served back with the type they were stored with; only document and image types
// are kept as sent, anything else is stored as application/octet-stream.
std::string stored_media_type(const std::string& sent) {
  static const std::array<std::string_view, 9> kKept = {
      "application/pdf",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/ofd",  // China's fixed-layout document format (GB/T 33190)
      "image/png",
      "image/jpeg",
      "text/plain",
  };
  const auto base = std::string_view(sent).substr(0, sent.find(';'));
  for (const auto kept : kKept) {
    if (base == kept) return std::string(kept);
  }
  return "application/octet-stream";
}

common::Error no_application(const std::string& id) {
  return make_error(ErrorCode::not_found, "No application " + id + " you may see.");
}

// The application, locked, when `department` owns it.
common::Result<ApplicationRow> own_application(soci::session& sql, const accounts::Principal& department,
                                               const std::string& id) {
  auto app = find_application(sql, id, Lock::update);
  if (!app || app->department_account != department.account_id) return no_application(id);
  return *app;
}

std::vector<AttachmentInfo> load_attachments(soci::session& sql, long long application, int version) {
  std::vector<AttachmentInfo> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT kind, media_type, encode(sha256, 'hex'), octet_length(content), " +
                          db::sql_micros("uploaded_at") +
                          " FROM application_attachments WHERE application_id = :a AND version = :v ORDER BY kind",
       soci::use(application), soci::use(version));
  for (const auto& r : rows) {
    out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<int>(3),
                   common::Instant::from_unix_micros(r.get<long long>(4))});
  }
  return out;
}

// The two-key advisory lock that issues project codes one at a time. Two-key locks never meet the
// one-key (bigint) locks the tenders take.
constexpr int kProjectCodeLockSpace = 5;  // "approvals"
constexpr int kProjectCodeLock = 1;

// Issues the next project code of the region and year: GD-2026-000001, -000002, ... One at a time
// (the lock above, held for the rest of the transaction), so two filings never draw the same number.
std::string next_project_code(soci::session& sql, const std::string& region, common::Instant now) {
  const int space = kProjectCodeLockSpace, key = kProjectCodeLock;
  sql << "SELECT pg_advisory_xact_lock(:s, :k)", soci::use(space), soci::use(key);
  const int year = common::shanghai_day_of(now).year();
  const std::string prefix = region + "-" + std::to_string(year) + "-";
  const std::string pattern = prefix + "%";
  long long issued = 0;
  sql << "SELECT count(*) FROM applications WHERE project_code LIKE :p", soci::use(pattern), soci::into(issued);
  return *approvals::format_project_code({region, year, static_cast<std::int32_t>(issued + 1)});
}

}  // namespace

std::string_view to_string(AttachmentKind kind) { return common::enum_name(kAttachmentKinds, kind); }
std::optional<AttachmentKind> parse_attachment_kind(std::string_view text) {
  return common::enum_from_name<AttachmentKind>(kAttachmentKinds, text);
}
std::string_view to_string(Resolution r) { return common::enum_name(kResolutions, r); }
std::optional<Resolution> parse_resolution(std::string_view text) {
  return common::enum_from_name<Resolution>(kResolutions, text);
}

ApplicationService::ApplicationService(db::Database& database, const common::Clock& clock, common::Random& random,
                                       ServiceRules rules)
    : db_(database), clock_(clock), random_(random), rules_(std::move(rules)), audit_(clock) {}

ApplicationView ApplicationService::build_view(soci::session& sql, const ApplicationRow& app,
                                               const accounts::Principal& reader) {
  ApplicationView v;
  v.id = app.public_id;
  v.department = app.department;
  v.department_account = accounts::staff_public_id(app.department_account);
  v.state = app.state;
  v.version = app.version;
  v.state_since = app.state_since;
  v.due = approvals::stage_due(app.state, app.state_since, rules_.limits, common::HolidayCalendar::bundled());
  v.overdue = v.due && clock_.now() >= *v.due;
  v.current = load_version(sql, app.id, app.version);
  v.attachments = load_attachments(sql, app.id, app.version);
  v.approved_budget_fen = app.approved_budget_fen;
  v.project_code = app.project_code;
  v.created_at = app.created_at;
  const long long id = app.id;
  const int version = app.version;
  soci::rowset<int> versions =
      (sql.prepare << "SELECT version FROM application_versions WHERE application_id = :a ORDER BY version",
       soci::use(id));
  for (const int n : versions) v.versions.push_back(n);
  soci::rowset<soci::row> steps =
      (sql.prepare << "SELECT step, from_state, to_state, version, account_id, reason, " + db::sql_micros("at") +
                          ", audit_index FROM application_steps WHERE application_id = :a ORDER BY id",
       soci::use(id));
  for (const auto& r : steps) {
    StepRecord s{r.get<std::string>(0),
                 r.get<std::string>(1),
                 r.get<std::string>(2),
                 r.get<int>(3),
                 std::nullopt,
                 r.get<std::string>(5),
                 common::Instant::from_unix_micros(r.get<long long>(6)),
                 r.get<long long>(7)};
    if (r.get_indicator(4) == soci::i_ok) s.actor = accounts::staff_public_id(r.get<long long>(4));
    v.steps.push_back(std::move(s));
  }
  // The department sees neither who reviews its application nor how, only the outcome.
  const bool department = reader.role == common::Role::department;
  soci::rowset<soci::row> seats =
      (sql.prepare << "SELECT account_id, draw_position, seated::int FROM application_panel_members "
                      "WHERE application_id = :a AND version = :v ORDER BY draw_position",
       soci::use(id), soci::use(version));
  for (const auto& r : seats) {
    if (department) continue;
    v.panel.push_back({accounts::staff_public_id(r.get<long long>(0)), r.get<int>(1), r.get<int>(2) == 1});
  }
  std::vector<approvals::ReviewScores> all_scores;
  soci::rowset<soci::row> reviews =
      (sql.prepare << "SELECT account_id, necessity, feasibility, security, budget, opinion, " + db::sql_micros("at") +
                          " FROM application_reviews WHERE application_id = :a AND version = :v ORDER BY account_id",
       soci::use(id), soci::use(version));
  for (const auto& r : reviews) {
    ExpertReview review{accounts::staff_public_id(r.get<long long>(0)),
                        {r.get<int>(1), r.get<int>(2), r.get<int>(3), r.get<int>(4)},
                        r.get<std::string>(5),
                        common::Instant::from_unix_micros(r.get<long long>(6))};
    all_scores.push_back(review.scores);
    // An expert sees their own review only, so that no member leans on another's scores.
    if (department || (reader.role == common::Role::expert && review.expert != reader.public_id)) continue;
    v.reviews.push_back(std::move(review));
  }
  const bool review_over = app.state != ApplicationState::expert_review;
  if (reader.role != common::Role::expert && (!department || review_over)) {
    v.review_summary = approvals::summarise_reviews(all_scores);
  }
  return v;
}

common::Result<ApplicationView> ApplicationService::create(const accounts::Principal& department,
                                                           const ApplicationDraft& draft) {
  return db_.run<ApplicationView>([&](soci::session& sql) -> common::Result<ApplicationView> {
    soci::transaction tx(sql);
    const auto now = clock_.now();
    const long long account = department.account_id, at = now.unix_micros();
    long long id = 0;
    sql << "INSERT INTO applications (department_account_id, department, state, version, state_since, created_at) "
           "VALUES (:d, :n, 'draft', 1, " +
               db::sql_instant(":at") + ", " + db::sql_instant(":at2") + ") RETURNING id",
        soci::use(account, "d"), soci::use(department.display_name, "n"), soci::use(at, "at"), soci::use(at, "at2"),
        soci::into(id);
    store_version(sql, id, 1, draft, now, true);
    const auto app = find_application(sql, accounts::format_public_id('A', id), Lock::none);
    common::JsonWriter data;
    data.begin_object().key("version").value(std::int64_t{1}).key("name").value(draft.name);
    data.key("requested_budget_fen").value(draft.requested_budget.fen());
    data.key("version_sha256").value(version_sha256(draft)).end_object();
    auto e = audit::make_entry(department.actor(), "application.drafted", {"application", app->public_id}, data.take());
    audit_.append(sql, e);
    auto view = build_view(sql, *app, department);
    tx.commit();
    return view;
  });
}

common::Result<ApplicationView> ApplicationService::update(const accounts::Principal& department, const std::string& id,
                                                           const ApplicationDraft& draft) {
  return db_.run<ApplicationView>([&](soci::session& sql) -> common::Result<ApplicationView> {
    soci::transaction tx(sql);
    auto app = own_application(sql, department, id);
    if (!app) return app.error();
    if (app.value().state != ApplicationState::draft) {
      return make_error(
          ErrorCode::application_transition_refused,
          "Only a draft can be changed; " + id + " is " + std::string(approvals::to_string(app.value().state)) + ".");
    }
    const auto now = clock_.now();
    store_version(sql, app.value().id, app.value().version, draft, now, false);
    common::JsonWriter data;
    data.begin_object().key("version").value(std::int64_t{app.value().version}).key("name").value(draft.name);
    data.key("requested_budget_fen").value(draft.requested_budget.fen());
    data.key("version_sha256").value(version_sha256(draft)).end_object();
    auto e = audit::make_entry(department.actor(), "application.draft_changed", {"application", id}, data.take());
    audit_.append(sql, e);
    auto view = build_view(sql, app.value(), department);
    tx.commit();
    return view;
  });
}

common::Result<AttachmentInfo> ApplicationService::attach(const accounts::Principal& department, const std::string& id,
                                                          AttachmentKind kind, const std::string& media_type,
                                                          const std::string& content) {
  if (content.empty()) return common::Error::validation({{"body", "the attachment is empty"}});
  return db_.run<AttachmentInfo>([&](soci::session& sql) -> common::Result<AttachmentInfo> {
    soci::transaction tx(sql);
    auto app = own_application(sql, department, id);
    if (!app) return app.error();
    if (app.value().state != ApplicationState::draft) {
      return make_error(ErrorCode::application_transition_refused, "Attachments are changed while drafting only.");
    }
    const auto now = clock_.now();
    const std::string digest = common::to_hex(common::sha256(content));
    const std::string kind_name(to_string(kind)), type = stored_media_type(media_type);
    const long long app_row = app.value().id, at = now.unix_micros();
    const int version = app.value().version;
    // The file first, its audit entry last: the audit log's head is locked only for the short tail.
    // Bound as hex text and decoded in SQL, so the bytes stay exact whatever they hold.
    const std::string content_hex =
        common::to_hex(reinterpret_cast<const std::uint8_t*>(content.data()), content.size());
    sql << "INSERT INTO application_attachments (application_id, version, kind, media_type, sha256, content, "
           "uploaded_at, audit_index) VALUES (:a, :v, :k, :m, decode(:h, 'hex'), decode(:c, 'hex'), " +
               db::sql_instant(":at") +
               ", -1) ON CONFLICT (application_id, version, kind) DO UPDATE SET media_type = EXCLUDED.media_type, "
               "sha256 = EXCLUDED.sha256, content = EXCLUDED.content, uploaded_at = EXCLUDED.uploaded_at",
        soci::use(app_row), soci::use(version), soci::use(kind_name), soci::use(type), soci::use(digest),
        soci::use(content_hex), soci::use(at);
    common::JsonWriter data;
    data.begin_object().key("version").value(std::int64_t{version}).key("kind").value(kind_name);
    data.key("media_type").value(type).key("sha256").value(digest);
    data.key("bytes").value(static_cast<std::int64_t>(content.size())).end_object();
    auto e = audit::make_entry(department.actor(), "application.attachment_uploaded", {"application", id}, data.take());
    audit_.append(sql, e);
    const long long index = e.index;
    sql << "UPDATE application_attachments SET audit_index = :i WHERE application_id = :a AND version = :v AND "
           "kind = :k",
        soci::use(index), soci::use(app_row), soci::use(version), soci::use(kind_name);
    tx.commit();
    return AttachmentInfo{kind_name, type, digest, static_cast<std::int64_t>(content.size()), now};
  });
}

common::Result<Attachment> ApplicationService::attachment(const accounts::Principal& reader, const std::string& id,
                                                          AttachmentKind kind, std::optional<int> version) {
  return db_.run<Attachment>([&](soci::session& sql) -> common::Result<Attachment> {
    auto app = find_application(sql, id, Lock::none);
    if (!app || !may_read(sql, reader, *app)) return no_application(id);
    const long long app_row = app->id;
    const int v = version.value_or(app->version);
    const std::string kind_name(to_string(kind));
    Attachment a;
    std::string content_hex;
    long long uploaded = 0;
    sql << "SELECT media_type, encode(sha256, 'hex'), encode(content, 'hex'), " + db::sql_micros("uploaded_at") +
               " FROM application_attachments WHERE application_id = :a AND version = :v AND kind = :k",
        soci::use(app_row), soci::use(v), soci::use(kind_name), soci::into(a.info.media_type),
        soci::into(a.info.sha256), soci::into(content_hex), soci::into(uploaded);
    if (!sql.got_data()) {
      return make_error(ErrorCode::not_found,
                        "Version " + std::to_string(v) + " of " + id + " has no " + kind_name + ".");
    }
    const auto bytes = common::from_hex(content_hex);
    a.content.assign(bytes->begin(), bytes->end());
    a.info.kind = kind_name;
    a.info.bytes = static_cast<std::int64_t>(a.content.size());
    a.info.uploaded_at = common::Instant::from_unix_micros(uploaded);
    return a;
  });
}

common::Result<ApplicationView> ApplicationService::view(const accounts::Principal& reader, const std::string& id) {
  return db_.run<ApplicationView>([&](soci::session& sql) -> common::Result<ApplicationView> {
    auto app = find_application(sql, id, Lock::none);
    if (!app || !may_read(sql, reader, *app)) return no_application(id);
    return build_view(sql, *app, reader);
  });
}

common::Result<ApplicationDraft> ApplicationService::version(const accounts::Principal& reader, const std::string& id,
                                                             int version) {
  return db_.run<ApplicationDraft>([&](soci::session& sql) -> common::Result<ApplicationDraft> {
    auto app = find_application(sql, id, Lock::none);
    if (!app || !may_read(sql, reader, *app)) return no_application(id);
    if (version < 1 || version > app->version) {
      return make_error(ErrorCode::not_found, id + " has versions 1 to " + std::to_string(app->version) + ".");
    }
    return load_version(sql, app->id, version);
  });
}

common::Result<std::vector<ApplicationSummary>> ApplicationService::list(const accounts::Principal& reader,
                                                                         const ApplicationQuery& query,
                                                                         std::int64_t* total) {
  return db_.run<std::vector<ApplicationSummary>>(
      [&](soci::session& sql) -> common::Result<std::vector<ApplicationSummary>> {
        // Who sees which: a department its own, an expert those whose current panel seats them.
        std::string where = "TRUE";
        if (reader.role == common::Role::department) where = "a.department_account_id = :r";
        if (reader.role == common::Role::expert) {
          where =
              "EXISTS (SELECT 1 FROM application_panel_members m WHERE m.application_id = a.id AND "
              "m.version = a.version AND m.account_id = :r AND m.seated)";
        }
        const bool by_reader = where != "TRUE";
        const std::string state = query.state ? std::string(approvals::to_string(*query.state)) : std::string();
        std::string filter = where + (query.state ? " AND a.state = :s" : "");
        if (query.overdue_only) {
          // Only stages with a time limit can be overdue; which of them are is worked out below.
          std::string limited;
          for (const auto& [stage, days] : rules_.limits.all()) {
            limited += (limited.empty() ? "'" : ", '") + std::string(approvals::to_string(stage)) + "'";
          }
          filter += " AND a.state IN (" + (limited.empty() ? std::string("NULL") : limited) + ")";
        }
        const long long reader_row = reader.account_id, limit = static_cast<long long>(query.limit),
                        offset = static_cast<long long>(query.offset);
        // Binds what `text` names of the reader, the state and the page.
        const auto bind = [&](soci::statement& st, bool paged) {
          if (by_reader) st.exchange(soci::use(reader_row, "r"));
          if (query.state) st.exchange(soci::use(state, "s"));
          if (paged) {
            st.exchange(soci::use(limit, "l"));
            st.exchange(soci::use(offset, "o"));
          }
          st.define_and_bind();
          st.execute(true);
        };
        const bool paged_in_sql = !query.overdue_only;
        if (paged_in_sql && total) {
          long long count = 0;
          soci::statement counted = (sql.prepare << "SELECT count(*) FROM applications a WHERE " + filter);
          counted.exchange(soci::into(count));
          bind(counted, false);
          *total = count;
        }
        soci::row r;
        soci::statement st =
            (sql.prepare << "SELECT a.id, a.department, v.name, a.state, a.version, v.requested_budget_fen, " +
                                db::sql_micros("a.state_since") +
                                ", a.project_code FROM applications a JOIN application_versions v ON "
                                "v.application_id = a.id AND v.version = a.version WHERE " +
                                filter + " ORDER BY a.id DESC" + (paged_in_sql ? " LIMIT :l OFFSET :o" : ""));
        st.exchange(soci::into(r));
        bind(st, paged_in_sql);
        std::vector<ApplicationSummary> found;
        const auto now = clock_.now();
        for (bool more = st.got_data(); more; more = st.fetch()) {
          ApplicationSummary s;
          s.id = accounts::format_public_id('A', r.get<long long>(0));
          s.department = r.get<std::string>(1);
          s.name = r.get<std::string>(2);
          s.state = approvals::parse_application_state(r.get<std::string>(3)).value_or(ApplicationState::draft);
          s.version = r.get<int>(4);
          s.requested_budget_fen = r.get<long long>(5);
          s.state_since = common::Instant::from_unix_micros(r.get<long long>(6));
          if (r.get_indicator(7) == soci::i_ok) s.project_code = r.get<std::string>(7);
          s.due = approvals::stage_due(s.state, s.state_since, rules_.limits, common::HolidayCalendar::bundled());
          s.overdue = s.due && now >= *s.due;
          if (query.overdue_only && !s.overdue) continue;
          found.push_back(std::move(s));
        }
        if (paged_in_sql) return found;
        if (total) *total = static_cast<std::int64_t>(found.size());
        std::vector<ApplicationSummary> page;
        for (std::size_t i = query.offset; i < found.size() && page.size() < query.limit; ++i) {
          page.push_back(std::move(found[i]));
        }
        return page;
      });
}

common::Result<void> ApplicationService::check_step(soci::session& sql, const ApplicationRow& app,
                                                    const StepRequest& request) {
  const auto step = request.step;
  if ((step == ApplicationEvent::reject || step == ApplicationEvent::return_for_revision ||
       step == ApplicationEvent::evaluate) &&
      request.reason.empty()) {
    return common::Error::validation({{"reason", "is required to " + std::string(approvals::to_string(step))}});
  }
  if (step == ApplicationEvent::submit) {
    std::vector<std::string> missing;
    const auto attachments = load_attachments(sql, app.id, app.version);
    for (const auto kind : {"proposal", "feasibility_study"}) {
      const bool present =
          std::any_of(attachments.begin(), attachments.end(), [&](const AttachmentInfo& a) { return a.kind == kind; });
      if (!present) missing.push_back(kind);
    }
    if (!missing.empty()) {
      std::string list = missing[0];
      if (missing.size() > 1) list += " and " + missing[1];
      return make_error(ErrorCode::application_transition_refused,
                        "Attach the " + list + " before submitting (PUT .../attachments/{kind}).");
    }
  }
  if (step == ApplicationEvent::pass_compliance) {
    const auto checks = compute_checks(sql, app);
    if (checks.blocked) {
      std::string why;
      for (const auto& f : checks.findings) {
        if (f.severity == approvals::FindingSeverity::blocking) why += " " + f.message;
      }
      for (const auto& m : checks.matches) {
        if (m.needs_resolution && !m.resolution) {
          why += " The match with " + m.match.id + " (" + m.match.name + ") has no resolution.";
        }
      }
      return make_error(ErrorCode::application_transition_refused,
                        "The review cannot pass yet:" + why + " Return the application or resolve the matches.");
    }
  }
  if (step == ApplicationEvent::approve) {
    if (!request.approved_budget) {
      return common::Error::validation({{"approved_budget_fen", "is required to approve"}});
    }
    const auto requested = load_version(sql, app.id, app.version).requested_budget;
    if (request.approved_budget->fen() > requested.fen()) {
      return common::Error::validation(
          {{"approved_budget_fen", "must not exceed the requested budget of " + requested.to_yuan_string() + " yuan"}});
    }
    const long long id = app.id;
    const int version = app.version;
    long long missing = 0;
    sql << "SELECT count(*) FROM application_panel_members m WHERE m.application_id = :a AND m.version = :v AND "
           "m.seated AND NOT EXISTS (SELECT 1 FROM application_reviews r WHERE r.application_id = m.application_id "
           "AND r.version = m.version AND r.account_id = m.account_id)",
        soci::use(id), soci::use(version), soci::into(missing);
    if (missing > 0) {
      return make_error(ErrorCode::application_transition_refused,
                        std::to_string(missing) + " seated expert(s) have not reviewed the application yet.");
    }
  }
  return {};
}

common::Result<ApplicationView> ApplicationService::take_step(const accounts::Principal& actor, const std::string& id,
                                                              const StepRequest& request) {
  const auto role = approvals::responsible_role(request.step);
  if (!role) {
    return make_error(ErrorCode::forbidden, "The platform takes the step \"" +
                                                std::string(approvals::to_string(request.step)) +
                                                "\" itself, when the project's tender is published or its contract "
                                                "signed.");
  }
  if (*role != actor.role) {
    return make_error(ErrorCode::forbidden, "The step \"" + std::string(approvals::to_string(request.step)) +
                                                "\" is taken by a " + std::string(common::to_string(*role)) + ".");
  }
  return db_.run<ApplicationView>([&](soci::session& sql) -> common::Result<ApplicationView> {
    soci::transaction tx(sql);
    auto found = find_application(sql, id, Lock::update);
    if (!found || !may_read(sql, actor, *found)) return no_application(id);
    auto app = *found;
    auto next = approvals::next_application_state(app.state, request.step);
    if (!next) return next.error();
    if (auto ok = check_step(sql, app, request); !ok) return ok.error();
    const auto now = clock_.now();
    const long long row = app.id;

    switch (request.step) {
      case ApplicationEvent::submit: {
        // The review panel's seed secret, committed to now and revealed by the draw. A fresh one at
        // every submission: a revised version's panel must not hang on a secret already revealed.
        matching::PanelSeed secret{};
        random_.fill(secret.data(), secret.size());
        app.review_secret_hex = common::to_hex(secret);
        sql << "UPDATE applications SET review_secret = decode(:s, 'hex') WHERE id = :id",
            soci::use(*app.review_secret_hex), soci::use(row);
        const auto commitment = common::to_hex(matching::panel_seed_commitment(secret));
        const auto content = version_sha256(load_version(sql, row, app.version));
        record_step(sql, audit_, app, request.step, next.value(), actor, request.reason, now,
                    [&](common::JsonWriter& w) {
                      w.key("version_sha256").value(content).key("review_seed_commitment").value(commitment);
                    });
        break;
      }
      case ApplicationEvent::pass_compliance: {
        const auto entry = record_step(sql, audit_, app, request.step, next.value(), actor, request.reason, now);
        if (auto drawn = draw_review_panel(sql, app, actor, entry); !drawn) return drawn.error();
        break;
      }
      case ApplicationEvent::approve: {
        const long long budget = request.approved_budget->fen();
        sql << "UPDATE applications SET approved_budget_fen = :b WHERE id = :id", soci::use(budget), soci::use(row);
        app.approved_budget_fen = budget;
        const auto content = version_sha256(load_version(sql, row, app.version));
        record_step(sql, audit_, app, request.step, next.value(), actor, request.reason, now,
                    [&](common::JsonWriter& w) {
                      w.key("approved_budget_fen").value(std::int64_t{budget}).key("version_sha256").value(content);
                    });
        break;
      }
      case ApplicationEvent::file: {
        const auto code = next_project_code(sql, rules_.code_region, now);
        sql << "UPDATE applications SET project_code = :c WHERE id = :id", soci::use(code), soci::use(row);
        app.project_code = code;
        record_step(sql, audit_, app, request.step, next.value(), actor, request.reason, now,
                    [&](common::JsonWriter& w) { w.key("project_code").value(code); });
        break;
      }
      case ApplicationEvent::revise: {
        // The returned version stays as it was; the department works on a copy.
        const int from = app.version, to = app.version + 1;
        store_version(sql, row, to, load_version(sql, row, from), now, true);
        sql << "INSERT INTO application_attachments (application_id, version, kind, media_type, sha256, content, "
               "uploaded_at, audit_index) SELECT application_id, :to, kind, media_type, sha256, content, uploaded_at, "
               "audit_index FROM application_attachments WHERE application_id = :a AND version = :from",
            soci::use(to, "to"), soci::use(row, "a"), soci::use(from, "from");
        sql << "UPDATE applications SET version = :v WHERE id = :id", soci::use(to), soci::use(row);
        app.version = to;
        record_step(sql, audit_, app, request.step, next.value(), actor, request.reason, now);
        break;
      }
      case ApplicationEvent::accept: {
        // The delivered system joins the registry, so that later applications are checked against it.
        // A system of the same department and name is the one this project rebuilt: it is updated.
        const auto d = load_version(sql, row, app.version);
        const approvals::RegistrySystem delivered{app.department, d.name,    d.functions,
                                                  d.produces,     d.hosting, approvals::SystemStatus::in_use};
        const auto recorded = record_delivered_system(sql, audit_, actor.actor(), delivered, *app.project_code, now);
        record_step(sql, audit_, app, request.step, next.value(), actor, request.reason, now,
                    [&](common::JsonWriter& w) { w.key("registered_system").value(recorded.id); });
        break;
      }
      default: record_step(sql, audit_, app, request.step, next.value(), actor, request.reason, now); break;
    }
    app.state = next.value();
    app.state_since = now;
    auto view = build_view(sql, app, actor);
    tx.commit();
    return view;
  });
}

}  // namespace gp::server::filing
