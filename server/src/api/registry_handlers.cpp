// The system registry and the data catalogue (filing/registry_service.hpp).
#include "answer_from_worker.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"
#include "gongping/server/http/json_body.hpp"

namespace gp::server::api {
namespace {

void write_system(common::JsonWriter& w, const filing::SystemView& v) {
  w.begin_object().key("id").value(v.id).key("owner_department").value(v.system.owner_department);
  w.key("name").value(v.system.name).key("functions").value(v.system.functions);
  w.key("data_resources").string_array(v.system.data_resources);
  w.key("hosting")
      .value(approvals::to_string(v.system.hosting))
      .key("status")
      .value(approvals::to_string(v.system.status));
  w.key("project_code").value_or_null(v.project_code).key("recorded_at").value(v.recorded_at.to_rfc3339()).end_object();
}

std::string system_json(const filing::SystemView& v) {
  common::JsonWriter w;
  write_system(w, v);
  return w.take();
}

std::string system_page_json(const filing::SystemPage& page) {
  common::JsonWriter w;
  w.begin_object().key("total").value(page.total).key("items").begin_array();
  for (const auto& v : page.systems) write_system(w, v);
  w.end_array().end_object();
  return w.take();
}

void write_resource(common::JsonWriter& w, const filing::ResourceView& v) {
  const auto& r = v.resource;
  w.begin_object().key("id").value(v.id).key("name").value(r.name).key("owner_department").value(r.owner_department);
  w.key("fields").string_array(r.fields);
  w.key("update_frequency")
      .value(filing::to_string(r.update_frequency))
      .key("sharing")
      .value(approvals::to_string(r.sharing));
  w.key("reason").value(r.reason).key("recorded_at").value(v.recorded_at.to_rfc3339()).end_object();
}

std::string resource_json(const filing::ResourceView& v) {
  common::JsonWriter w;
  write_resource(w, v);
  return w.take();
}

std::string resources_json(const std::vector<filing::ResourceView>& items) {
  common::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& v : items) write_resource(w, v);
  w.end_array().end_object();
  return w.take();
}

}  // namespace

HandlerResult add_registry_system(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  approvals::SystemFields fields;
  fields.owner_department = f.required_string("owner_department", approvals::kMaxDepartmentBytes);
  fields.name = f.required_string("name", approvals::kMaxSystemNameBytes);
  fields.functions = f.required_string("functions", approvals::kMaxFunctionsBytes);
  fields.data_resources =
      f.string_array("data_resources", approvals::kMaxDataResources, approvals::kMaxResourceNameBytes, false);
  fields.hosting = f.required_string("hosting", 40);
  fields.status = f.optional_string("status", 40).value_or("");
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto system = approvals::validate_system(fields);
  if (!system) co_return rc.problem(system.error());
  auto& server = rc.server;
  std::function<common::Result<filing::SystemView>()> work =
      [&server, actor = rc.principal->actor(), s = system.value()] { return server.registry.add_system(actor, s); };
  co_return co_await answer_from_worker<filing::SystemView>(rc, work, http::Status::created, &system_json);
}

HandlerResult list_registry_systems(http::RequestContext& rc) {
  filing::SystemQuery q;
  const auto limit = query_int(rc.query, "limit", 50, 500);
  const auto offset = query_int(rc.query, "offset", 0, 10'000'000);
  const auto text = query_decoded(rc.query, "q");
  std::vector<common::FieldError> errors;
  if (!limit) errors.push_back({"limit", "must be a whole number from 0 to 500"});
  if (!offset) errors.push_back({"offset", "must be a whole number from 0 to 10000000"});
  if (text && text->size() > 200) errors.push_back({"q", "must be at most 200 bytes"});
  if (!errors.empty()) co_return rc.problem(common::Error::validation(std::move(errors)));
  q.limit = static_cast<std::size_t>(*limit);
  q.offset = static_cast<std::size_t>(*offset);
  q.text = text.value_or("");
  auto& server = rc.server;
  std::function<common::Result<filing::SystemPage>()> work = [&server, q] { return server.registry.systems(q); };
  co_return co_await answer_from_worker<filing::SystemPage>(rc, work, http::Status::ok, &system_page_json);
}

HandlerResult add_catalogue_resource(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  filing::CatalogueResource r;
  r.name = f.required_string("name", approvals::kMaxResourceNameBytes);
  r.owner_department = f.required_string("owner_department", approvals::kMaxDepartmentBytes);
  r.fields = f.string_array("fields", 500, 100, true);
  const auto frequency = f.required_string("update_frequency", 20);
  const auto sharing = f.required_string("sharing", 20);
  r.reason = f.optional_string("reason", 2000).value_or("");
  if (const auto u = filing::parse_update_frequency(frequency)) {
    r.update_frequency = *u;
  } else if (!frequency.empty()) {
    f.reject("update_frequency", "must be realtime, daily, weekly, monthly, quarterly, yearly or on_change");
  }
  if (const auto s = approvals::parse_sharing_type(sharing)) {
    r.sharing = *s;
  } else if (!sharing.empty()) {
    f.reject("sharing", "must be unconditional, conditional or not_shared");
  }
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<filing::ResourceView>()> work = [&server, actor = rc.principal->actor(), r] {
    return server.registry.add_resource(actor, r);
  };
  co_return co_await answer_from_worker<filing::ResourceView>(rc, work, http::Status::created, &resource_json);
}

HandlerResult list_catalogue_resources(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<std::vector<filing::ResourceView>>()> work = [&server] {
    return server.registry.resources();
  };
  co_return co_await answer_from_worker<std::vector<filing::ResourceView>>(rc, work, http::Status::ok, &resources_json);
}

}  // namespace gp::server::api
