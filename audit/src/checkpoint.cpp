#include "gongping/audit/checkpoint.hpp"

#include <charconv>
#include <vector>

namespace gp::audit {
namespace {

constexpr std::string_view kSignatureDash = "\xE2\x80\x94 ";  // "— " (U+2014, then a space)

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) return {};  // every line ends with a newline
    lines.push_back(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
  return lines;
}

}  // namespace

std::string checkpoint_body(const Checkpoint& c) {
  return c.origin + "\n" + std::to_string(c.tree_size) + "\n" + common::base64_encode(c.root.data(), c.root.size()) +
         "\ntime " + c.time.to_rfc3339() + "\n";
}

std::array<std::uint8_t, 4> note_key_id(std::string_view key_name, const common::Ed25519PublicKey& public_key) {
  std::string material(key_name);
  material.push_back('\n');
  material.push_back('\x01');
  material.append(reinterpret_cast<const char*>(public_key.data()), public_key.size());
  const auto digest = common::sha256(material);
  return {digest[0], digest[1], digest[2], digest[3]};
}

std::string sign_checkpoint(const Checkpoint& checkpoint, std::string_view key_name,
                            const common::Ed25519Signer& signer) {
  const std::string body = checkpoint_body(checkpoint);
  const auto signature = signer.sign(body);
  const auto id = note_key_id(key_name, signer.public_key());
  std::vector<std::uint8_t> blob(id.begin(), id.end());
  blob.insert(blob.end(), signature.begin(), signature.end());
  return body + "\n" + std::string(kSignatureDash) + std::string(key_name) + " " +
         common::base64_encode(blob.data(), blob.size()) + "\n";
}

std::optional<Checkpoint> open_checkpoint(std::string_view note, std::string_view key_name,
                                          const common::Ed25519PublicKey& public_key) {
  const auto split = note.find("\n\n");
  if (split == std::string_view::npos) return std::nullopt;
  const std::string_view body = note.substr(0, split + 1);
  const auto body_lines = lines_of(body);
  if (body_lines.size() < 4 || body_lines[3].substr(0, 5) != "time ") return std::nullopt;
  Checkpoint c;
  c.origin = std::string(body_lines[0]);
  const auto size_text = body_lines[1];
  const auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), c.tree_size);
  if (ec != std::errc{} || end != size_text.data() + size_text.size()) return std::nullopt;
  const auto root = common::base64_decode(body_lines[2]);
  if (!root || root->size() != c.root.size()) return std::nullopt;
  std::copy(root->begin(), root->end(), c.root.begin());
  const auto time = common::Instant::parse_rfc3339(body_lines[3].substr(5));
  if (!time) return std::nullopt;
  c.time = *time;

  const std::string prefix = std::string(kSignatureDash) + std::string(key_name) + " ";
  const auto id = note_key_id(key_name, public_key);
  for (const auto line : lines_of(note.substr(split + 2))) {
    if (line.substr(0, prefix.size()) != prefix) continue;
    const auto blob = common::base64_decode(line.substr(prefix.size()));
    if (!blob || blob->size() != 4 + 64 || !std::equal(id.begin(), id.end(), blob->begin())) continue;
    common::Ed25519Signature signature{};
    std::copy(blob->begin() + 4, blob->end(), signature.begin());
    if (common::ed25519_verify(public_key, body, signature)) return c;
  }
  return std::nullopt;
}

}  // namespace gp::audit
