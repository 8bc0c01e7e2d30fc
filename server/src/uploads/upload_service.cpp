#include "gongping/server/uploads/upload_service.hpp"

#include "gongping/common/json_writer.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/tenders/tender_rows.hpp"

namespace gp::server::uploads {
namespace {

using common::ErrorCode;
using common::make_error;

std::string_view kind_name(UploadKind kind) { return kind == UploadKind::attachment ? "attachment" : "document"; }

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 255) return false;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') return false;
  }
  return true;
}

}  // namespace

UploadService::UploadService(db::Database& database, const common::Clock& clock)
    : db_(database), clock_(clock), audit_(clock) {}

common::Result<std::int64_t> UploadService::begin(const accounts::Principal& uploader, UploadKind kind,
                                                  const std::string& tender_id, const std::string& name,
                                                  const std::string& media_type) {
  if (!valid_name(name)) {
    return common::Error::validation({{"name", "must be 1 to 255 bytes without control characters or slashes"}});
  }
  return db_.run<std::int64_t>([&](soci::session& sql) -> common::Result<std::int64_t> {
    auto tender = tenders::find_tender(sql, tender_id);
    if (kind == UploadKind::attachment) {
      if (!tender || !tender->view.published_at) return make_error(ErrorCode::not_found, "No such published tender.");
      if (tender->view.state != bidding::TenderState::published || clock_.now() >= tender->view.terms.bid_deadline) {
        return make_error(ErrorCode::bid_deadline_passed,
                          "Bids for this tender closed at " + tender->view.terms.bid_deadline.to_rfc3339() + ".");
      }
    } else {
      if (!tender || tender->created_by != uploader.account_id)
        return make_error(ErrorCode::not_found, "No such tender.");
      if (tender->view.state != bidding::TenderState::draft) {
        return make_error(ErrorCode::tender_transition_refused,
                          "Documents are added to a draft; after publication, change them by an amendment.");
      }
    }
    const long long tid = tender->id;
    const long long account = uploader.account_id;
    const long long enterprise = uploader.enterprise_id.value_or(0);
    soci::indicator enterprise_ind = kind == UploadKind::attachment ? soci::i_ok : soci::i_null;
    const std::string kind_text(kind_name(kind));
    const long long now = clock_.now().unix_micros();
    long long id = 0;
    sql << "INSERT INTO uploads (kind, tender_id, account_id, enterprise_id, name, media_type, started_at) VALUES "
           "(:k, :t, :a, :e, :n, :m, " +
               db::sql_instant(":now") + ") RETURNING id",
        soci::use(kind_text), soci::use(tid), soci::use(account), soci::use(enterprise, enterprise_ind),
        soci::use(name), soci::use(media_type), soci::use(now), soci::into(id);
    return static_cast<std::int64_t>(id);
  });
}

common::Result<void> UploadService::append(std::int64_t upload_id, int seq, const common::Bytes& chunk) {
  const std::string hex = common::to_hex(chunk);
  return db_.run<void>([&](soci::session& sql) -> common::Result<void> {
    const long long id = upload_id;
    sql << "INSERT INTO upload_chunks (upload_id, seq, data) VALUES (:u, :s, decode(:d, 'hex'))", soci::use(id),
        soci::use(seq), soci::use(hex);
    return common::Ok{};
  });
}

common::Result<UploadView> UploadService::complete(const accounts::Principal& uploader, std::int64_t upload_id,
                                                   const common::Sha256Digest& digest, std::int64_t bytes) {
  const std::string sha = common::to_hex(digest);
  return db_.run<UploadView>([&](soci::session& sql) -> common::Result<UploadView> {
    soci::transaction tx(sql);
    const long long id = upload_id;
    std::string kind, name, media_type, tender_public_id;
    sql << "SELECT u.kind, u.name, u.media_type, t.public_id FROM uploads u JOIN tenders t ON t.id = u.tender_id "
           "WHERE u.id = :id",
        soci::use(id), soci::into(kind), soci::into(name), soci::into(media_type), soci::into(tender_public_id);
    if (!sql.got_data()) return make_error(ErrorCode::not_found, "The upload is gone.");
    // The tender's row lock orders this completion against closing bids at the deadline.
    auto tender = tenders::find_tender(sql, tender_public_id, tenders::RowLock::share);
    const auto now = clock_.now();
    if (kind == "attachment" &&
        (tender->view.state != bidding::TenderState::published || now >= tender->view.terms.bid_deadline)) {
      return make_error(ErrorCode::bid_deadline_passed,
                        "The upload finished at " + now.to_rfc3339() + ", after the deadline " +
                            tender->view.terms.bid_deadline.to_rfc3339() + "; it does not count.");
    }
    const long long size = bytes;
    const long long at = now.unix_micros();
    sql << "UPDATE uploads SET bytes = :b, sha256 = decode(:h, 'hex'), completed_at = " + db::sql_instant(":at") +
               " WHERE id = :id",
        soci::use(size), soci::use(sha), soci::use(at), soci::use(id);
    common::JsonWriter data;
    data.begin_object().key("name").value(name).key("bytes").value(bytes).key("sha256").value(sha).end_object();
    auto e =
        audit::make_entry(uploader.actor(), kind == "attachment" ? "bid.attachment_uploaded" : "tender.document_added",
                          {"tender", tender_public_id}, data.take());
    audit_.append(sql, e);
    tx.commit();
    return UploadView{name, media_type, bytes, sha, now};
  });
}

common::Result<void> UploadService::abandon(std::int64_t upload_id) {
  return db_.run<void>([&](soci::session& sql) -> common::Result<void> {
    const long long id = upload_id;
    sql << "DELETE FROM uploads WHERE id = :id AND completed_at IS NULL", soci::use(id);
    return common::Ok{};
  });
}

common::Result<std::vector<UploadView>> UploadService::list(const std::optional<accounts::Principal>& viewer,
                                                            UploadKind kind, const std::string& tender_id) {
  return db_.run<std::vector<UploadView>>([&](soci::session& sql) -> common::Result<std::vector<UploadView>> {
    auto tender = tenders::find_tender(sql, tender_id);
    const bool author = tender && viewer && viewer->account_id == tender->created_by;
    if (!tender || (!tender->view.published_at && !author)) return make_error(ErrorCode::not_found, "No such tender.");
    const long long tid = tender->id;
    const std::string kind_text(kind_name(kind));
    const long long enterprise = viewer && viewer->enterprise_id ? *viewer->enterprise_id : -1;
    std::vector<UploadView> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT name, media_type, bytes, encode(sha256, 'hex'), " + db::sql_micros("completed_at") +
                            " FROM uploads WHERE tender_id = :t AND kind = :k AND completed_at IS NOT NULL AND "
                            "(kind = 'document' OR enterprise_id = :e) ORDER BY id",
         soci::use(tid), soci::use(kind_text), soci::use(enterprise));
    for (const auto& r : rows) {
      out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<long long>(2), r.get<std::string>(3),
                     common::Instant::from_unix_micros(r.get<long long>(4))});
    }
    return out;
  });
}

common::Result<UploadService::Document> UploadService::document(const std::optional<accounts::Principal>& viewer,
                                                                const std::string& tender_id,
                                                                const std::string& sha256_hex) {
  return db_.run<Document>([&](soci::session& sql) -> common::Result<Document> {
    auto tender = tenders::find_tender(sql, tender_id);
    const bool author = tender && viewer && viewer->account_id == tender->created_by;
    if (!tender || (!tender->view.published_at && !author)) return make_error(ErrorCode::not_found, "No such tender.");
    const long long tid = tender->id;
    long long id = 0;
    soci::row r;
    sql << "SELECT id, name, media_type, bytes, encode(sha256, 'hex'), " + db::sql_micros("completed_at") +
               " FROM uploads WHERE tender_id = :t AND kind = 'document' AND completed_at IS NOT NULL AND "
               "sha256 = decode(:h, 'hex') ORDER BY id LIMIT 1",
        soci::use(tid), soci::use(sha256_hex), soci::into(r);
    if (!sql.got_data()) return make_error(ErrorCode::not_found, "This tender has no such document.");
    id = r.get<long long>(0);
    Document d{{r.get<std::string>(1), r.get<std::string>(2), r.get<long long>(3), r.get<std::string>(4),
                common::Instant::from_unix_micros(r.get<long long>(5))},
               {}};
    d.content.reserve(static_cast<std::size_t>(d.view.bytes));
    read_upload_chunks(sql, id, [&d](const std::string& chunk) {
      d.content += chunk;
      return true;
    });
    return d;
  });
}

common::Result<int> UploadService::prune() {
  return db_.run<int>([&](soci::session& sql) -> common::Result<int> {
    const long long cutoff = clock_.now().plus_seconds(-3600).unix_micros();
    soci::statement st =
        (sql.prepare << "DELETE FROM uploads WHERE completed_at IS NULL AND started_at < " + db::sql_instant(":cutoff"),
         soci::use(cutoff));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
  });
}

void read_upload_chunks(soci::session& sql, std::int64_t upload_id,
                        const std::function<bool(const std::string&)>& each) {
  const long long id = upload_id;
  int count = 0;
  sql << "SELECT count(*) FROM upload_chunks WHERE upload_id = :u", soci::use(id), soci::into(count);
  // One chunk per query keeps memory at one chunk, whatever the upload's size.
  for (int seq = 0; seq < count; ++seq) {
    std::string hex;
    sql << "SELECT encode(data, 'hex') FROM upload_chunks WHERE upload_id = :u AND seq = :s", soci::use(id),
        soci::use(seq), soci::into(hex);
    const auto bytes = common::from_hex(hex);
    if (!bytes || !each(std::string(bytes->begin(), bytes->end()))) return;
  }
}

}  // namespace gp::server::uploads
