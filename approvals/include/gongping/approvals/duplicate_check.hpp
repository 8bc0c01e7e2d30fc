#pragma once
// The duplicate-construction check (DOMAIN.md "Informatization project filing": overlap with existing
// systems and with other applications). An application's functions and data are compared with every
// registered system and in-flight application; each match is explained by the phrases they share.
//
// How texts are compared:
// - Normalised: ASCII letters lower-cased, full-width ASCII folded to ASCII, and every run of
//   whitespace or punctuation (ASCII or CJK) turned into one space.
// - Cut into character bigrams and trigrams (of code points). This works for Chinese, which has no
//   spaces between words and keeps its two-character words when a sentence is reworded, and for
//   English alike.
// - Each gram weighs its rarity in the indexed corpus (inverse document frequency), so that
//   "管理" shared by half the registry counts for little and "不动产" for much. Grams found in
//   more than 5% of a large corpus (and at least 100 texts) carry no evidence and are left out.
// - A match is explained by the passages of the query (4 characters or more) made of bigrams the
//   matched text also holds.
// - The score is the weighted overlap coefficient: the weight two texts share over the weight of the
//   lighter one, in [0, 1]. It says how much of one text the other covers, whatever their lengths.
//
// A heuristic: scores are doubles, deterministic on one build, and never decide alone (a reviewer
// records a resolution for every match above the threshold). Not thread-safe while adding; const
// queries may run concurrently once built.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gp::approvals {

// The normalised code points of a text, as above.
std::u32string normalise_for_matching(std::string_view utf8);

struct DuplicateMatch {
  std::string id;
  double score = 0;                  // weighted overlap coefficient, [0, 1]
  std::vector<std::string> phrases;  // the longest shared passages of the query (UTF-8), longest first
};

class DuplicateIndex {
 public:
  // Adds one text (a registered system's functions and data, or an application's). Ids are the
  // caller's; adding the same id twice indexes two texts.
  void add(std::string id, std::string_view text);
  // Works out every text's weight; call it after the last add() and before matches().
  void finish();
  std::size_t size() const { return texts_.size(); }

  // Every indexed text scoring at least `threshold` against `query`, best first (ties by id), at
  // most `limit`, each with up to 5 shared phrases of at least 4 characters. std::logic_error when
  // texts were added since finish().
  std::vector<DuplicateMatch> matches(std::string_view query, double threshold, std::size_t limit) const;

 private:
  bool informative(std::size_t document_frequency) const;
  double weight(std::size_t document_frequency) const;

  std::vector<std::string> ids_;
  std::vector<std::u32string> texts_;                                       // normalised, for explaining matches
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings_;  // gram -> texts holding it
  std::vector<std::vector<std::uint64_t>> grams_;                           // per text, unique, sorted
  std::vector<double> text_weights_;                                        // per text, by finish()
};

}  // namespace gp::approvals
