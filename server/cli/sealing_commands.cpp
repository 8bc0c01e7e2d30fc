// Offline JOSE commands for bidders and opening officers (specs/sealed-bid.md). None of them talks
// to the server or the database: keys stay on the user's machine.
//
//   gongping keygen --out FILE [--kid KID]     make a personal P-256 key; prints the public JWK
//   gongping share open --key FILE [SEALED]    decrypt a sealed share (JWE) from SEALED or stdin
//   gongping seal --tender-key JWK --tender ID --bidder ID --price FEN [--size SIZE]
//                 [--attach FILE[,FILE...] --attach-out DIR]
//                                              seal a bid to the tender's opening key; prints the JWE.
//                                              Each attachment is encrypted (AES-256-GCM, fresh key
//                                              and IV) to DIR/<name>.enc, ready to upload.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli_options.hpp"
#include "commands.hpp"
#include "gongping/bidding/sealed_bid.hpp"
#include "gongping/common/aes_gcm.hpp"
#include "gongping/common/crypto.hpp"
#include "gongping/common/jose.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/jose/jose_json.hpp"
#include "gongping/server/jose/private_file.hpp"

namespace gp::cli {
namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "gongping: %s\n", message.c_str());
  return 1;
}

int usage_error(const char* usage) {
  std::fprintf(stderr, "usage: %s\n", usage);
  return 2;
}

}  // namespace

int keygen_command(int argc, char** argv) {
  constexpr const char* kUsage = "gongping keygen --out FILE [--kid KID]";
  auto args = parse_cli_args(argc, argv, 2, {});
  if (!args || !args.value().flag("out")) return usage_error(kUsage);
  const auto out_path = *args.value().flag("out");
  const auto pair = common::generate_p256_key_pair();
  const auto thumb = common::sha256(std::string(pair.public_key.x.begin(), pair.public_key.x.end()));
  const auto kid = args.value().flag("kid").value_or("officer-" + common::to_hex(thumb.data(), 6));
  try {
    server::jose::write_private_file(out_path, server::jose::p256_private_jwk(pair, kid) + "\n");
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  std::printf("%s\n", common::p256_public_jwk(pair.public_key, kid, "enc", "ECDH-ES").c_str());
  return 0;
}

int share_command(int argc, char** argv) {
  constexpr const char* kUsage = "gongping share open --key FILE [SEALED_SHARE_FILE|-]";
  if (argc < 3 || std::string_view(argv[2]) != "open") return usage_error(kUsage);
  auto args = parse_cli_args(argc, argv, 3, {});
  if (!args || !args.value().flag("key") || args.value().positional.size() > 1) return usage_error(kUsage);
  const auto key_text = read_text(*args.value().flag("key"));
  if (!key_text) return fail("cannot read the key file");
  auto key = server::jose::parse_p256_jwk(*key_text);
  if (!key || !key.value().private_key) return fail("the key file is not a P-256 private JWK");
  const auto sealed = read_text(args.value().positional.empty() ? "-" : args.value().positional[0]);
  if (!sealed) return fail("cannot read the sealed share");
  auto jwe = common::parse_compact_jwe(*sealed);
  if (!jwe) return fail(jwe.error().detail);
  const auto& hb = jwe.value().protected_json_bytes;
  auto header =
      server::jose::parse_envelope_header(std::string_view(reinterpret_cast<const char*>(hb.data()), hb.size()));
  if (!header || !header.value().header.has_epk) return fail("the sealed share's header has no valid epk");
  auto share = common::open_jwe_ecdh_es_a256gcm(jwe.value(), *key.value().private_key, header.value().epk,
                                                header.value().apu, header.value().apv);
  if (!share) return fail("this sealed share was not sealed to this key");
  std::printf("%s\n", share.value().c_str());
  common::secure_wipe(share.value().data(), share.value().size());
  return 0;
}

int seal_command(int argc, char** argv) {
  constexpr const char* kUsage =
      "gongping seal --tender-key JWK_FILE --tender ID --bidder ID --price FEN [--size large|medium|small|micro] "
      "[--attach FILE[,FILE...] --attach-out DIR]";
  auto args = parse_cli_args(argc, argv, 2, {});
  if (!args) return usage_error(kUsage);
  const auto& a = args.value();
  const auto key_file = a.flag("tender-key");
  const auto tender = a.flag("tender");
  const auto bidder = a.flag("bidder");
  const auto price = a.flag("price");
  const auto size = a.flag("size").value_or("large");
  if (!key_file || !tender || !bidder || !price) return usage_error(kUsage);
  std::int64_t price_fen = 0;
  try {
    std::size_t used = 0;
    price_fen = std::stoll(*price, &used);
    if (used != price->size() || price_fen <= 0) throw std::invalid_argument("price");
  } catch (const std::exception&) {
    return fail("--price must be a positive whole number of fen");
  }
  if (!bidding::is_enterprise_size(size)) return fail("--size must be large, medium, small or micro");
  const auto key_text = read_text(*key_file);
  if (!key_text) return fail("cannot read " + *key_file);
  auto key = server::jose::parse_p256_jwk(*key_text);
  if (!key || key.value().kid.empty()) return fail("the tender key must be a P-256 JWK with its kid");

  const auto attach = a.flag("attach");
  const auto attach_out = a.flag("attach-out");
  if (attach.has_value() != attach_out.has_value()) return usage_error(kUsage);
  common::CryptoRandom random;
  common::JsonWriter attachments;
  attachments.begin_array();
  if (attach) {
    std::string_view list = *attach;
    while (!list.empty()) {
      const auto comma = list.find(',');
      const std::string file(list.substr(0, comma));
      list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
      std::ifstream in(file, std::ios::binary);
      if (!in) return fail("cannot read " + file);
      const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      common::Aes256Key file_key{};
      common::GcmIv iv{};
      random.fill(file_key.data(), file_key.size());
      random.fill(iv.data(), iv.size());
      const auto sealed = common::aes256gcm_encrypt(file_key, iv, "", content);
      std::string object(sealed.ciphertext.begin(), sealed.ciphertext.end());
      object.append(sealed.tag.begin(), sealed.tag.end());
      const std::string name = std::filesystem::path(file).filename().string();
      const std::string out_path = (std::filesystem::path(*attach_out) / (name + ".enc")).string();
      std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
      out << object;
      if (!out) return fail("cannot write " + out_path);
      attachments.begin_object()
          .key("name")
          .value(name)
          .key("bytes")
          .value(static_cast<std::int64_t>(content.size()))
          .key("key")
          .value(common::base64url_encode(file_key.data(), file_key.size()))
          .key("iv")
          .value(common::base64url_encode(iv.data(), iv.size()))
          .key("sha256")
          .value(common::to_hex(common::sha256(object)))
          .end_object();
      common::secure_wipe(file_key.data(), file_key.size());
      std::fprintf(stderr, "encrypted %s -> %s\n", file.c_str(), out_path.c_str());
    }
  }
  attachments.end_array();

  common::JsonWriter plain;
  plain.begin_object()
      .key("v")
      .value(std::int64_t{1})
      .key("tender_id")
      .value(*tender)
      .key("bidder_id")
      .value(*bidder)
      .key("price_fen")
      .value(price_fen)
      .key("size")
      .value(size)
      .key("attachments")
      .raw(attachments.str())
      .key("declarations")
      .begin_object()
      .key("joint_venture")
      .value(false)
      .end_object()
      .end_object();
  const auto jwe = common::seal_jwe_ecdh_es_a256gcm(key.value().public_key,
                                                    {{"kid", key.value().kid},
                                                     {"gp_tender", *tender},
                                                     {"gp_bidder", *bidder},
                                                     {"cty", std::string(bidding::kBidContentType)}},
                                                    plain.str(), random);
  std::printf("%s\n", jwe.c_str());
  return 0;
}

}  // namespace gp::cli
