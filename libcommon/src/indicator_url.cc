// URL, host and e-mail validation shared by Classify and Extract, so both agree on what a URL or
// an e-mail address is and how its value is normalised.
#include <algorithm>
#include <array>

#include "indicators_internal.h"
#include "seckit/indicators.h"
#include "seckit/ip.h"

namespace seckit::indicators_internal {
namespace {

constexpr std::array<std::string_view, 16> kSchemes = {
    "http", "https", "ftp", "ftps",   "sftp", "ws",   "wss",   "tcp",
    "udp",  "smb",   "ssh", "telnet", "irc",  "ldap", "ldaps", "rtsp"};

// Appends the normalised userinfo@host[:port] of `authority`; false if it is not one.
bool AppendAuthority(std::string_view authority, bool allow_userinfo, std::string& out) {
  const size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    if (!allow_userinfo) return false;
    out += authority.substr(0, at + 1);
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority, port;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host = authority.substr(0, close + 1);
    const std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return false;
    port = rest;
  } else if (const size_t colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon);
  }
  if (!port.empty() && !IsPort(port.substr(1))) return false;
  std::optional<std::string> normal = NormalizeHost(host, true);
  if (!normal) return false;
  out += *normal;
  out += port;
  return true;
}

bool HasOnlyUrlBytes(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u != 0x7f;
  });
}

}  // namespace

bool IsKnownScheme(std::string_view scheme) {
  if (scheme.size() > 6) return false;
  char lower[6];
  for (size_t i = 0; i < scheme.size(); ++i) lower[i] = ToLower(scheme[i]);
  const std::string_view key(lower, scheme.size());
  return std::find(kSchemes.begin(), kSchemes.end(), key) != kSchemes.end();
}

bool IsPort(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  unsigned value = 0;
  for (char c : port) {
    if (!IsDigit(c)) return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value <= 65535;
}

std::optional<std::string> NormalizeHost(std::string_view host, bool bracket_v6) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    std::optional<IpAddress> a = IpAddress::Parse(host.substr(1, host.size() - 2));
    if (!a || !a->is_v6()) return std::nullopt;
    return bracket_v6 ? "[" + a->ToString() + "]" : a->ToString();
  }
  if (std::optional<IpAddress> a = IpAddress::Parse(host)) {
    if (a->is_v4()) return a->ToString();
    return std::nullopt;  // an IPv6 host needs brackets
  }
  return NormalizeDomain(host);
}

std::optional<std::string> NormalizeUrl(std::string_view url) {
  const size_t sep = url.find("://");
  if (sep == std::string_view::npos || !IsKnownScheme(url.substr(0, sep)) ||
      !HasOnlyUrlBytes(url)) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(url.size());
  for (char c : url.substr(0, sep)) out += ToLower(c);
  out += "://";
  const std::string_view rest = url.substr(sep + 3);
  const size_t auth_end = std::min(rest.find_first_of("/?#"), rest.size());
  if (!AppendAuthority(rest.substr(0, auth_end), true, out)) return std::nullopt;
  out += rest.substr(auth_end);
  return out;
}

std::optional<std::string> NormalizeBareUrl(std::string_view url) {
  const size_t slash = url.find('/');
  if (slash == std::string_view::npos || slash + 1 >= url.size() || !HasOnlyUrlBytes(url)) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(url.size());
  if (!AppendAuthority(url.substr(0, slash), false, out)) return std::nullopt;
  out += url.substr(slash);
  return out;
}

std::optional<std::string> NormalizeEmail(std::string_view local, std::string_view domain) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos ||
      !std::all_of(local.begin(), local.end(), IsLocalPartChar)) {
    return std::nullopt;
  }
  std::optional<std::string> normal = NormalizeDomain(domain);
  if (!normal || normal->size() != domain.size()) return std::nullopt;  // no trailing dot here
  return std::string(local) + "@" + *normal;
}

size_t TrimUrlEnd(std::string_view text, size_t begin, size_t end) {
  // Bracket counts are kept up to date as characters are cut, so this stays linear.
  long parens = 0, squares = 0;
  for (size_t i = begin; i < end; ++i) {
    parens += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
    squares += text[i] == '[' ? 1 : text[i] == ']' ? -1 : 0;
  }
  while (end > begin) {
    const char c = text[end - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
        c == '*') {
      --end;
    } else if (c == ')' && parens < 0) {
      ++parens;
      --end;
    } else if (c == ']' && squares < 0) {
      ++squares;
      --end;
    } else {
      break;
    }
  }
  return end;
}

}  // namespace seckit::indicators_internal
