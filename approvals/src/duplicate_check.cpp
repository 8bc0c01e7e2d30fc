#include "gongping/approvals/duplicate_check.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gp::approvals {
namespace {

constexpr std::size_t kMaxPhrases = 5;
constexpr std::size_t kMinPhraseChars = 4;

// Decodes UTF-8; a malformed sequence becomes U+FFFD (it only has to compare equal to itself).
std::u32string decode(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const std::size_t extra = lead < 0x80           ? 0
                              : (lead >> 5) == 0x6  ? 1
                              : (lead >> 4) == 0xE  ? 2
                              : (lead >> 3) == 0x1E ? 3
                                                    : 4;
    if (extra == 4 || i + extra >= s.size()) {  // not a lead byte, or cut short
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = extra == 0 ? lead : static_cast<char32_t>(lead & (0x3F >> extra));
    std::size_t k = 1;
    for (; k <= extra; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) break;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (k <= extra) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += extra + 1;
  }
  return out;
}

std::string encode(std::u32string_view s) {
  std::string out;
  for (const char32_t cp : s) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

bool is_separator(char32_t cp) {
  if (cp < 0x80) return !((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'));  // after lower-casing
  return (cp >= 0x2000 && cp <= 0x206F) ||                                        // general punctuation
         (cp >= 0x3000 && cp <= 0x303F) ||  // CJK symbols and punctuation (、。「」 and the ideographic space)
         (cp >= 0xFE30 && cp <= 0xFE4F) || cp == 0xFFFD || cp == 0x00A0;
}

// Trigrams and bigrams, in one key space (the top bit tells them apart): trigrams carry phrases, and
// bigrams catch the two-character words Chinese rewording keeps ("投标", "公示") when the trigrams
// around them change.
std::uint64_t trigram_at(const std::u32string& s, std::size_t i) {
  return (static_cast<std::uint64_t>(s[i]) << 42) | (static_cast<std::uint64_t>(s[i + 1]) << 21) | s[i + 2];
}
std::uint64_t bigram_at(const std::u32string& s, std::size_t i) {
  return (std::uint64_t{1} << 63) | (static_cast<std::uint64_t>(s[i]) << 21) | s[i + 1];
}

std::vector<std::uint64_t> unique_grams(const std::u32string& s) {
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i + 2 <= s.size(); ++i) {
    if (s[i] != U' ' && s[i + 1] != U' ') out.push_back(bigram_at(s, i));
    // A trigram whose middle is a separator joins two unrelated fragments: left out.
    if (i + 3 <= s.size() && s[i + 1] != U' ') out.push_back(trigram_at(s, i));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::u32string normalise_for_matching(std::string_view utf8) {
  std::u32string out;
  for (char32_t cp : decode(utf8)) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (is_separator(cp)) {
      if (!out.empty() && out.back() != U' ') out.push_back(U' ');
    } else {
      out.push_back(cp);
    }
  }
  while (!out.empty() && out.back() == U' ') out.pop_back();
  return out;
}

void DuplicateIndex::add(std::string id, std::string_view text) {
  const auto doc = static_cast<std::uint32_t>(texts_.size());
  ids_.push_back(std::move(id));
  texts_.push_back(normalise_for_matching(text));
  grams_.push_back(unique_grams(texts_.back()));
  for (const auto g : grams_.back()) postings_[g].push_back(doc);
  text_weights_.clear();  // to be worked out again by finish()
}

void DuplicateIndex::finish() {
  text_weights_.assign(texts_.size(), 0.0);
  for (std::size_t doc = 0; doc < texts_.size(); ++doc) {
    for (const auto g : grams_[doc]) {
      const auto df = postings_.at(g).size();
      if (informative(df)) text_weights_[doc] += weight(df);
    }
  }
}

bool DuplicateIndex::informative(std::size_t df) const { return df <= std::max<std::size_t>(100, texts_.size() / 20); }

double DuplicateIndex::weight(std::size_t df) const {
  return std::log((static_cast<double>(texts_.size()) + 1.0) / (static_cast<double>(df) + 1.0)) + 1.0;
}

std::vector<DuplicateMatch> DuplicateIndex::matches(std::string_view query, double threshold, std::size_t limit) const {
  if (text_weights_.size() != texts_.size()) throw std::logic_error("DuplicateIndex::matches before finish()");
  const auto text = normalise_for_matching(query);
  double query_weight = 0;
  std::vector<double> shared(texts_.size(), 0.0);
  std::vector<std::uint32_t> touched;
  for (const auto g : unique_grams(text)) {
    const auto it = postings_.find(g);
    const std::size_t df = it == postings_.end() ? 0 : it->second.size();
    if (!informative(df)) continue;
    const double w = weight(df);
    query_weight += w;
    if (df == 0) continue;
    for (const auto doc : it->second) {
      if (shared[doc] == 0) touched.push_back(doc);
      shared[doc] += w;
    }
  }
  std::vector<DuplicateMatch> out;
  if (query_weight <= 0) return out;
  std::vector<std::pair<double, std::uint32_t>> scored;
  for (const auto doc : touched) {
    const double lighter = std::min(query_weight, text_weights_[doc]);
    const double score = lighter > 0 ? std::min(shared[doc] / lighter, 1.0) : 0.0;
    if (score >= threshold) scored.emplace_back(score, doc);
  }
  std::sort(scored.begin(), scored.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : ids_[a.second] < ids_[b.second];
  });
  if (scored.size() > limit) scored.resize(limit);

  // Explain each match: the runs of the query whose trigrams the matched text also holds.
  for (const auto& [score, doc] : scored) {
    DuplicateMatch match{ids_[doc], score, {}};
    const auto& theirs = grams_[doc];
    std::vector<bool> covered(text.size(), false);
    for (std::size_t i = 0; i + 2 <= text.size(); ++i) {
      if (text[i] != U' ' && text[i + 1] != U' ' &&
          std::binary_search(theirs.begin(), theirs.end(), bigram_at(text, i))) {
        covered[i] = covered[i + 1] = true;
      }
    }
    std::vector<std::u32string> phrases;
    for (std::size_t i = 0; i < text.size();) {
      if (!covered[i]) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < text.size() && covered[j]) ++j;
      auto phrase = text.substr(i, j - i);
      while (!phrase.empty() && phrase.back() == U' ') phrase.pop_back();
      while (!phrase.empty() && phrase.front() == U' ') phrase.erase(phrase.begin());
      if (phrase.size() >= kMinPhraseChars) phrases.push_back(std::move(phrase));
      i = j;
    }
    std::stable_sort(phrases.begin(), phrases.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (std::size_t p = 0; p < phrases.size() && p < kMaxPhrases; ++p) match.phrases.push_back(encode(phrases[p]));
    out.push_back(std::move(match));
  }
  return out;
}

}  // namespace gp::approvals
