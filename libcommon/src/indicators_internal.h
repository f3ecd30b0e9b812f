// Pieces shared by refang.cc, indicators.cc and indicator_extract.cc: character classes, the
// refang edit log that maps offsets back to the original text, and host/URL validation.
#ifndef SECKIT_LIBCOMMON_SRC_INDICATORS_INTERNAL_H_
#define SECKIT_LIBCOMMON_SRC_INDICATORS_INTERNAL_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seckit::indicators_internal {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
inline bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
inline char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
// Characters of an e-mail local part as Extract and Classify accept it.
inline bool IsLocalPartChar(char c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
// Characters a URL is made of in prose (RFC 3986 minus the ones that usually delimit it).
inline bool IsUrlChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7f) return false;
  switch (c) {
    case '"':
    case '<':
    case '>':
    case '\\':
    case '^':
    case '`':
    case '{':
    case '|':
    case '}':
      return false;
    default:
      return true;
  }
}

// One replacement Refang made: in[in_pos, in_pos + in_len) became out[out_pos, out_pos +
// out_len). Edits are in increasing order and do not overlap.
struct RefangEdit {
  size_t out_pos, out_len, in_pos, in_len;
};

// Refang, also logging its edits (when `edits` is not null).
std::string RefangWithEdits(std::string_view in, std::vector<RefangEdit>* edits);

// The host of a URL, an e-mail domain etc. normalised (domain lowercased, IP canonical, IPv6
// in brackets when `bracket_v6`), or nullopt if `host` is not a domain, IPv4 or IPv6 address.
std::optional<std::string> NormalizeHost(std::string_view host, bool bracket_v6);

// The normalised form of a whole URL with a known scheme, or nullopt: scheme and host
// lowercased, userinfo, port and everything after the authority as written.
std::optional<std::string> NormalizeUrl(std::string_view url);

// The same for a scheme-less "host[:port]/path" (at least one character after the '/').
std::optional<std::string> NormalizeBareUrl(std::string_view url);

// "local@domain" with the domain normalised, or nullopt (rules in indicators.h, Classify).
std::optional<std::string> NormalizeEmail(std::string_view local, std::string_view domain);

// True for a known URL scheme (lowercase or not).
bool IsKnownScheme(std::string_view scheme);

// True when `port` is 1-5 digits with a value <= 65535.
bool IsPort(std::string_view port);

// The position just past `url`'s last character once trailing punctuation and unbalanced
// closing brackets are cut off (text[begin, end) is the raw run of URL characters).
size_t TrimUrlEnd(std::string_view text, size_t begin, size_t end);

// True when the domain (already normalised) is exactly two labels and its top-level domain is a
// file extension (Extract's file-name rule).
bool LooksLikeFileName(std::string_view domain);

}  // namespace seckit::indicators_internal

#endif  // SECKIT_LIBCOMMON_SRC_INDICATORS_INTERNAL_H_
