// Collusion indicators for supervisors (supervision/collusion_service.hpp).
#include "answer_from_worker.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"

namespace gp::server::api {
namespace {

std::string indicators_json(const std::vector<audit::collusion::Indicator>& found) {
  common::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& i : found) {
    w.begin_object().key("tender_id").text_or_null(i.tender_id).key("kind").value(i.kind);
    w.key("bidders").string_array(i.bidders).key("evidence").value(i.evidence);
    w.key("strength_x100").value(static_cast<std::int64_t>(i.strength * 100 + 0.5)).end_object();
  }
  w.end_array().end_object();
  return w.take();
}

}  // namespace

HandlerResult get_tender_collusion(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<std::vector<audit::collusion::Indicator>>()> work = [&server, id = rc.params.at("id")] {
    return server.collusion.tender(id);
  };
  co_return co_await answer_from_worker<std::vector<audit::collusion::Indicator>>(rc, work, http::Status::ok,
                                                                                  &indicators_json);
}

HandlerResult get_collusion_alerts(http::RequestContext& rc) {
  const auto min = query_int(rc.query, "min_strength", 50, 100);
  if (!min) co_return rc.problem(common::Error::validation({{"min_strength", "must be 0 to 100 (hundredths)"}}));
  auto& server = rc.server;
  std::function<common::Result<std::vector<audit::collusion::Indicator>>()> work = [&server, m = *min] {
    return server.collusion.alerts(m / 100.0);
  };
  co_return co_await answer_from_worker<std::vector<audit::collusion::Indicator>>(rc, work, http::Status::ok,
                                                                                  &indicators_json);
}

}  // namespace gp::server::api
