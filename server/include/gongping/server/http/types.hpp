#pragma once
// The HTTP message types every handler speaks: Beast requests and responses with string bodies.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace gp::server::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Status = beast_http::status;
using Verb = beast_http::verb;

}  // namespace gp::server::http
