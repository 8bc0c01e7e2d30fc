#include "gongping/server/jose/jose_json.hpp"

#include <rapidjson/document.h>

#include "gongping/common/crypto.hpp"
#include "gongping/common/json_writer.hpp"

namespace gp::server::jose {
namespace {

using common::ErrorCode;

common::Result<rapidjson::Document> parse_object(std::string_view json, ErrorCode code, std::string_view what) {
  rapidjson::Document d;
  d.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
  if (d.HasParseError() || !d.IsObject()) {
    return common::make_error(code, std::string(what) + " is not a JSON object.");
  }
  return d;
}

std::optional<std::string> string_member(const rapidjson::Value& object, const char* name) {
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return std::nullopt;
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

// A base64url member that decodes to exactly N bytes.
template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> fixed_bytes_member(const rapidjson::Value& object, const char* name) {
  const auto text = string_member(object, name);
  if (!text) return std::nullopt;
  return common::base64url_decode_fixed<N>(*text);
}

std::optional<common::P256PublicKey> p256_point_of(const rapidjson::Value& jwk) {
  if (!jwk.IsObject() || string_member(jwk, "kty") != "EC" || string_member(jwk, "crv") != "P-256") return std::nullopt;
  const auto x = fixed_bytes_member<32>(jwk, "x");
  const auto y = fixed_bytes_member<32>(jwk, "y");
  if (!x || !y) return std::nullopt;
  common::P256PublicKey key{*x, *y};
  if (!common::p256_point_is_valid(key)) return std::nullopt;
  return key;
}

std::string decoded_or_empty(const rapidjson::Value& object, const char* name) {
  const auto text = string_member(object, name);
  if (!text) return {};
  const auto bytes = common::base64url_decode(*text);
  return bytes ? std::string(bytes->begin(), bytes->end()) : std::string{};
}

}  // namespace

common::Result<ParsedEnvelopeHeader> parse_envelope_header(std::string_view json) {
  auto parsed = parse_object(json, ErrorCode::envelope_invalid, "The envelope's protected header");
  if (!parsed) return parsed.error();
  const auto& d = parsed.value();
  ParsedEnvelopeHeader out;
  auto& h = out.header;
  h.alg = string_member(d, "alg").value_or("");
  h.enc = string_member(d, "enc").value_or("");
  h.kid = string_member(d, "kid").value_or("");
  h.cty = string_member(d, "cty").value_or("");
  h.gp_tender = string_member(d, "gp_tender").value_or("");
  h.gp_bidder = string_member(d, "gp_bidder").value_or("");
  if (const auto it = d.FindMember("epk"); it != d.MemberEnd()) {
    if (const auto point = p256_point_of(it->value)) {
      out.epk = *point;
      h.has_epk = true;
    }
  }
  out.apu = decoded_or_empty(d, "apu");
  out.apv = decoded_or_empty(d, "apv");
  return out;
}

common::Result<P256Jwk> parse_p256_jwk(std::string_view json) {
  auto parsed = parse_object(json, ErrorCode::key_invalid, "The key");
  if (!parsed) return parsed.error();
  const auto& d = parsed.value();
  const auto point = p256_point_of(d);
  if (!point) {
    return common::make_error(
        ErrorCode::key_invalid,
        "The key must be a JWK with \"kty\": \"EC\", \"crv\": \"P-256\" and a valid point (x, y).");
  }
  P256Jwk out;
  out.public_key = *point;
  out.kid = string_member(d, "kid").value_or("");
  if (d.HasMember("d")) {
    const auto scalar = fixed_bytes_member<32>(d, "d");
    if (!scalar) return common::make_error(ErrorCode::key_invalid, "The key's \"d\" must be 32 bytes, base64url.");
    common::P256PrivateKey key(*scalar);
    const auto derived = common::p256_public_key_of(key);
    if (!derived || !(derived.value() == *point)) {
      return common::make_error(ErrorCode::key_invalid, "The key's \"d\" does not belong to its x and y.");
    }
    out.private_key = std::move(key);
  }
  return out;
}

std::string p256_private_jwk(const common::P256KeyPair& pair, std::string_view kid) {
  const auto& p = pair.public_key;
  const auto& s = pair.private_key.d;
  common::JsonWriter w;
  w.begin_object()
      .key("kty")
      .value("EC")
      .key("crv")
      .value("P-256")
      .key("x")
      .value(common::base64url_encode(p.x.data(), p.x.size()))
      .key("y")
      .value(common::base64url_encode(p.y.data(), p.y.size()))
      .key("d")
      .value(common::base64url_encode(s.data(), s.size()))
      .key("kid")
      .value(kid)
      .end_object();
  return w.take();
}

common::Result<Ed25519Jwk> parse_ed25519_private_jwk(std::string_view json) {
  auto parsed = parse_object(json, ErrorCode::key_invalid, "The signing key");
  if (!parsed) return parsed.error();
  const auto& d = parsed.value();
  const auto seed = fixed_bytes_member<32>(d, "d");
  const auto x = fixed_bytes_member<32>(d, "x");
  if (string_member(d, "kty") != "OKP" || string_member(d, "crv") != "Ed25519" || !seed || !x) {
    return common::make_error(ErrorCode::key_invalid,
                              "The signing key must be an OKP Ed25519 JWK with 32-byte \"x\" and \"d\".");
  }
  Ed25519Jwk out{common::ed25519_from_seed(*seed), string_member(d, "kid").value_or("")};
  if (out.pair.public_key != *x) {
    return common::make_error(ErrorCode::key_invalid, "The signing key's \"d\" does not belong to its \"x\".");
  }
  return out;
}

std::string ed25519_private_jwk(const common::Ed25519KeyPair& pair, std::string_view kid) {
  common::JsonWriter w;
  w.begin_object()
      .key("kty")
      .value("OKP")
      .key("crv")
      .value("Ed25519")
      .key("x")
      .value(common::base64url_encode(pair.public_key.data(), pair.public_key.size()))
      .key("d")
      .value(common::base64url_encode(pair.seed.data(), pair.seed.size()))
      .key("kid")
      .value(kid)
      .end_object();
  return w.take();
}

common::Result<bidding::BidContent> parse_bid_content(std::string_view json) {
  auto parsed = parse_object(json, ErrorCode::envelope_invalid, "The bid");
  if (!parsed) return parsed.error();
  const auto& d = parsed.value();
  auto malformed = [](std::string what) { return common::make_error(ErrorCode::envelope_invalid, std::move(what)); };
  bidding::BidContent c;
  const auto v = d.FindMember("v");
  if (v == d.MemberEnd() || !v->value.IsInt()) return malformed("the bid has no integer \"v\"");
  c.version = v->value.GetInt();
  c.tender_id = string_member(d, "tender_id").value_or("");
  c.bidder_id = string_member(d, "bidder_id").value_or("");
  const auto price = d.FindMember("price_fen");
  if (price == d.MemberEnd() || !price->value.IsInt64()) return malformed("the bid has no integer \"price_fen\"");
  c.price_fen = price->value.GetInt64();
  c.size = string_member(d, "size").value_or("large");
  if (const auto a = d.FindMember("attachments"); a != d.MemberEnd()) {
    if (!a->value.IsArray()) return malformed("the bid's \"attachments\" is not an array");
    for (const auto& item : a->value.GetArray()) {
      if (!item.IsObject()) return malformed("an attachment is not an object");
      bidding::SealedAttachment s;
      s.name = string_member(item, "name").value_or("");
      const auto bytes = item.FindMember("bytes");
      s.bytes = bytes != item.MemberEnd() && bytes->value.IsInt64() ? bytes->value.GetInt64() : -1;
      s.key_b64url = string_member(item, "key").value_or("");
      s.iv_b64url = string_member(item, "iv").value_or("");
      s.sha256_hex = string_member(item, "sha256").value_or("");
      c.attachments.push_back(std::move(s));
    }
  }
  if (const auto decl = d.FindMember("declarations"); decl != d.MemberEnd() && decl->value.IsObject()) {
    const auto jv = decl->value.FindMember("joint_venture");
    c.joint_venture = jv != decl->value.MemberEnd() && jv->value.IsBool() && jv->value.GetBool();
  }
  return c;
}

}  // namespace gp::server::jose
