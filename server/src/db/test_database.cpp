#include "test_database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <cstdlib>
#include <stdexcept>

#include "gongping/common/crypto.hpp"

namespace gp::server::db {

TestSchema::TestSchema() {
  const char* url = std::getenv("GONGPING_TEST_DATABASE_URL");
  if (url == nullptr || *url == '\0') {
    throw std::runtime_error("GONGPING_TEST_DATABASE_URL is not set; run the tests through scripts/test");
  }
  base_url_ = url;
  const auto bytes = common::random_bytes(6);
  name_ = "test_" + common::to_hex(bytes.data(), bytes.size());
  soci::session sql(soci::postgresql, base_url_);
  sql << "CREATE SCHEMA " + name_;
  // libpq applies `options` at connect time; URIs take it as a query parameter.
  if (base_url_.rfind("postgres", 0) == 0 && base_url_.find("://") != std::string::npos) {
    url_ = base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + name_;
  } else {
    url_ = base_url_ + " options='-csearch_path=" + name_ + "'";
  }
}

TestSchema::~TestSchema() {
  try {
    soci::session sql(soci::postgresql, base_url_);
    sql << "DROP SCHEMA " + name_ + " CASCADE";
  } catch (const std::exception&) {
    // The throwaway database goes away after the run anyway.
  }
}

}  // namespace gp::server::db
