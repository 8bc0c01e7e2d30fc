#include "exact_json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "gongping/common/json_writer.hpp"

namespace gp::matching::engine {
namespace {

// Builds the tree as RapidJSON's reader reports values. Children wait on one shared stack until
// their container closes, and then move into a vector of exactly their number: one allocation per
// container, none wasted on regrowth (a 10,000-bid case has some 200,000 containers).
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
    key_.assign(str, length);
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
  struct Frame {
    ExactJson::Kind kind;
    std::size_t first;    // its first child's place on children_
    std::string own_key;  // the key this container has in its parent (objects' members)
  };

  bool open(ExactJson::Kind kind) {
    if (frames_.size() >= kMaxExactJsonDepth) {
      too_deep_ = true;
      return false;
    }
    frames_.push_back(Frame{kind, children_.size(), std::move(key_)});
    key_.clear();
    return true;
  }
  bool close() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    ExactJson done;
    done.kind = frame.kind;
    const auto first = children_.begin() + static_cast<std::ptrdiff_t>(frame.first);
    if (frame.kind == ExactJson::Kind::array) {
      done.items.reserve(static_cast<std::size_t>(children_.end() - first));
      for (auto it = first; it != children_.end(); ++it) done.items.push_back(std::move(it->second));
    } else {
      done.members.assign(std::make_move_iterator(first), std::make_move_iterator(children_.end()));
    }
    children_.erase(first, children_.end());
    key_ = std::move(frame.own_key);
    return add(std::move(done));
  }
  bool add(ExactJson v) {
    if (frames_.empty()) {
      root_ = std::move(v);
    } else {
      children_.emplace_back(std::move(key_), std::move(v));  // an array's children carry empty keys
      key_.clear();
    }
    return true;
  }

  ExactJson root_;
  std::vector<Frame> frames_;
  std::vector<std::pair<std::string, ExactJson>> children_;
  std::string key_;  // the key of the next value, inside an object
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
