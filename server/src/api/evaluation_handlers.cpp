// The expert pool, the panel draw and the evaluation room: profiles, draw, decline, start, scores,
// the evaluation's state and the panel's sign-off.
#include "answer_from_worker.hpp"
#include "exact_json.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/http/json_body.hpp"
#include "gongping/server/http/media_type.hpp"

namespace gp::server::api {
namespace {

using matching::engine::ExactJson;
using Kind = ExactJson::Kind;

// Bodies whose numbers must stay exact (scores) or that hold arrays of objects (profiles).
common::Result<ExactJson> exact_body(const http::Request& request) {
  if (!http::has_media_type(request, "application/json")) {
    return common::make_error(common::ErrorCode::unsupported_media_type, "Send the body as application/json.");
  }
  auto parsed = matching::engine::parse_exact_json(request.body());
  if (const auto* error = std::get_if<matching::engine::ExactJsonError>(&parsed)) {
    return common::make_error(
        common::ErrorCode::malformed_request,
        "The body is not JSON (at byte " + std::to_string(error->offset) + ": " + error->message + ").");
  }
  auto& doc = std::get<ExactJson>(parsed);
  if (doc.kind != Kind::object)
    return common::make_error(common::ErrorCode::malformed_request, "The body must be a JSON object.");
  return std::move(doc);
}

// Collects field problems while reading an ExactJson object (validation_failed lists them all).
class Fields {
 public:
  void reject(std::string field, std::string problem) { problems_.push_back({std::move(field), std::move(problem)}); }
  common::Result<void> finish() const {
    if (problems_.empty()) return common::Ok{};
    return common::Error::validation(problems_);
  }
  std::optional<std::string> string(const ExactJson* v, const std::string& field, std::size_t max, bool required) {
    if (!v) {
      if (required) reject(field, "is required");
      return std::nullopt;
    }
    if (v->kind != Kind::string || v->text.empty() || v->text.size() > max) {
      reject(field, "must be a string of 1 to " + std::to_string(max) + " bytes");
      return std::nullopt;
    }
    return v->text;
  }
  std::optional<common::Instant> instant(const ExactJson* v, const std::string& field, bool required) {
    auto text = string(v, field, 40, required);
    if (!text) return std::nullopt;
    auto at = common::Instant::parse_rfc3339(*text);
    if (!at) reject(field, "must be an RFC 3339 UTC time like 2024-03-01T00:00:00Z");
    return at;
  }

 private:
  std::vector<common::FieldError> problems_;
};

void write_panel(common::JsonWriter& w, const evaluation::PanelView& p) {
  w.begin_object().key("tender_id").value(p.tender_id).key("specialty").value(p.specialty);
  w.key("size")
      .value(std::int64_t{p.size})
      .key("seed")
      .value(p.seed_hex)
      .key("drawn_at")
      .value(p.drawn_at.to_rfc3339());
  w.key("audit_index").value(p.audit_index).key("draw_entry").raw(p.draw_entry).key("members").begin_array();
  for (const auto& m : p.members) {
    w.begin_object().key("account").value(m.account).key("name").value(m.display_name);
    w.key("kind").value(evaluation::to_string(m.kind)).key("status").value(evaluation::to_string(m.status));
    w.key("chair").value(m.chair).key("draw_position");
    if (m.draw_position) {
      w.value(std::int64_t{*m.draw_position});
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array().end_object();
}

std::string evaluation_json(const evaluation::EvaluationView& v) {
  common::JsonWriter w;
  w.begin_object().key("tender_id").value(v.tender_id).key("closed").value(v.closed).key("case").raw(v.room_case);
  w.key("members").begin_array();
  for (const auto& m : v.members) {
    w.begin_object().key("account").value(m.account).key("finished").value(m.finished);
    w.key("signed_off").value(m.signed_off).end_object();
  }
  w.end_array().key("standing");
  if (v.standing) {
    w.raw(*v.standing);
  } else {
    w.null();
  }
  w.key("scores").begin_array();
  for (const auto& s : v.scores) {
    w.begin_object().key("expert").value(s.expert).key("bidder").value(s.bidder).key("criterion").value(s.criterion);
    w.key("score").value(s.score).end_object();
  }
  w.end_array().key("result");
  if (v.result) {
    w.raw(*v.result);
  } else {
    w.null();
  }
  w.key("result_sha256").value_or_null(v.result_sha256).end_object();
  return w.take();
}

std::string profile_text(const evaluation::ExpertProfile& p) { return evaluation::expert_profile_json(p); }

std::string panel_text(const evaluation::PanelView& p) {
  common::JsonWriter w;
  write_panel(w, p);
  return w.take();
}

std::string score_text(const evaluation::GivenScore& s) {
  common::JsonWriter w;
  w.begin_object().key("expert").value(s.expert).key("bidder").value(s.bidder).key("criterion").value(s.criterion);
  w.key("score").text_or_null(s.score).end_object();
  return w.take();
}

}  // namespace

HandlerResult put_expert_profile(http::RequestContext& rc) {
  auto body = exact_body(rc.request);
  if (!body) co_return rc.problem(body.error());
  const auto& doc = body.value();
  Fields f;
  evaluation::ExpertProfile profile;
  profile.expert = rc.params.at("id");
  const auto* specialties = doc.find("specialties");
  if (!specialties || specialties->kind != Kind::array || specialties->items.size() > evaluation::kMaxSpecialties) {
    f.reject("specialties", "must be an array of at most 16 specialty names");
  } else {
    for (std::size_t i = 0; i < specialties->items.size(); ++i) {
      if (auto s = f.string(&specialties->items[i], "specialties[" + std::to_string(i) + "]", 64, true)) {
        profile.specialties.push_back(*s);
      }
    }
  }
  if (const auto* jobs = doc.find("employments")) {
    if (jobs->kind != Kind::array || jobs->items.size() > evaluation::kMaxEmployments) {
      f.reject("employments", "must be an array of at most 64 employments");
    } else {
      for (std::size_t i = 0; i < jobs->items.size(); ++i) {
        const auto& j = jobs->items[i];
        const std::string at = "employments[" + std::to_string(i) + "]";
        auto enterprise = f.string(j.find("enterprise"), at + ".enterprise", 32, true);
        auto from = f.instant(j.find("from"), at + ".from", true);
        const auto* until_value = j.find("until");
        std::optional<common::Instant> until;
        if (until_value && until_value->kind != Kind::null) until = f.instant(until_value, at + ".until", true);
        if (from && until && *until < *from) f.reject(at + ".until", "is before from");
        if (enterprise && from) profile.employments.push_back({*enterprise, *from, until});
      }
    }
  }
  if (const auto* departments = doc.find("departments")) {
    if (departments->kind != Kind::array || departments->items.size() > evaluation::kMaxDepartments) {
      f.reject("departments", "must be an array of at most 16 government department names");
    } else {
      for (std::size_t i = 0; i < departments->items.size(); ++i) {
        if (auto d = f.string(&departments->items[i], "departments[" + std::to_string(i) + "]", 200, true)) {
          profile.departments.push_back(*d);
        }
      }
    }
  }
  if (const auto* interests = doc.find("interests")) {
    if (interests->kind != Kind::array || interests->items.size() > evaluation::kMaxInterests) {
      f.reject("interests", "must be an array of at most 64 declared interests");
    } else {
      for (std::size_t i = 0; i < interests->items.size(); ++i) {
        const auto& x = interests->items[i];
        const std::string at = "interests[" + std::to_string(i) + "]";
        auto enterprise = f.string(x.find("enterprise"), at + ".enterprise", 32, true);
        auto kind_text = f.string(x.find("kind"), at + ".kind", 16, true);
        const auto kind = kind_text ? evaluation::parse_interest_kind(*kind_text) : std::nullopt;
        if (kind_text && !kind) f.reject(at + ".kind", "must be relative, stake or other");
        if (enterprise && kind) profile.interests.push_back({*enterprise, *kind});
      }
    }
  }
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<evaluation::ExpertProfile>()> work = [&server, actor = *rc.principal, profile] {
    return server.expert_pool.put_profile(actor, profile);
  };
  co_return co_await answer_from_worker<evaluation::ExpertProfile>(rc, work, http::Status::ok, &profile_text);
}

HandlerResult get_expert_profile(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<evaluation::ExpertProfile>()> work =
      [&server, reader = *rc.principal, id = rc.params.at("id")] { return server.expert_pool.profile(reader, id); };
  co_return co_await answer_from_worker<evaluation::ExpertProfile>(rc, work, http::Status::ok, &profile_text);
}

HandlerResult draw_panel(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  matching::PanelRequest request;
  request.size = static_cast<std::size_t>(f.required_int("size", 5, 99));
  request.specialty = f.required_string("specialty", 64);
  request.purchaser_representatives = f.string_array("purchaser_representatives", 33, 32, false);
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<evaluation::PanelView>()> work = [&server, official = *rc.principal,
                                                                 id = rc.params.at("id"), request] {
    return server.panels.draw(official, id, request);
  };
  co_return co_await answer_from_worker<evaluation::PanelView>(rc, work, http::Status::created, &panel_text);
}

HandlerResult get_panel(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<evaluation::PanelView>()> work =
      [&server, reader = *rc.principal, id = rc.params.at("id")] { return server.panels.panel(reader, id); };
  co_return co_await answer_from_worker<evaluation::PanelView>(rc, work, http::Status::ok, &panel_text);
}

HandlerResult decline_panel_seat(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto reason = f.required_string("reason", 2000);
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<evaluation::PanelView>()> work = [&server, expert = *rc.principal,
                                                                 id = rc.params.at("id"), reason] {
    return server.panels.decline(expert, id, reason);
  };
  co_return co_await answer_from_worker<evaluation::PanelView>(rc, work, http::Status::ok, &panel_text);
}

HandlerResult start_evaluation(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<evaluation::EvaluationView>()> work =
      [&server, official = *rc.principal, id = rc.params.at("id")] { return server.evaluations.start(official, id); };
  co_return co_await answer_from_worker<evaluation::EvaluationView>(rc, work, http::Status::created, &evaluation_json,
                                                                    true);
}

HandlerResult get_evaluation(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<evaluation::EvaluationView>()> work =
      [&server, reader = *rc.principal, id = rc.params.at("id")] { return server.evaluations.view(reader, id); };
  co_return co_await answer_from_worker<evaluation::EvaluationView>(rc, work, http::Status::ok, &evaluation_json);
}

HandlerResult put_score(http::RequestContext& rc) {
  auto body = exact_body(rc.request);
  if (!body) co_return rc.problem(body.error());
  const auto& doc = body.value();
  Fields f;
  const auto bidder = f.string(doc.find("bidder"), "bidder", 32, true);
  const auto criterion = f.string(doc.find("criterion"), "criterion", 64, true);
  std::optional<matching::Decimal4> score;
  const auto* value = doc.find("score");
  if (!value) {
    f.reject("score", "is required (null withdraws your score)");
  } else if (value->kind != Kind::null) {
    score = value->kind == Kind::number ? matching::parse_decimal4(value->text) : std::nullopt;
    if (!score) f.reject("score", "must be a number with at most 4 decimal places, or null");
  }
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<evaluation::GivenScore>()> work =
      [&server, member = *rc.principal, id = rc.params.at("id"), b = *bidder, c = *criterion, score] {
        return server.evaluations.score(member, id, b, c, score);
      };
  co_return co_await answer_from_worker<evaluation::GivenScore>(rc, work, http::Status::ok, &score_text);
}

HandlerResult sign_off_evaluation(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<evaluation::EvaluationView>()> work =
      [&server, member = *rc.principal, id = rc.params.at("id")] { return server.evaluations.sign_off(member, id); };
  co_return co_await answer_from_worker<evaluation::EvaluationView>(rc, work, http::Status::ok, &evaluation_json);
}

}  // namespace gp::server::api
