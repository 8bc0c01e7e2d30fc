// Precompiled header for gp_server: the heavy third-party headers every server file pulls in.
// Only third-party headers belong here, never project headers.
#pragma once
#include <rapidjson/document.h>
#include <soci/soci.h>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
