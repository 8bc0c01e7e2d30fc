// The bureau's statistics (reports/statistics_service.hpp): JSON for charts, or CSV.
#include "answer_from_worker.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"

namespace gp::server::api {

HandlerResult get_statistics(http::RequestContext& rc) {
  std::vector<common::FieldError> errors;
  const auto from = query_instant(rc.query, "from", errors);
  const auto to = query_instant(rc.query, "to", errors);
  const auto format = query_text(rc.query, "format");
  if (!format.empty() && format != "json" && format != "csv") errors.push_back({"format", "must be json or csv"});
  if (!errors.empty()) co_return rc.problem(common::Error::validation(std::move(errors)));
  auto& server = rc.server;
  std::function<common::Result<reports::Statistics>()> work = [&server, from, to] {
    return server.statistics.statistics(from, to);
  };
  if (format != "csv") {
    co_return co_await answer_from_worker<reports::Statistics>(rc, work, http::Status::ok, &reports::statistics_json);
  }
  auto figures = co_await server.blocking.run<reports::Statistics>(std::move(work));
  if (!figures) co_return rc.problem(figures.error());
  http::Response res{http::Status::ok, rc.request.version()};
  res.set(http::beast_http::field::content_type, "text/csv; charset=utf-8");
  res.set(http::beast_http::field::content_disposition, "attachment; filename=\"gongping-statistics.csv\"");
  res.body() = reports::statistics_csv(figures.value());
  res.prepare_payload();
  co_return res;
}

}  // namespace gp::server::api
