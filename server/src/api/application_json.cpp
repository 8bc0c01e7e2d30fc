#include "application_json.hpp"

#include "gongping/common/holiday_calendar.hpp"
#include "gongping/server/filing/application_rows.hpp"

namespace gp::server::api {
namespace {

constexpr std::int64_t kMaxBudgetFen = 1'000'000'000'000'000;

}  // namespace

void write_draft(common::JsonWriter& w, const filing::ApplicationDraft& d) { w.raw(filing::version_json(d)); }

std::string application_json(const filing::ApplicationView& v) {
  common::JsonWriter w;
  w.begin_object().key("id").value(v.id).key("department").value(v.department);
  w.key("department_account").value(v.department_account).key("state").value(approvals::to_string(v.state));
  w.key("version").value(std::int64_t{v.version}).key("versions").begin_array();
  for (const int n : v.versions) w.value(std::int64_t{n});
  w.end_array().key("state_since").value(v.state_since.to_rfc3339()).key("due").value_or_null(v.due);
  w.key("overdue").value(v.overdue).key("current");
  write_draft(w, v.current);
  w.key("attachments").begin_array();
  for (const auto& a : v.attachments) {
    w.begin_object().key("kind").value(a.kind).key("media_type").value(a.media_type).key("sha256").value(a.sha256);
    w.key("bytes").value(a.bytes).key("uploaded_at").value(a.uploaded_at.to_rfc3339()).end_object();
  }
  w.end_array().key("approved_budget_fen").value_or_null(v.approved_budget_fen);
  w.key("project_code").value_or_null(v.project_code).key("steps").begin_array();
  for (const auto& s : v.steps) {
    w.begin_object().key("step").value(s.step).key("from").value(s.from).key("to").value(s.to);
    w.key("version").value(std::int64_t{s.version}).key("actor").value_or_null(s.actor).key("reason").value(s.reason);
    w.key("at").value(s.at.to_rfc3339()).key("audit_index").value(s.audit_index).end_object();
  }
  w.end_array().key("panel").begin_array();
  for (const auto& p : v.panel) {
    w.begin_object().key("expert").value(p.expert).key("draw_position").value(std::int64_t{p.draw_position});
    w.key("seated").value(p.seated).end_object();
  }
  w.end_array().key("reviews").begin_array();
  for (const auto& r : v.reviews) {
    w.begin_object().key("expert").value(r.expert).key("necessity").value(std::int64_t{r.scores.necessity});
    w.key("feasibility")
        .value(std::int64_t{r.scores.feasibility})
        .key("security")
        .value(std::int64_t{r.scores.security});
    w.key("budget").value(std::int64_t{r.scores.budget}).key("opinion").value(r.opinion);
    w.key("at").value(r.at.to_rfc3339()).end_object();
  }
  const auto& s = v.review_summary;
  w.end_array().key("review_summary").begin_object().key("reviews").value(static_cast<std::int64_t>(s.reviews));
  w.key("necessity_x100").value(s.necessity).key("feasibility_x100").value(s.feasibility);
  w.key("security_x100").value(s.security).key("budget_x100").value(s.budget).key("overall_x100").value(s.overall);
  w.end_object().key("created_at").value(v.created_at.to_rfc3339()).end_object();
  return w.take();
}

std::string checks_json(const filing::ChecksView& v) {
  common::JsonWriter w;
  w.begin_object().key("application").value(v.application).key("version").value(std::int64_t{v.version});
  w.key("findings").begin_array();
  for (const auto& f : v.findings) {
    w.begin_object().key("rule").value(f.rule);
    w.key("severity").value(f.severity == approvals::FindingSeverity::blocking ? "blocking" : "flag");
    w.key("message").value(f.message).end_object();
  }
  w.end_array().key("threshold").raw(filing::format_score(v.threshold)).key("matches").begin_array();
  for (const auto& m : v.matches) {
    w.begin_object()
        .key("id")
        .value(m.match.id)
        .key("kind")
        .value(m.match.id.front() == 'S' ? "system" : "application");
    w.key("name").value(m.match.name).key("department").value(m.match.department);
    w.key("score").raw(filing::format_score(m.match.score)).key("phrases").string_array(m.match.phrases);
    w.key("needs_resolution").value(m.needs_resolution).key("resolution");
    if (m.resolution) {
      w.begin_object().key("resolution").value(filing::to_string(m.resolution->resolution));
      w.key("note").value(m.resolution->note).key("reviewer").value(m.resolution->reviewer);
      w.key("at").value(m.resolution->at.to_rfc3339()).end_object();
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array().key("matches_truncated").value(v.matches_truncated).key("blocked").value(v.blocked).end_object();
  return w.take();
}

filing::ApplicationDraft read_draft(http::JsonBody& f) {
  filing::ApplicationDraft d;
  d.name = f.required_string("name", 200);
  const auto type = f.required_string("type", 20);
  d.requested_budget = common::Money::from_fen(f.required_int("requested_budget_fen", 1, kMaxBudgetFen));
  d.functions = f.required_string("functions", 20000);
  d.consumes = f.string_array("consumes", 200, 200, true);
  d.produces = f.string_array("produces", 200, 200, true);
  const auto hosting = f.required_string("hosting", 40);
  d.security_level = static_cast<int>(f.required_int("security_level", 1, 5));
  d.domestic_technology = f.required_string("domestic_technology", 2000);
  d.schedule_start = f.required_string("schedule_start", 10);
  d.schedule_end = f.required_string("schedule_end", 10);
  if (const auto t = approvals::parse_project_type(type)) {
    d.type = *t;
  } else if (!type.empty()) {
    f.reject("type", "must be build, operations or service");
  }
  if (const auto h = approvals::parse_hosting(hosting)) {
    d.hosting = *h;
  } else if (!hosting.empty()) {
    f.reject("hosting", "must be provincial_government_cloud, own_machine_room, own_servers or other_cloud");
  }
  const auto start = common::CivilDay::parse(d.schedule_start);
  const auto end = common::CivilDay::parse(d.schedule_end);
  const auto plausible = [](const std::optional<common::CivilDay>& day) {
    return day && day->year() >= 2000 && day->year() <= 2100;
  };
  if (!plausible(start)) f.reject("schedule_start", "must be a date from 2000 to 2100, like 2027-01-31");
  if (!plausible(end)) f.reject("schedule_end", "must be a date from 2000 to 2100, like 2027-12-31");
  if (start && end && *end < *start) f.reject("schedule_end", "is before schedule_start");
  return d;
}

}  // namespace gp::server::api
