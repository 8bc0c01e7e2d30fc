#pragma once
// TestSchema: a fresh, empty PostgreSQL schema for one test, dropped afterwards.
//
// Reads GONGPING_TEST_DATABASE_URL (scripts/test sets it to a throwaway database); a test that
// needs PostgreSQL fails, naming the variable, when it is unset. url() is the same URL with the
// schema first on every connection's search_path, so Database and Migrator work inside it.

#include <string>

namespace gp::server::db {

class TestSchema {
 public:
  TestSchema();
  ~TestSchema();
  TestSchema(const TestSchema&) = delete;
  TestSchema& operator=(const TestSchema&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::string base_url_;
  std::string name_;
  std::string url_;
};

}  // namespace gp::server::db
