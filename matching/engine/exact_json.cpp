#include "exact_json.hpp"

#include "gongping/common/json_writer.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace gp::matching::engine {
namespace {

// Builds the tree as RapidJSON's reader reports values.
class TreeBuilder {
 public:
  bool Null() { return add(ExactJson{}); }
  bool Bool(bool b) {
    ExactJson v;
    v.kind = ExactJson::Kind::boolean;
    v.flag = b;
    return add(std::move(v));
  }
  bool RawNumber(const char* str, rapidjson::SizeType length, bool) {
    ExactJson v;
    v.kind = ExactJson::Kind::number;
    v.text.assign(str, length);
    return add(std::move(v));
  }
  bool String(const char* str, rapidjson::SizeType length, bool) {
    ExactJson v;
    v.kind = ExactJson::Kind::string;
    v.text.assign(str, length);
    return add(std::move(v));
  }
  bool StartObject() { return open(ExactJson::Kind::object); }
  bool Key(const char* str, rapidjson::SizeType length, bool) {
    pending_keys_.back().assign(str, length);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(ExactJson::Kind::array); }
  bool EndArray(rapidjson::SizeType) { return close(); }
  // Never called with kParseNumbersAsStringsFlag; present because the reader's interface names them.
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(std::int64_t) { return false; }
  bool Uint64(std::uint64_t) { return false; }
  bool Double(double) { return false; }

  bool too_deep() const { return too_deep_; }
  ExactJson take() { return std::move(root_); }

 private:
  bool open(ExactJson::Kind kind) {
    if (open_.size() >= kMaxExactJsonDepth) {
      too_deep_ = true;
      return false;
    }
    ExactJson v;
    v.kind = kind;
    open_.push_back(std::move(v));
    pending_keys_.emplace_back();
    return true;
  }
  bool close() {
    ExactJson done = std::move(open_.back());
    open_.pop_back();
    pending_keys_.pop_back();
    return add(std::move(done));
  }
  bool add(ExactJson v) {
    if (open_.empty()) {
      root_ = std::move(v);
    } else if (open_.back().kind == ExactJson::Kind::array) {
      open_.back().items.push_back(std::move(v));
    } else {
      open_.back().members.emplace_back(std::move(pending_keys_.back()), std::move(v));
    }
    return true;
  }

  ExactJson root_;
  std::vector<ExactJson> open_;
  std::vector<std::string> pending_keys_;
  bool too_deep_ = false;
};

}  // namespace

const ExactJson* ExactJson::find(std::string_view name) const {
  for (const auto& [key, value] : members) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::variant<ExactJson, ExactJsonError> parse_exact_json(std::string_view text) {
  TreeBuilder builder;
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(text.data(), text.size());
  const auto ok =
      reader.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseValidateEncodingFlag>(stream, builder);
  if (builder.too_deep()) {
    return ExactJsonError{reader.GetErrorOffset(), "nested deeper than 32 levels"};
  }
  if (ok.IsError()) return ExactJsonError{ok.Offset(), rapidjson::GetParseError_En(ok.Code())};
  return builder.take();
}

namespace {

void write_value(common::JsonWriter& w, const ExactJson& v) {
  switch (v.kind) {
    case ExactJson::Kind::null: w.null(); break;
    case ExactJson::Kind::boolean: w.value(v.flag); break;
    case ExactJson::Kind::number: w.raw(v.text); break;
    case ExactJson::Kind::string: w.value(v.text); break;
    case ExactJson::Kind::array:
      w.begin_array();
      for (const auto& item : v.items) write_value(w, item);
      w.end_array();
      break;
    case ExactJson::Kind::object:
      w.begin_object();
      for (const auto& [key, member] : v.members) {
        w.key(key);
        write_value(w, member);
      }
      w.end_object();
      break;
  }
}

}  // namespace

std::string write_exact_json(const ExactJson& value) {
  common::JsonWriter w;
  write_value(w, value);
  return w.take();
}

}  // namespace gp::matching::engine
