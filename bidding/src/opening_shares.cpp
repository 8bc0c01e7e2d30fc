#include "gongping/bidding/opening_shares.hpp"

#include "gongping/common/crypto.hpp"

namespace gp::bidding {
namespace {

constexpr std::string_view kPrefix = "gp-share-v1.";

common::Error invalid(std::string detail) {
  return common::make_error(common::ErrorCode::share_invalid, std::move(detail));
}

}  // namespace

std::uint8_t gf256_mul(std::uint8_t a, std::uint8_t b) {
  std::uint8_t product = 0;
  while (b != 0) {
    if (b & 1) product ^= a;
    const bool carry = a & 0x80;
    a = static_cast<std::uint8_t>(a << 1);
    if (carry) a ^= 0x1b;  // x^8 = x^4 + x^3 + x + 1
    b >>= 1;
  }
  return product;
}

std::uint8_t gf256_inverse(std::uint8_t a) {
  // a^254 = a^-1 in GF(2^8): square-and-multiply over the exponent 11111110b.
  std::uint8_t result = 1;
  std::uint8_t power = a;
  for (int bit = 0; bit < 8; ++bit) {
    if ((254 >> bit) & 1) result = gf256_mul(result, power);
    power = gf256_mul(power, power);
  }
  return result;
}

common::Result<std::vector<OpeningShare>> split_secret(const Secret32& secret, int k, int n, common::Random& random) {
  if (k < 1 || n < k || n > kMaxOpeningOfficers) {
    return common::Error::validation(
        {{"threshold", "needs 1 <= k <= n <= 9 (got k=" + std::to_string(k) + ", n=" + std::to_string(n) + ")"}});
  }
  std::vector<OpeningShare> shares(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) shares[static_cast<std::size_t>(i)].x = static_cast<std::uint8_t>(i + 1);
  std::vector<std::uint8_t> coefficients(static_cast<std::size_t>(k));
  for (std::size_t byte = 0; byte < secret.size(); ++byte) {
    // f(x) = secret[byte] + c1 x + ... + c(k-1) x^(k-1), evaluated by Horner's rule.
    coefficients[0] = secret[byte];
    if (k > 1) random.fill(coefficients.data() + 1, coefficients.size() - 1);
    for (auto& share : shares) {
      std::uint8_t y = 0;
      for (std::size_t c = coefficients.size(); c-- > 0;) y = gf256_mul(y, share.x) ^ coefficients[c];
      share.y[byte] = y;
    }
  }
  return shares;
}

common::Result<Secret32> combine_shares(std::span<const OpeningShare> shares) {
  if (shares.empty()) return invalid("No shares were given.");
  for (std::size_t i = 0; i < shares.size(); ++i) {
    if (shares[i].x == 0 || shares[i].x > kMaxOpeningOfficers) {
      return invalid("Share number " + std::to_string(shares[i].x) + " is out of range.");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (shares[i].x == shares[j].x)
        return invalid("Share number " + std::to_string(shares[i].x) + " was given twice.");
    }
  }
  // Lagrange interpolation at x = 0; in characteristic 2, subtraction is XOR.
  Secret32 secret{};
  for (std::size_t i = 0; i < shares.size(); ++i) {
    std::uint8_t numerator = 1;
    std::uint8_t denominator = 1;
    for (std::size_t j = 0; j < shares.size(); ++j) {
      if (i == j) continue;
      numerator = gf256_mul(numerator, shares[j].x);
      denominator = gf256_mul(denominator, shares[j].x ^ shares[i].x);
    }
    const std::uint8_t basis = gf256_mul(numerator, gf256_inverse(denominator));
    for (std::size_t byte = 0; byte < secret.size(); ++byte) secret[byte] ^= gf256_mul(shares[i].y[byte], basis);
  }
  return secret;
}

std::string format_share(std::string_view tender_id, const OpeningShare& share) {
  return std::string(kPrefix) + std::string(tender_id) + "." + std::to_string(share.x) + "." +
         common::base64url_encode(share.y.data(), share.y.size());
}

common::Result<OpeningShare> parse_share(std::string_view text, std::string_view tender_id) {
  if (!text.starts_with(kPrefix)) return invalid("A share starts with \"gp-share-v1.\".");
  text.remove_prefix(kPrefix.size());
  // The tender id may itself contain dots, so the x and y parts are taken from the end.
  const auto last = text.rfind('.');
  const auto middle = last == std::string_view::npos || last == 0 ? std::string_view::npos : text.rfind('.', last - 1);
  if (middle == std::string_view::npos) return invalid("A share has the form gp-share-v1.<tender>.<number>.<value>.");
  if (text.substr(0, middle) != tender_id) return invalid("This share belongs to another tender.");
  const auto x_text = text.substr(middle + 1, last - middle - 1);
  if (x_text.size() != 1 || x_text[0] < '1' || x_text[0] > '9') return invalid("The share number must be 1 to 9.");
  const auto y = common::base64url_decode(text.substr(last + 1));
  if (!y || y->size() != 32) return invalid("The share value must be 32 bytes in base64url.");
  OpeningShare share;
  share.x = static_cast<std::uint8_t>(x_text[0] - '0');
  std::copy(y->begin(), y->end(), share.y.begin());
  return share;
}

}  // namespace gp::bidding
