// JA3, JA3S and JA4 fingerprints of decoded TLS hellos.
#include "tls_fingerprint.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <vector>

#include "seckit/hash.h"

namespace seckit::pcap_extract {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr std::string_view kJa4EmptyHash = "000000000000";
constexpr size_t kJa4HashLength = 12;

void AppendDecimal(std::string* out, unsigned value) {
  char buffer[8];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out->append(buffer, end);
}

void AppendHex4(std::string* out, uint16_t value) {
  const char digits[4] = {kHexDigits[value >> 12], kHexDigits[(value >> 8) & 0xf],
                          kHexDigits[(value >> 4) & 0xf], kHexDigits[value & 0xf]};
  out->append(digits, 4);
}

// Appends the non-GREASE values of `values` as decimals joined by '-' (JA3's list format).
template <typename T>
void AppendJa3List(std::string* out, const std::vector<T>& values) {
  bool first = true;
  for (T value : values) {
    if (sizeof(T) == 2 && IsGrease(value)) continue;
    if (!first) out->push_back('-');
    AppendDecimal(out, value);
    first = false;
  }
}

void AppendJa3Extensions(std::string* out, const std::vector<TlsExtension>& extensions) {
  bool first = true;
  for (const TlsExtension& extension : extensions) {
    if (IsGrease(extension.type)) continue;
    if (!first) out->push_back('-');
    AppendDecimal(out, extension.type);
    first = false;
  }
}

Ja3Fingerprint WithMd5(std::string text) {
  Result<std::string> md5 = HashBytes(HashAlgorithm::kMd5, text);
  return {std::move(text), md5.ok() ? std::move(md5.value()) : std::string()};
}

std::string_view Ja4Version(uint16_t version) {
  switch (version) {
    case 0x0304:
      return "13";
    case 0x0303:
      return "12";
    case 0x0302:
      return "11";
    case 0x0301:
      return "10";
    case 0x0300:
      return "s3";
    case 0x0002:
      return "s2";
    case 0xfeff:
      return "d1";
    case 0xfefd:
      return "d2";
    case 0xfefc:
      return "d3";
    default:
      return "00";
  }
}

void AppendCount(std::string* out, size_t count) {
  count = std::min<size_t>(count, 99);
  out->push_back(static_cast<char>('0' + count / 10));
  out->push_back(static_cast<char>('0' + count % 10));
}

void AppendHexList(std::string* out, const std::vector<uint16_t>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendHex4(out, values[i]);
  }
}

// The first 12 hex digits of SHA-256, or the spec's all-zero marker for an empty list.
void AppendJa4Hash(std::string* out, std::string_view text, bool empty) {
  Result<std::string> digest = empty ? Result<std::string>(std::string(kJa4EmptyHash))
                                     : HashBytes(HashAlgorithm::kSha256, text);
  // SHA-256 is always available from libcrypto; a failure would be an OpenSSL fault, so the
  // all-zero marker is the least misleading stand-in.
  out->append(digest.ok() ? std::string_view(digest.value()).substr(0, kJa4HashLength)
                          : kJa4EmptyHash);
}

std::vector<uint16_t> WithoutGrease(const std::vector<uint16_t>& values) {
  std::vector<uint16_t> kept;
  kept.reserve(values.size());
  for (uint16_t value : values) {
    if (!IsGrease(value)) kept.push_back(value);
  }
  return kept;
}

bool IsAlphanumeric(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

}  // namespace

std::optional<Ja3Fingerprint> Ja3(const TlsHello& hello) {
  if (hello.kind != TlsHelloKind::kClientHello || !hello.complete) return std::nullopt;
  std::string text;
  text.reserve(256);
  AppendDecimal(&text, hello.legacy_version);
  text.push_back(',');
  AppendJa3List(&text, hello.cipher_suites);
  text.push_back(',');
  AppendJa3Extensions(&text, hello.extensions);
  text.push_back(',');
  AppendJa3List(&text, hello.supported_groups);
  text.push_back(',');
  AppendJa3List(&text, hello.ec_point_formats);
  return WithMd5(std::move(text));
}

std::optional<Ja3Fingerprint> Ja3s(const TlsHello& hello) {
  if (hello.kind != TlsHelloKind::kServerHello || !hello.complete) return std::nullopt;
  std::string text;
  AppendDecimal(&text, hello.legacy_version);
  text.push_back(',');
  AppendDecimal(&text, hello.cipher_suite);
  text.push_back(',');
  AppendJa3Extensions(&text, hello.extensions);
  return WithMd5(std::move(text));
}

std::string Ja4AlpnChars(std::string_view first_alpn) {
  if (first_alpn.empty()) return "00";
  const auto first = static_cast<unsigned char>(first_alpn.front());
  const auto last = static_cast<unsigned char>(first_alpn.back());
  if (IsAlphanumeric(first) && IsAlphanumeric(last)) {
    return {static_cast<char>(first), static_cast<char>(last)};
  }
  return {kHexDigits[first >> 4], kHexDigits[last & 0xf]};
}

std::optional<std::string> Ja4(const TlsHello& hello, Ja4Form form) {
  if (hello.kind != TlsHelloKind::kClientHello || !hello.complete) return std::nullopt;
  const bool sorted = form == Ja4Form::kHashed || form == Ja4Form::kRaw;
  const bool raw = form == Ja4Form::kRaw || form == Ja4Form::kOriginalRaw;

  std::vector<uint16_t> ciphers = WithoutGrease(hello.cipher_suites);
  std::vector<uint16_t> extensions;
  extensions.reserve(hello.extensions.size());
  size_t extension_count = 0;
  for (const TlsExtension& extension : hello.extensions) {
    if (IsGrease(extension.type)) continue;
    ++extension_count;
    if (sorted && (extension.type == kTlsExtServerName || extension.type == kTlsExtAlpn)) continue;
    extensions.push_back(extension.type);
  }
  if (sorted) {
    std::sort(ciphers.begin(), ciphers.end());
    std::sort(extensions.begin(), extensions.end());
  }
  const std::vector<uint16_t> signatures = WithoutGrease(hello.signature_algorithms);

  std::string out = "t";
  out.append(Ja4Version(hello.EffectiveVersion()));
  out.push_back(hello.has_server_name ? 'd' : 'i');
  AppendCount(&out, ciphers.size());
  AppendCount(&out, extension_count);
  out.append(Ja4AlpnChars(hello.alpn.empty() ? std::string_view() : hello.alpn.front()));

  std::string cipher_text;
  AppendHexList(&cipher_text, ciphers);
  std::string extension_text;
  AppendHexList(&extension_text, extensions);
  if (!signatures.empty()) {
    extension_text.push_back('_');
    AppendHexList(&extension_text, signatures);
  }
  out.push_back('_');
  if (raw) {
    out.append(cipher_text).append("_").append(extension_text);
  } else {
    AppendJa4Hash(&out, cipher_text, ciphers.empty());
    out.push_back('_');
    AppendJa4Hash(&out, extension_text, extensions.empty());
  }
  return out;
}

}  // namespace seckit::pcap_extract
