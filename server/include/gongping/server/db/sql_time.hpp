#pragma once
// Exact conversions between common::Instant (microseconds since the epoch) and timestamptz in SQL,
// without floating point: bind instants as bigint microseconds and wrap the placeholder with
// sql_instant(), read columns with sql_micros().

#include <string>
#include <string_view>

namespace gp::server::db {

// "(timestamptz 'epoch' + :name * interval '1 microsecond')"
inline std::string sql_instant(std::string_view placeholder) {
  return "(timestamptz 'epoch' + " + std::string(placeholder) + " * interval '1 microsecond')";
}

// "(extract(epoch from column) * 1000000)::bigint"
inline std::string sql_micros(std::string_view column) {
  return "(extract(epoch from " + std::string(column) + ") * 1000000)::bigint";
}

}  // namespace gp::server::db
