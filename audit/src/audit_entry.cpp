#include "gongping/audit/audit_entry.hpp"

#include "gongping/common/json_writer.hpp"

namespace gp::audit {

std::string AuditEntry::serialize() const {
  common::JsonWriter w;
  w.begin_object()
      .key("index")
      .value(index)
      .key("at")
      .value(at.to_rfc3339())
      .key("actor")
      .begin_object()
      .key("id")
      .value(actor.id)
      .key("role")
      .value(actor.role)
      .end_object()
      .key("action")
      .value(action)
      .key("object")
      .begin_object()
      .key("type")
      .value(object.type)
      .key("id")
      .value(object.id)
      .end_object()
      .key("data")
      .raw(data_json.empty() ? "{}" : data_json)
      .end_object();
  return w.take();
}

AuditEntry make_entry(Actor actor, std::string action, ObjectRef object, std::string data_json) {
  AuditEntry e;
  e.actor = std::move(actor);
  e.action = std::move(action);
  e.object = std::move(object);
  e.data_json = std::move(data_json);
  return e;
}

}  // namespace gp::audit
