#include "gongping/server/api/routes.hpp"

#include "gongping/common/embedded_file.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"

namespace gp::server::api {
namespace embedded {
std::vector<common::EmbeddedFile> openapi_files();
}

std::vector<http::Route> api_routes() {
  using common::Role;
  using http::RouteAccess;
  using http::Verb;
  return {
      {Verb::get, "/healthz", RouteAccess::anyone(), &healthz},
      {Verb::get, "/readyz", RouteAccess::anyone(), &readyz},
      {Verb::get, "/metrics", RouteAccess::anyone(), &metrics},
      {Verb::get, "/openapi.json", RouteAccess::anyone(), &openapi},
      {Verb::post, "/api/enterprises", RouteAccess::anyone(), &register_enterprise},
      {Verb::post, "/api/session", RouteAccess::anyone(), &open_session},
      {Verb::get, "/api/session", RouteAccess::signed_in(), &current_session},
      {Verb::delete_, "/api/session", RouteAccess::signed_in(), &close_session},
      {Verb::post, "/api/admin/accounts", RouteAccess::only({Role::admin}), &create_staff_account},
      {Verb::get, "/api/admin/accounts", RouteAccess::only({Role::admin}), &list_accounts},
  };
}

std::string bundled_openapi() { return embedded::openapi_files().at(0).content; }

std::string routes_as_json(const std::vector<http::Route>& routes) {
  common::JsonWriter w;
  w.begin_array();
  for (const auto& r : routes) {
    w.begin_object().key("method").value(http::beast_http::to_string(r.method)).key("path").value(r.pattern);
    w.key("roles");
    if (r.access.is_public()) {
      w.value("anyone");
    } else {
      w.begin_array();
      for (const auto role : r.access.roles()) w.value(common::to_string(role));
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
  return w.take();
}

}  // namespace gp::server::api
