#pragma once
// BodyStream: the body of a request on a streamed route (Route::streamed_body), read piece by
// piece by the handler instead of being buffered whole, so that uploads of hundreds of MiB need
// only a bounded buffer. Lives on the connection's coroutine frame for the duration of the handler.
// Not thread-safe: read it from the handler's coroutine only.

#include <cstddef>
#include <cstdint>

#include <boost/asio/awaitable.hpp>

#include "gongping/common/result.hpp"

namespace gp::server::http {

class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // Reads the next piece of the body into out[0..max) and returns its size; 0 once the body is
  // complete. payload_too_large beyond the route's limit; malformed_request for broken framing;
  // unavailable when the client goes away or stalls past the read timeout.
  virtual boost::asio::awaitable<common::Result<std::size_t>> read(std::uint8_t* out, std::size_t max) = 0;
  virtual bool complete() const = 0;
};

}  // namespace gp::server::http
