// Open data in OCDS 1.1 (open_data/ocds_service.hpp): per tender, and a change feed.
#include "answer_from_worker.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"

namespace gp::server::api {
namespace {

std::string as_is(const std::string& json) { return json; }

}  // namespace

HandlerResult get_ocds_release_package(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<std::string>()> work = [&server, id = rc.params.at("id")] {
    return server.ocds.release_package(id);
  };
  co_return co_await answer_from_worker<std::string>(rc, work, http::Status::ok, &as_is);
}

HandlerResult get_ocds_record_package(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<std::string>()> work = [&server, id = rc.params.at("id")] {
    return server.ocds.record_package(id);
  };
  co_return co_await answer_from_worker<std::string>(rc, work, http::Status::ok, &as_is);
}

HandlerResult get_ocds_feed(http::RequestContext& rc) {
  std::vector<common::FieldError> errors;
  const auto since = query_instant(rc.query, "since", errors);
  const auto after = query_decoded(rc.query, "after").value_or("");
  if (after.size() > 64) errors.push_back({"after", "must be a release id"});
  const auto limit = query_int(rc.query, "limit", 100, static_cast<int>(open_data::kMaxFeedReleases));
  if (!limit || *limit < 1) errors.push_back({"limit", "must be a whole number from 1 to 100"});
  if (!errors.empty()) co_return rc.problem(common::Error::validation(std::move(errors)));
  auto& server = rc.server;
  std::function<common::Result<std::string>()> work = [&server, since, after, n = static_cast<std::size_t>(*limit)] {
    return server.ocds.feed(since, after, n);
  };
  co_return co_await answer_from_worker<std::string>(rc, work, http::Status::ok, &as_is);
}

}  // namespace gp::server::api
