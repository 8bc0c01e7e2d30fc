#include "gongping/server/http/json_body.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "gongping/server/http/media_type.hpp"

namespace gp::server::http {

struct JsonBody::Impl {
  rapidjson::Document document;
  std::set<std::string, std::less<>> asked;
  std::vector<common::FieldError> errors;
};

namespace {

constexpr int kMaxDepth = 32;

// True when `v` nests deeper than `limit` levels. Stops descending at the limit, so hostile input
// nested a million levels deep (which the iterative parser accepts) cannot exhaust the stack here.
bool nested_deeper_than(const rapidjson::Value& v, int limit) {
  if (!v.IsObject() && !v.IsArray()) return false;
  if (limit == 0) return true;
  if (v.IsObject()) {
    for (const auto& m : v.GetObject()) {
      if (nested_deeper_than(m.value, limit - 1)) return true;
    }
    return false;
  }
  for (const auto& e : v.GetArray()) {
    if (nested_deeper_than(e, limit - 1)) return true;
  }
  return false;
}

}  // namespace

JsonBody::JsonBody(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JsonBody::JsonBody(JsonBody&&) noexcept = default;
JsonBody& JsonBody::operator=(JsonBody&&) noexcept = default;
JsonBody::~JsonBody() = default;

common::Result<JsonBody> JsonBody::parse(const Request& request) {
  if (!has_media_type(request, "application/json")) {
    const auto media = media_type_of(request);
    return common::make_error(common::ErrorCode::unsupported_media_type,
                              "Send the body as application/json (got \"" + std::string(media.substr(0, 64)) + "\").");
  }
  return parse_text(request.body());
}

common::Result<JsonBody> JsonBody::parse_text(std::string_view text) {
  auto impl = std::make_unique<Impl>();
  // Iterative parsing keeps deeply nested hostile input from exhausting the stack.
  impl->document.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag>(text.data(), text.size());
  if (impl->document.HasParseError()) {
    return common::make_error(
        common::ErrorCode::malformed_request,
        "The body is not valid JSON: " + std::string(rapidjson::GetParseError_En(impl->document.GetParseError())) +
            " (at byte " + std::to_string(impl->document.GetErrorOffset()) + ").");
  }
  if (!impl->document.IsObject()) {
    return common::make_error(common::ErrorCode::malformed_request, "The body must be a JSON object.");
  }
  if (nested_deeper_than(impl->document, kMaxDepth)) {
    return common::make_error(common::ErrorCode::malformed_request, "The body is nested too deeply.");
  }
  return JsonBody(std::move(impl));
}

std::optional<std::string> JsonBody::optional_string(std::string_view field, std::size_t max_bytes) {
  impl_->asked.emplace(field);
  const auto it =
      impl_->document.FindMember(rapidjson::Value(field.data(), static_cast<rapidjson::SizeType>(field.size())));
  if (it == impl_->document.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (!it->value.IsString()) {
    impl_->errors.push_back({std::string(field), "must be a string"});
    return std::nullopt;
  }
  if (it->value.GetStringLength() > max_bytes) {
    impl_->errors.push_back({std::string(field), "must be at most " + std::to_string(max_bytes) + " bytes"});
    return std::nullopt;
  }
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::string JsonBody::required_string(std::string_view field, std::size_t max_bytes) {
  const auto before = impl_->errors.size();
  auto value = optional_string(field, max_bytes);
  if (!value && impl_->errors.size() == before) impl_->errors.push_back({std::string(field), "is required"});
  if (value && value->empty()) impl_->errors.push_back({std::string(field), "must not be empty"});
  return value.value_or("");
}

namespace {
const rapidjson::Value* find_member(rapidjson::Document& document, std::string_view field) {
  const auto it = document.FindMember(rapidjson::Value(field.data(), static_cast<rapidjson::SizeType>(field.size())));
  if (it == document.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}
}  // namespace

std::optional<std::int64_t> JsonBody::optional_int(std::string_view field, std::int64_t min, std::int64_t max) {
  impl_->asked.emplace(field);
  const auto* v = find_member(impl_->document, field);
  if (v == nullptr) return std::nullopt;
  if (!v->IsInt64()) {
    impl_->errors.push_back({std::string(field), "must be a whole number"});
    return std::nullopt;
  }
  const auto n = v->GetInt64();
  if (n < min || n > max) {
    impl_->errors.push_back({std::string(field), "must be from " + std::to_string(min) + " to " + std::to_string(max)});
    return std::nullopt;
  }
  return n;
}

std::int64_t JsonBody::required_int(std::string_view field, std::int64_t min, std::int64_t max) {
  const auto before = impl_->errors.size();
  auto value = optional_int(field, min, max);
  if (!value && impl_->errors.size() == before) impl_->errors.push_back({std::string(field), "is required"});
  return value.value_or(0);
}

std::optional<bool> JsonBody::optional_bool(std::string_view field) {
  impl_->asked.emplace(field);
  const auto* v = find_member(impl_->document, field);
  if (v == nullptr) return std::nullopt;
  if (!v->IsBool()) {
    impl_->errors.push_back({std::string(field), "must be true or false"});
    return std::nullopt;
  }
  return v->GetBool();
}

std::vector<std::string> JsonBody::string_array(std::string_view field, std::size_t max_items, std::size_t max_bytes,
                                                bool required) {
  impl_->asked.emplace(field);
  std::vector<std::string> out;
  const auto* v = find_member(impl_->document, field);
  if (v == nullptr) {
    if (required) impl_->errors.push_back({std::string(field), "is required"});
    return out;
  }
  if (!v->IsArray() || v->Size() > max_items) {
    impl_->errors.push_back(
        {std::string(field), "must be an array of at most " + std::to_string(max_items) + " strings"});
    return out;
  }
  for (const auto& e : v->GetArray()) {
    if (!e.IsString() || e.GetStringLength() == 0 || e.GetStringLength() > max_bytes) {
      impl_->errors.push_back(
          {std::string(field), "must hold strings of 1 to " + std::to_string(max_bytes) + " bytes"});
      return {};
    }
    out.emplace_back(e.GetString(), e.GetStringLength());
  }
  return out;
}

std::optional<std::string> JsonBody::required_object_text(std::string_view field) {
  impl_->asked.emplace(field);
  const auto* v = find_member(impl_->document, field);
  if (v == nullptr || !v->IsObject()) {
    impl_->errors.push_back({std::string(field), v == nullptr ? "is required" : "must be an object"});
    return std::nullopt;
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v->Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

void JsonBody::reject(std::string_view field, std::string problem) {
  // One problem per field: the first found (missing, empty, mistyped) is the one to mend first.
  for (const auto& e : impl_->errors) {
    if (e.field == field) return;
  }
  impl_->errors.push_back({std::string(field), std::move(problem)});
}

common::Result<void> JsonBody::finish() {
  for (const auto& m : impl_->document.GetObject()) {
    const std::string_view name(m.name.GetString(), m.name.GetStringLength());
    if (!impl_->asked.contains(name))
      impl_->errors.push_back({std::string(name.substr(0, 64)), "is not a known field"});
  }
  if (impl_->errors.empty()) return common::Ok{};
  return common::Error::validation(std::move(impl_->errors));
}

}  // namespace gp::server::http
