// IocMatcher's scanners for the rarer kinds of indicator: IPv6 addresses, URLs with a scheme,
// e-mail addresses and hashes. Each runs only when something of its kind is listed.
#include <algorithm>
#include <array>
#include <cstring>

#include "ioc_tables.h"
#include "seckit/text.h"

namespace seckit::log_grep::ioc_internal {
namespace {

constexpr std::array<std::string_view, 16> kSchemes = {
    "http", "https", "ftp", "ftps",   "sftp", "ws",   "wss",   "tcp",
    "udp",  "smb",   "ssh", "telnet", "irc",  "ldap", "ldaps", "rtsp"};

bool IsNameEdge(char c) { return Is(c, kAlpha) || c == '_'; }

// An exact comparison with the stored value of an id.
auto EqualTo(const IocTables& t, std::string_view s) {
  return [&t, s](uint32_t id) { return t.Value(id) == s; };
}

// The IPv6 candidate in the run of hex digits, ':' and '.' at line[s, e) whose first ':' is at
// `colon`, narrowed by the rules in ioc_matcher.h; empty when there is none.
std::string_view V6Candidate(std::string_view line, size_t s, size_t e, size_t colon) {
  if (e < line.size() && IsNameEdge(line[e])) return {};
  if (s > 0 && IsNameEdge(line[s - 1])) {
    // "src:fe80::1": the letters before the first ':' belong to a word.
    s = colon + 1 < e && line[colon + 1] == ':' ? colon : colon + 1;
  }
  while (e > s && line[e - 1] == '.') --e;
  if (e - s >= 2 && line[e - 1] == ':' && line[e - 2] != ':') --e;
  if (e - s >= 2 && line[s] == ':' && line[s + 1] != ':') ++s;
  const std::string_view run = line.substr(s, e - s);
  if (run.size() > IpAddress::kMaxTextLength || run == "::") return {};
  const auto colons = std::count(run.begin(), run.end(), ':');
  if (colons < 2) return {};
  // Without "::" an address has all eight groups (seven colons, or six before a dotted quad):
  // this turns away every time of day ("10:06:05") before the full parse.
  if (run.find("::") == std::string_view::npos &&
      colons != (run.find('.') == std::string_view::npos ? 7 : 6)) {
    return {};
  }
  return run;
}

}  // namespace

bool IsUrlScheme(std::string_view scheme) {
  if (scheme.size() < 2 || scheme.size() > 6) return false;
  char lower[6];
  for (size_t i = 0; i < scheme.size(); ++i) lower[i] = Lower(scheme[i]);
  return std::find(kSchemes.begin(), kSchemes.end(), std::string_view(lower, scheme.size())) !=
         kSchemes.end();
}

bool AppendNormalizedUrl(std::string_view url, std::string& out) {
  std::string_view rest = url;
  const size_t sep = url.find("://");
  if (sep != std::string_view::npos) {
    for (char c : url.substr(0, sep)) out += Lower(c);
    out += "://";
    rest = url.substr(sep + 3);
  }
  const size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  std::string_view authority = rest.substr(0, authority_end);
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    out += authority.substr(0, at + 1);
    authority.remove_prefix(at + 1);
  }
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    std::optional<IpAddress> address = IpAddress::Parse(authority.substr(1, close - 1));
    if (!address || !address->is_v6()) return false;
    out += '[';
    address->AppendTo(out);
    out += ']';
    port = authority.substr(close + 1);
  } else {
    const size_t colon = std::min(authority.find(':'), authority.size());
    std::string_view host = authority.substr(0, colon);
    port = authority.substr(colon);
    if (!host.empty() && host.back() == '.') host.remove_suffix(1);
    if (host.empty()) return false;
    for (char c : host) out += Lower(c);
  }
  out += port;
  out += rest.substr(authority_end);
  return true;
}

bool MatchUrl(const StringTable& table, std::string_view line, size_t begin, size_t end,
              HitSink& sink) {
  std::string candidate;
  for (size_t cut = end; cut > begin; --cut) {
    candidate.clear();
    if (AppendNormalizedUrl(line.substr(begin, cut - begin), candidate)) {
      const uint32_t id = table.Find(HashBytes(candidate), EqualTo(sink.tables, candidate));
      if (id != kNoId) return sink.Add(id, begin, cut - begin);
    }
    if (std::strchr(".,;:!?'*)]", line[cut - 1]) == nullptr) break;
  }
  return true;
}

namespace {

// Whether `line` can hold a candidate at all: V6Candidate takes a run only with "::" or six or
// seven colons, so a line with fewer colons and no "::" (a time of day, a URL's scheme: most
// log lines) is passed over with one count instead of a look at each of its runs of colons.
bool MayHoldV6(std::string_view line) {
  const size_t colons = CountByte(line, ':');
  return colons >= 6 || (colons >= 2 && line.find("::") != std::string_view::npos);
}

}  // namespace

bool ScanV6(const IocTables& t, std::string_view line, HitSink& sink) {
  if (!MayHoldV6(line)) return true;
  size_t next = 0;  // the end of the last run seen
  for (size_t colon = line.find(':'); colon != std::string_view::npos;
       colon = line.find(':', next)) {
    size_t s = colon, e = colon + 1;
    while (s > 0 && Is(line[s - 1], kV6Char)) --s;
    while (e < line.size() && Is(line[e], kV6Char)) ++e;
    next = e;
    const std::string_view run = V6Candidate(line, s, e, colon);
    if (run.empty()) continue;
    const std::optional<IpAddress> address = IpAddress::Parse(run);
    if (!address || !address->is_v6()) continue;
    uint32_t id = kNoId;
    if (auto it = t.v6.find(*address); it != t.v6.end()) {
      id = it->second;
    } else if (t.has_v6_networks) {
      id = t.networks.Lookup(*address).value_or(kNoId);
    }
    const auto offset = static_cast<size_t>(run.data() - line.data());
    if (id != kNoId && !sink.Add(id, offset, run.size())) return false;
  }
  return true;
}

bool ScanUrls(const IocTables& t, std::string_view line, HitSink& sink) {
  size_t next = 0;
  for (size_t sep = line.find("://"); sep != std::string_view::npos;
       sep = line.find("://", next)) {
    size_t s = sep, e = sep + 3;
    while (s > 0 && Is(line[s - 1], kAlpha)) --s;
    next = e;
    if (!IsUrlScheme(line.substr(s, sep - s))) continue;
    while (e < line.size() && !Is(line[e], kUrlStop)) ++e;
    if (e == sep + 3) continue;
    next = e;
    if (!MatchUrl(t.urls, line, s, e, sink)) return false;
  }
  return true;
}

bool ScanEmails(const IocTables& t, std::string_view line, HitSink& sink) {
  std::string candidate;
  for (size_t at = line.find('@'); at != std::string_view::npos; at = line.find('@', at + 1)) {
    size_t s = at, e = at + 1;
    while (s > 0 && Is(line[s - 1], kLocalChar)) --s;
    while (s < at && line[s] == '.') ++s;
    while (e < line.size() && Is(line[e], kDomainChar) && line[e] != '_') ++e;
    while (e > at + 1 && (line[e - 1] == '.' || line[e - 1] == '-')) --e;
    if (s == at || e == at + 1) continue;
    candidate.assign(line.substr(s, at + 1 - s));
    for (char c : line.substr(at + 1, e - at - 1)) candidate += Lower(c);
    const uint32_t id = t.emails.Find(HashBytes(candidate), EqualTo(t, candidate));
    if (id != kNoId && !sink.Add(id, s, e - s)) return false;
  }
  return true;
}

bool ScanHashes(const IocTables& t, std::string_view line, HitSink& sink) {
  const size_t n = line.size();
  size_t i = 0;
  while (i < n) {
    if (!IsAlnum(line[i])) {
      ++i;
      continue;
    }
    const size_t s = i;
    bool hex = true;
    for (; i < n && IsAlnum(line[i]); ++i) hex = hex && Is(line[i], kDigit | kHexLetter);
    const size_t len = i - s;
    if (!hex || (len != 32 && len != 40 && len != 64)) continue;
    const std::string_view run = line.substr(s, len);
    const uint32_t id = t.hashes.Find(HashLower(run), [&t, run](uint32_t other) {
      const std::string_view v = t.Value(other);
      return v.size() == run.size() &&
             std::equal(run.begin(), run.end(), v.begin(), [](char a, char b) {
               return Lower(a) == b;
             });
    });
    if (id != kNoId && !sink.Add(id, s, len)) return false;
  }
  return true;
}

}  // namespace seckit::log_grep::ioc_internal
