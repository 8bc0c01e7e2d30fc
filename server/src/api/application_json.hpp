#pragma once
// JSON of the filing views (applications, their checks), shared by the application handlers.

#include <string>

#include "gongping/common/json_writer.hpp"
#include "gongping/server/filing/application_service.hpp"
#include "gongping/server/http/json_body.hpp"

namespace gp::server::api {

std::string application_json(const filing::ApplicationView& v);
std::string checks_json(const filing::ChecksView& v);
void write_draft(common::JsonWriter& w, const filing::ApplicationDraft& d);

// Reads an application draft's fields from a request body (every field required).
filing::ApplicationDraft read_draft(http::JsonBody& f);

}  // namespace gp::server::api
