#include "gongping/server/filing/duplicate_corpus.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "gongping/approvals/registry_import.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/sql_arrays.hpp"

namespace gp::server::filing {
namespace {

struct Described {
  std::string name;
  std::string department;
};

// The states of applications whose systems are planned or being built but not registered yet.
const char* const kInFlightStates =
    "('submitted', 'completeness_check', 'compliance_review', 'expert_review', 'approved', 'filed', "
    "'in_procurement', 'in_construction')";

}  // namespace

std::string format_score(double score) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.3f", score);
  return buffer.data();
}

std::string application_matching_text(const std::string& name, const std::string& functions,
                                      const std::vector<std::string>& produces) {
  std::string text = name + "\n" + functions;
  for (const auto& p : produces) text += "\n" + p;
  return text;
}

std::shared_ptr<const approvals::DuplicateIndex> DuplicateCorpus::registry_index(soci::session& sql) {
  long long count = 0, max_id = 0;
  sql << "SELECT count(*), COALESCE(max(id), 0) FROM registry_systems", soci::into(count), soci::into(max_id);
  const auto fresh = [&] { return index_ && count == indexed_count_ && max_id == indexed_max_id_; };
  {
    std::lock_guard lock(mutex_);
    if (fresh()) return index_;
  }
  std::unique_lock building(build_mutex_, std::try_to_lock);
  if (!building.owns_lock()) {
    {
      std::lock_guard lock(mutex_);
      if (index_) return index_;  // another caller is building; the index it replaces still serves
    }
    building.lock();  // the first build of all: wait for it
    std::lock_guard lock(mutex_);
    if (index_) return index_;
  }
  auto index = std::make_shared<approvals::DuplicateIndex>();
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, name, functions, data_resources::text FROM registry_systems ORDER BY id");
  for (const auto& r : rows) {
    approvals::RegistrySystem s;
    s.name = r.get<std::string>(1);
    s.functions = r.get<std::string>(2);
    s.data_resources = db::parse_pg_text_array(r.get<std::string>(3));
    index->add(accounts::format_public_id('S', r.get<long long>(0)), approvals::system_matching_text(s));
  }
  index->finish();
  std::lock_guard lock(mutex_);
  index_ = std::move(index);
  indexed_count_ = count;
  indexed_max_id_ = max_id;
  return index_;
}

CorpusMatches DuplicateCorpus::matches(soci::session& sql, std::int64_t own_row, const std::string& text,
                                       double threshold, double shown_from) {
  const auto registry = registry_index(sql);
  const std::size_t limit = kMaxResolvableMatches + kMaxNearMatches;
  auto found = registry->matches(text, shown_from, limit);

  approvals::DuplicateIndex in_flight;
  std::map<std::string, Described> described;
  const long long own = own_row;
  soci::rowset<soci::row> apps =
      (sql.prepare << std::string(
                          "SELECT a.id, v.name, v.functions, v.produces::text, a.department FROM applications a "
                          "JOIN application_versions v ON v.application_id = a.id AND v.version = a.version "
                          "WHERE a.id <> :own AND a.state IN ") +
                          kInFlightStates + " ORDER BY a.id",
       soci::use(own));
  for (const auto& r : apps) {
    const auto id = accounts::format_public_id('A', r.get<long long>(0));
    in_flight.add(id, application_matching_text(r.get<std::string>(1), r.get<std::string>(2),
                                                db::parse_pg_text_array(r.get<std::string>(3))));
    described[id] = {r.get<std::string>(1), r.get<std::string>(4)};
  }
  in_flight.finish();
  if (in_flight.size() > 0) {
    auto more = in_flight.matches(text, shown_from, limit);
    found.insert(found.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const approvals::DuplicateMatch& a, const approvals::DuplicateMatch& b) {
                     return a.score > b.score || (a.score == b.score && a.id < b.id);
                   });

  CorpusMatches out;
  std::size_t resolvable = 0, near = 0;
  for (auto& m : found) {
    if (m.score >= threshold) {
      if (++resolvable > kMaxResolvableMatches) {
        out.truncated = true;
        continue;
      }
    } else if (++near > kMaxNearMatches) {
      continue;
    }
    CorpusMatch c{m.id, "", "", m.score, std::move(m.phrases)};
    if (m.id.front() == 'S') {
      const long long sid = *accounts::parse_public_id('S', m.id);
      sql << "SELECT name, owner_department FROM registry_systems WHERE id = :id", soci::use(sid), soci::into(c.name),
          soci::into(c.department);
    } else {
      c.name = described[m.id].name;
      c.department = described[m.id].department;
    }
    out.matches.push_back(std::move(c));
  }
  return out;
}

}  // namespace gp::server::filing
