#include "gongping/common/json_writer.hpp"

#include <catch2/catch.hpp>

using gp::common::JsonWriter;

TEST_CASE("JsonWriter writes compact JSON in the order given", "[common][json]") {
  JsonWriter w;
  w.begin_object()
      .key("index")
      .value(std::int64_t{7})
      .key("actor")
      .begin_object()
      .key("id")
      .value("E-000042")
      .key("role")
      .value("enterprise")
      .end_object()
      .key("list")
      .begin_array()
      .value(true)
      .null()
      .value(std::int64_t{-1})
      .end_array()
      .key("data")
      .raw(R"({"a":1})")
      .end_object();
  CHECK(w.str() == R"({"index":7,"actor":{"id":"E-000042","role":"enterprise"},"list":[true,null,-1],"data":{"a":1}})");
}

TEST_CASE("JsonWriter escapes quotes, backslashes and control characters", "[common][json]") {
  CHECK(JsonWriter::quote("a\"b\\c\n\x01中") == "\"a\\\"b\\\\c\\n\\u0001中\"");
}

TEST_CASE("absent values are written as null", "[common][json]") {
  gp::common::JsonWriter w;
  w.begin_array()
      .value_or_null(std::optional<std::string>{"x"})
      .value_or_null(std::optional<std::string>{})
      .value_or_null(std::optional<std::int64_t>{7})
      .value_or_null(std::optional<std::int64_t>{})
      .value_or_null(std::optional<gp::common::Instant>{gp::common::Instant::from_unix_micros(1)})
      .text_or_null("")
      .text_or_null("y")
      .end_array();
  CHECK(w.str() == R"(["x",null,7,null,"1970-01-01T00:00:00.000001Z",null,"y"])");
}

TEST_CASE("a list of strings is written as an array", "[common][json]") {
  gp::common::JsonWriter w;
  w.begin_object().key("a").string_array({"x", "\"y\""}).key("b").string_array({}).end_object();
  CHECK(w.str() == R"({"a":["x","\"y\""],"b":[]})");
}
