#pragma once
// answer_from_worker: the usual shape of a handler's second half. Runs `work` on the worker pool and
// answers `status` with render(value), or the problem. When the work changed a tender's state, the
// public read cache (which shows the state) is dropped too.
//
// Callers pass a named std::function: GCC 12 miscompiles lambdas with captures written inside a
// co_await expression.

#include <functional>
#include <string>

#include "gongping/server/api/handlers.hpp"

namespace gp::server::api {

template <class T>
HandlerResult answer_from_worker(http::RequestContext& rc, std::function<common::Result<T>()>& work,
                                 http::Status status, std::string (*render)(const T&),
                                 bool changes_tender_state = false) {
  auto done = co_await rc.server.blocking.run<T>(std::move(work));
  if (!done) co_return rc.problem(done.error());
  if (changes_tender_state) rc.server.public_reads.forget_all();
  co_return rc.json(status, render(done.value()));
}

}  // namespace gp::server::api
