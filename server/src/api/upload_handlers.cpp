// Streamed uploads: a bidder's encrypted attachments and an official's tender documents. The body
// is read in 64 KiB pieces, hashed as it arrives and stored in 1 MiB chunks, so an upload of
// 200 MiB needs about 1 MiB of memory.
#include <algorithm>
#include <cctype>

#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"

namespace gp::server::api {
namespace {

constexpr std::size_t kReadPiece = 64 * 1024;
constexpr std::size_t kStoredChunk = 1024 * 1024;

void write_upload(common::JsonWriter& w, const uploads::UploadView& u) {
  w.begin_object()
      .key("name")
      .value(u.name)
      .key("media_type")
      .value(u.media_type)
      .key("bytes")
      .value(u.bytes)
      .key("sha256")
      .value(u.sha256_hex)
      .key("completed_at")
      .value(u.completed_at.to_rfc3339())
      .end_object();
}

HandlerResult receive_upload(http::RequestContext& rc, uploads::UploadKind kind) {
  auto& server = rc.server;
  const auto name = query_decoded(rc.query, "name");
  if (!name) {
    co_return rc.problem(common::Error::validation({{"name", "query parameter is required (the file's name)"}}));
  }
  std::string media_type(rc.request[http::beast_http::field::content_type].substr(0, 100));
  if (media_type.empty()) media_type = "application/octet-stream";
  const auto uploader = *rc.principal;
  std::function<common::Result<std::int64_t>()> begin = [&server, uploader, kind, id = rc.params.at("id"), name,
                                                         media_type] {
    return server.uploads.begin(uploader, kind, id, *name, media_type);
  };
  auto upload_id = co_await server.blocking.run<std::int64_t>(std::move(begin));
  if (!upload_id) co_return rc.problem(upload_id.error());

  common::Sha256Stream hash;
  common::Bytes pending;
  pending.reserve(kStoredChunk + kReadPiece);
  std::vector<std::uint8_t> piece(kReadPiece);
  std::int64_t total = 0;
  int seq = 0;
  common::Result<void> stored = common::Ok{};
  bool body_done = rc.body_stream == nullptr;  // no streamed body: an empty upload
  while (stored) {
    if (!body_done) {
      auto n = co_await rc.body_stream->read(piece.data(), piece.size());
      if (!n) {
        stored = n.error();
        break;
      }
      body_done = n.value() == 0;
      hash.update(piece.data(), n.value());
      pending.insert(pending.end(), piece.begin(), piece.begin() + static_cast<std::ptrdiff_t>(n.value()));
      total += static_cast<std::int64_t>(n.value());
    }
    if (pending.size() >= kStoredChunk || (body_done && !pending.empty())) {
      std::function<common::Result<void>()> append = [&server, id = upload_id.value(), seq,
                                                      chunk = std::move(pending)] {
        return server.uploads.append(id, seq, chunk);
      };
      pending = {};
      pending.reserve(kStoredChunk + kReadPiece);
      ++seq;
      stored = co_await server.blocking.run<void>(std::move(append));
    }
    if (body_done) break;
  }
  common::Result<uploads::UploadView> completed = common::make_error(common::ErrorCode::internal, "");
  if (stored) {
    std::function<common::Result<uploads::UploadView>()> complete = [&server, uploader, id = upload_id.value(),
                                                                     digest = hash.finish(), total] {
      return server.uploads.complete(uploader, id, digest, total);
    };
    completed = co_await server.blocking.run<uploads::UploadView>(std::move(complete));
  }
  if (!stored || !completed) {
    std::function<common::Result<void>()> abandon = [&server, id = upload_id.value()] {
      return server.uploads.abandon(id);
    };
    co_await server.blocking.run<void>(std::move(abandon));
    co_return rc.problem(stored ? completed.error() : stored.error());
  }
  common::JsonWriter w;
  write_upload(w, completed.value());
  co_return rc.json(http::Status::created, w.take());
}

HandlerResult list_uploads(http::RequestContext& rc, uploads::UploadKind kind) {
  auto& server = rc.server;
  std::function<common::Result<std::vector<uploads::UploadView>>()> work =
      [&server, viewer = rc.principal, kind, id = rc.params.at("id")] { return server.uploads.list(viewer, kind, id); };
  auto found = co_await server.blocking.run<std::vector<uploads::UploadView>>(std::move(work));
  if (!found) co_return rc.problem(found.error());
  common::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& u : found.value()) write_upload(w, u);
  w.end_array().end_object();
  co_return rc.json(http::Status::ok, w.take());
}

}  // namespace

HandlerResult download_document(http::RequestContext& rc) {
  const std::string sha = rc.params.at("sha256");
  const bool hex = sha.size() == 64 && std::all_of(sha.begin(), sha.end(), [](char c) {
                     return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                   });
  if (!hex) co_return rc.problem(common::make_error(common::ErrorCode::not_found, "Name a document by its SHA-256."));
  auto& server = rc.server;
  std::function<common::Result<uploads::UploadService::Document>()> work = [&server, viewer = rc.principal,
                                                                            id = rc.params.at("id"), sha] {
    return server.uploads.document(viewer, id, sha);
  };
  auto found = co_await server.blocking.run<uploads::UploadService::Document>(std::move(work));
  if (!found) co_return rc.problem(found.error());
  auto& d = found.value();
  http::Response res{http::Status::ok, rc.request.version()};
  res.set(http::beast_http::field::content_type, d.view.media_type);
  // RFC 6266 / RFC 8187: the name percent-encoded as UTF-8, so Chinese names survive.
  std::string encoded;
  for (unsigned char c : d.view.name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  res.set(http::beast_http::field::content_disposition, "attachment; filename*=UTF-8''" + encoded);
  res.set("X-Content-SHA256", d.view.sha256_hex);
  res.body() = std::move(d.content);
  res.prepare_payload();
  co_return res;
}

HandlerResult upload_attachment(http::RequestContext& rc) {
  return receive_upload(rc, uploads::UploadKind::attachment);
}
HandlerResult upload_document(http::RequestContext& rc) { return receive_upload(rc, uploads::UploadKind::document); }
HandlerResult own_attachments(http::RequestContext& rc) { return list_uploads(rc, uploads::UploadKind::attachment); }
HandlerResult tender_documents(http::RequestContext& rc) { return list_uploads(rc, uploads::UploadKind::document); }

}  // namespace gp::server::api
