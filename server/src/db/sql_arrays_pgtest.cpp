#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <catch2/catch.hpp>

#include "gongping/server/db/sql_arrays.hpp"
#include "test_database.hpp"

using namespace gp::server::db;

TEST_CASE("array literals round-trip through PostgreSQL unchanged", "[pg][sql]") {
  gp::server::db::TestSchema schema;
  soci::session sql(soci::postgresql, schema.url());
  const std::vector<std::string> texts = {"plain",
                                          "with space",
                                          "q\"uote",
                                          "back\\slash",
                                          "{brace,comma}",
                                          "公平 招标",
                                          "",
                                          "NULL",
                                          "eyJhbGciOiJFQ0RILUVTIn0..x.y.z"};
  const std::string literal = pg_text_array(texts);
  int count = 0;
  sql << "SELECT cardinality(CAST(:a AS text[]))", soci::use(literal), soci::into(count);
  REQUIRE(count == static_cast<int>(texts.size()));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::string element;
    soci::indicator ind = soci::i_null;
    const int position = static_cast<int>(i) + 1;
    sql << "SELECT (CAST(:a AS text[]))[:i]", soci::use(literal), soci::use(position), soci::into(element, ind);
    INFO(texts[i]);
    REQUIRE(ind == soci::i_ok);
    CHECK(element == texts[i]);
  }
  const std::string with_null = pg_text_array(std::vector<std::optional<std::string>>{"a", std::nullopt});
  int nulls = -1;
  sql << "SELECT count(*) FROM unnest(CAST(:a AS text[])) AS x WHERE x IS NULL", soci::use(with_null),
      soci::into(nulls);
  CHECK(nulls == 1);
  long long sum = 0;
  const std::string numbers = pg_bigint_array({1, -2, 3'000'000'000});
  sql << "SELECT sum(x) FROM unnest(CAST(:a AS bigint[])) AS x", soci::use(numbers), soci::into(sum);
  CHECK(sum == 2'999'999'999);
}
