// Indicator types, domain-name validation against the Public Suffix List, and Classify.
#include "seckit/indicators.h"

#include <libpsl.h>

#include <algorithm>
#include <array>

#include "indicators_internal.h"
#include "seckit/ip.h"
#include "seckit/text.h"

namespace seckit {
namespace {

using indicators_internal::IsAlnum;
using indicators_internal::IsAlpha;
using indicators_internal::IsDigit;
using indicators_internal::IsHex;
using indicators_internal::ToLower;

constexpr std::array<std::string_view, 9> kTypeNames = {
    "ipv4-addr", "ipv6-addr", "cidr", "domain-name", "url", "email-addr", "md5", "sha1", "sha256"};

// Loaded once, on first use (a thread-safe static), and never freed: lookups only read it.
// psl_latest picks the newer of the system list and the copy built into libpsl.
const psl_ctx_t* Psl() {
  static const psl_ctx_t* const ctx = [] {
    const psl_ctx_t* loaded = psl_latest(SECKIT_PUBLIC_SUFFIX_FILE);
    return loaded != nullptr ? loaded : psl_builtin();
  }();
  return ctx;
}

// Letters, or an IDNA A-label ("xn--p1ai").
bool IsTldSyntax(std::string_view tld) {
  if (tld.size() > 4 && tld.substr(0, 4) == "xn--") {
    return std::all_of(tld.begin(), tld.end(), [](char c) { return IsAlnum(c) || c == '-'; });
  }
  return std::all_of(tld.begin(), tld.end(), IsAlpha);
}

// Lowercases `name` into `out` and checks label syntax; returns the number of labels (0 when
// the syntax is wrong) and sets *tld_start and *underscore.
size_t CheckLabels(std::string_view name, std::string& out, size_t* tld_start, bool* underscore) {
  out.assign(name.size(), '.');
  size_t labels = 0, label_start = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '.') {
      const size_t len = i - label_start;
      if (len == 0 || len > 63 || out[label_start] == '-' || out[i - 1] == '-') return 0;
      ++labels;
      *tld_start = label_start;
      label_start = i + 1;
      continue;
    }
    const char c = ToLower(name[i]);
    if (!IsAlnum(c) && c != '-' && c != '_') return 0;
    *underscore |= c == '_';
    out[i] = c;
  }
  return labels;
}

// Whether the list has a rule for the top-level domain of `name` (lowercase, label syntax
// checked, TLD at tld_start > 0). A few TLDs have rules only for second-level names ("co.za"
// but no "za"), so the last two labels are tried as well.
bool IsListedTld(const psl_ctx_t* psl, const std::string& name, size_t tld_start) {
  constexpr int kListed = PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE;
  if (psl_is_public_suffix2(psl, name.c_str() + tld_start, kListed)) return true;
  const size_t second = name.rfind('.', tld_start - 2);
  const size_t start = second == std::string::npos ? 0 : second + 1;
  return psl_is_public_suffix2(psl, name.c_str() + start, kListed);
}

bool IsAllHex(std::string_view s) { return std::all_of(s.begin(), s.end(), IsHex); }

std::optional<IndicatorType> HashType(size_t length) {
  switch (length) {
    case 32:
      return IndicatorType::kMd5;
    case 40:
      return IndicatorType::kSha1;
    case 64:
      return IndicatorType::kSha256;
    default:
      return std::nullopt;
  }
}

// An IPv4 or IPv6 address, "[v6]", "[v6]:port", "v4:port" or "v6%zone"; nullopt otherwise.
std::optional<IpAddress> ParseAddressToken(std::string_view t) {
  if (!t.empty() && t.front() == '[') {
    const size_t close = t.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view after = t.substr(close + 1);
    if (!after.empty() && (after[0] != ':' || !indicators_internal::IsPort(after.substr(1)))) {
      return std::nullopt;
    }
    std::optional<IpAddress> a = IpAddress::Parse(t.substr(1, close - 1));
    return a && a->is_v6() ? a : std::nullopt;
  }
  if (std::optional<IpAddress> a = IpAddress::Parse(t)) return a;
  if (const size_t zone = t.find('%'); zone != std::string_view::npos && zone + 1 < t.size()) {
    std::optional<IpAddress> a = IpAddress::Parse(t.substr(0, zone));
    const bool zone_ok = std::all_of(t.begin() + static_cast<ptrdiff_t>(zone) + 1, t.end(),
                                     [](char c) { return IsAlnum(c) || c == '_' || c == '-'; });
    return a && a->is_v6() && zone_ok ? a : std::nullopt;
  }
  if (const size_t colon = t.rfind(':'); colon != std::string_view::npos) {
    std::optional<IpAddress> a = IpAddress::Parse(t.substr(0, colon));
    if (a && a->is_v4() && indicators_internal::IsPort(t.substr(colon + 1))) return a;
  }
  return std::nullopt;
}

// What a refanged token without spaces is; the value only (offsets are the caller's).
std::optional<Indicator> ClassifyRefanged(std::string_view t) {
  auto make = [](IndicatorType type, std::string value) {
    return std::optional<Indicator>(Indicator{type, std::move(value), 0, 0});
  };
  if (IsAllHex(t)) {
    if (std::optional<IndicatorType> type = HashType(t.size())) {
      std::string value(t);
      for (char& c : value) c = ToLower(c);
      return make(*type, std::move(value));
    }
  }
  // A scheme has no '/': "evil.com/r?u=http://x" is a scheme-less URL.
  if (const size_t sep = t.find("://"); sep != std::string_view::npos && t.find('/') > sep) {
    std::optional<std::string> url = indicators_internal::NormalizeUrl(t);
    return url ? make(IndicatorType::kUrl, std::move(*url)) : std::nullopt;
  }
  // Before the e-mail test: an address has no '/', but a path may have an '@' ("x.com/@user").
  if (t.find('/') != std::string_view::npos) {
    if (std::optional<Cidr> cidr = Cidr::Parse(t))
      return make(IndicatorType::kCidr, cidr->ToString());
    std::optional<std::string> url = indicators_internal::NormalizeBareUrl(t);
    return url ? make(IndicatorType::kUrl, std::move(*url)) : std::nullopt;
  }
  if (const size_t at = t.find('@'); at != std::string_view::npos) {
    std::optional<std::string> email =
        indicators_internal::NormalizeEmail(t.substr(0, at), t.substr(at + 1));
    return email ? make(IndicatorType::kEmail, std::move(*email)) : std::nullopt;
  }
  if (std::optional<IpAddress> a = ParseAddressToken(t)) {
    return make(a->is_v4() ? IndicatorType::kIpv4 : IndicatorType::kIpv6, a->ToString());
  }
  std::string_view host = t;
  if (const size_t colon = t.find(':'); colon != std::string_view::npos) {
    if (!indicators_internal::IsPort(t.substr(colon + 1))) return std::nullopt;
    host = t.substr(0, colon);
  }
  std::optional<std::string> domain = NormalizeDomain(host);
  return domain ? make(IndicatorType::kDomain, std::move(*domain)) : std::nullopt;
}

// An IPv4 address or network written plainly: digits and dots, with at most one '/'. Most
// addresses in feeds and records look like this; such text needs no refanging and can only be
// an address or a CIDR, so Refang's copy and ClassifyRefanged's other tests are skipped. Gives
// what ClassifyRefanged gives for the text, or nullopt to leave the text to it.
std::optional<Indicator> ClassifyPlainIpv4(std::string_view t) {
  bool dot = false;
  int slashes = 0;
  for (char c : t) {
    if (c == '.') {
      dot = true;
    } else if (c == '/') {
      ++slashes;
    } else if (!IsDigit(c)) {
      return std::nullopt;
    }
  }
  if (!dot || slashes > 1) return std::nullopt;
  if (slashes == 0) {
    const std::optional<IpAddress> address = IpAddress::Parse(t);
    if (!address) return std::nullopt;
    return Indicator{IndicatorType::kIpv4, address->ToString(), 0, 0};
  }
  const std::optional<Cidr> cidr = Cidr::Parse(t);
  if (!cidr) return std::nullopt;  // perhaps a scheme-less URL ("1.2.3.4/x/5")
  return Indicator{IndicatorType::kCidr, cidr->ToString(), 0, 0};
}

}  // namespace

std::string_view IndicatorTypeName(IndicatorType type) {
  return kTypeNames[static_cast<size_t>(type)];
}

std::optional<IndicatorType> ParseIndicatorType(std::string_view name) {
  for (size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == name) return static_cast<IndicatorType>(i);
  }
  return std::nullopt;
}

std::optional<std::string> NormalizeDomain(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (name.empty() || name.size() > 253) return std::nullopt;
  std::string out;
  size_t tld_start = 0;
  bool underscore = false;
  if (CheckLabels(name, out, &tld_start, &underscore) < 2) return std::nullopt;
  if (!IsTldSyntax(std::string_view(out).substr(tld_start))) return std::nullopt;
  const psl_ctx_t* psl = Psl();
  if (psl == nullptr || !IsListedTld(psl, out, tld_start) ||
      psl_is_public_suffix2(psl, out.c_str(), PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE)) {
    return std::nullopt;
  }
  if (underscore) {  // only in the labels left of the registrable domain
    const char* registrable = psl_registrable_domain(psl, out.c_str());
    if (registrable == nullptr ||
        std::string_view(registrable).find('_') != std::string_view::npos) {
      return std::nullopt;
    }
  }
  return out;
}

std::string RegistrableDomain(std::string_view domain) {
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  std::string lower;
  size_t tld_start = 0;
  bool underscore = false;
  if (domain.empty() || domain.size() > 253 ||
      CheckLabels(domain, lower, &tld_start, &underscore) == 0) {
    return "";
  }
  const psl_ctx_t* psl = Psl();
  const char* registrable = psl == nullptr ? nullptr : psl_registrable_domain(psl, lower.c_str());
  return registrable == nullptr ? "" : registrable;  // points into `lower`
}

const std::vector<std::string_view>& FileExtensionTlds() {
  // File extensions seen in incident notes that are also top-level domains (the test checks
  // each against the Public Suffix List). Not "app", "com" or "run": too many real domains.
  static const std::vector<std::string_view> kTlds = {
      "ac",  "ai",  "am", "ax", "cab", "cc",  "do", "in", "java", "la", "md", "mk", "mo",
      "mov", "one", "pl", "pm", "ps",  "pub", "py", "rs", "sh",   "so", "ws", "zip"};
  return kTlds;
}

std::optional<Indicator> Classify(std::string_view token) {
  const std::string_view trimmed = TrimAsciiSpace(token);
  const size_t offset = static_cast<size_t>(trimmed.data() - token.data());
  if (std::optional<Indicator> plain = ClassifyPlainIpv4(trimmed)) {
    plain->offset = offset;
    plain->length = trimmed.size();
    return plain;
  }
  const std::string refanged = Refang(trimmed);
  for (char c : refanged) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;  // not one token
  }
  if (refanged.empty()) return std::nullopt;
  std::optional<Indicator> indicator = ClassifyRefanged(refanged);
  if (indicator) {
    indicator->offset = offset;
    indicator->length = trimmed.size();
  }
  return indicator;
}

namespace indicators_internal {

bool LooksLikeFileName(std::string_view domain) {
  const size_t dot = domain.find('.');
  if (dot == std::string_view::npos || domain.find('.', dot + 1) != std::string_view::npos) {
    return false;
  }
  const std::vector<std::string_view>& tlds = FileExtensionTlds();
  return std::binary_search(tlds.begin(), tlds.end(), domain.substr(dot + 1));
}

}  // namespace indicators_internal
}  // namespace seckit
