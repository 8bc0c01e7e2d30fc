#pragma once
// The auction keeper: every second, on each server, it tells the engine the time (advance_auctions:
// auctions end by their countdown, hard stop or last turn), and brings the engine and the record
// together for each auction not yet decided:
// - an auction the engine does not hold (a new engine, or one that lost its journal) is restored from
//   the record in one engine command: its opening, confirmed registrations and stored bids;
// - a confirmed registration the engine lacks (the engine was away when it was confirmed) is sent;
// - bids the engine accepted that the record lacks (the server died between the two) are fetched
//   from the first missing one, stored with their audit entries and then published, so no accepted
//   bid is lost;
// - an auction the engine says ended gets its outcome stored once the record holds every accepted
//   bid, and is dropped from the engine.
// The records are read for all undecided auctions at once (two queries a second, however many are
// open); only an auction that needs mending costs more.
// Every step is idempotent, so several servers may keep the same auctions.

#include <boost/asio/awaitable.hpp>

namespace gp::server::http {
struct ServerContext;
}

namespace gp::server::auctions {

boost::asio::awaitable<void> keep_auctions(http::ServerContext& server);

}  // namespace gp::server::auctions
