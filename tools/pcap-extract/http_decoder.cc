// HTTP/1.x message heads from one TCP segment: start line, selected headers, request URL.
#include "http_decoder.h"

#include <algorithm>
#include <cstring>

namespace seckit::pcap_extract {
namespace {

constexpr size_t kMaxMethodLength = 32;  // longer than any registered method (16)

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// RFC 9110 section 5.6.2 tchar.
bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c)) return true;
  return c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

// Bytes allowed in a request-target: visible ASCII, and obs-text that real clients send raw.
bool IsTargetByte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b > 0x20 && b < 0x7f) || b >= 0x80;
}

// A control character other than tab: never part of a reason phrase or a header value.
bool IsControl(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b < 0x20 && b != '\t') || b == 0x7f;
}

// "HTTP/1.x" exactly; *version becomes "1.x".
bool ParseVersion(std::string_view text, std::string_view* version) {
  if (text.size() != 8 || text.substr(0, 7) != "HTTP/1." || !IsDigit(text[7])) return false;
  *version = text.substr(5);
  return true;
}

bool ParseRequestLine(std::string_view line, HttpMessage& m) {
  const size_t first_space = line.find(' ');
  if (first_space == std::string_view::npos || first_space > kMaxMethodLength) return false;
  const size_t second_space = line.find(' ', first_space + 1);
  if (second_space == std::string_view::npos) return false;
  const std::string_view method = line.substr(0, first_space);
  const std::string_view target = line.substr(first_space + 1, second_space - first_space - 1);
  if (!IsToken(method) || target.empty()) return false;
  for (char c : target) {
    if (!IsTargetByte(c)) return false;
  }
  if (!ParseVersion(line.substr(second_space + 1), &m.version)) return false;
  m.is_request = true;
  m.method = method;
  m.uri = target;
  return true;
}

bool ParseStatusLine(std::string_view line, HttpMessage& m) {
  // "HTTP/1.1 200 OK"; some servers end after the code without the space.
  if (line.size() < 12 || !ParseVersion(line.substr(0, 8), &m.version) || line[8] != ' ' ||
      !IsDigit(line[9]) || !IsDigit(line[10]) || !IsDigit(line[11]) || line[9] == '0') {
    return false;
  }
  if (line.size() > 12 && line[12] != ' ') return false;
  const std::string_view reason = line.size() > 13 ? line.substr(13) : std::string_view();
  for (char c : reason) {
    if (IsControl(c)) return false;
  }
  m.status_code = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
  m.reason = reason;
  return true;
}

// `lower` must be lowercase.
bool EqualsIgnoreCase(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

std::string_view TrimSpaceAndTab(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<uint64_t> ParseDecimal(std::string_view text, size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

// Keeps the first occurrence of a header: a view with a null data pointer has not been set yet,
// while a present but empty value is a view into the payload.
void KeepFirst(std::string_view value, std::string_view* field) {
  if (field->data() == nullptr) *field = value;
}

void NoteHeader(std::string_view name, std::string_view value, bool* saw_length, HttpMessage& m) {
  if (EqualsIgnoreCase(name, "host")) {
    KeepFirst(value, &m.host);
  } else if (EqualsIgnoreCase(name, "user-agent")) {
    KeepFirst(value, &m.user_agent);
  } else if (EqualsIgnoreCase(name, "referer")) {
    KeepFirst(value, &m.referrer);
  } else if (EqualsIgnoreCase(name, "content-type")) {
    KeepFirst(value, &m.content_type);
  } else if (EqualsIgnoreCase(name, "server")) {
    KeepFirst(value, &m.server);
  } else if (EqualsIgnoreCase(name, "location")) {
    KeepFirst(value, &m.location);
  } else if (EqualsIgnoreCase(name, "content-length") && !*saw_length) {
    *saw_length = true;
    m.content_length = ParseDecimal(value, 18);
  }
}

// One line of the payload starting at `begin`: its text without the line ending, and where the
// next line starts. nullopt when no LF follows (the line may be cut off).
struct Line {
  std::string_view text;
  size_t next = 0;
};

std::optional<Line> NextLine(std::span<const uint8_t> payload, size_t begin) {
  if (begin >= payload.size()) return std::nullopt;
  const void* lf = std::memchr(payload.data() + begin, '\n', payload.size() - begin);
  if (lf == nullptr) return std::nullopt;
  const size_t end = static_cast<size_t>(static_cast<const uint8_t*>(lf) - payload.data());
  size_t text_end = end;
  if (text_end > begin && payload[text_end - 1] == '\r') --text_end;
  return Line{{reinterpret_cast<const char*>(payload.data()) + begin, text_end - begin}, end + 1};
}

void ParseHeaders(std::span<const uint8_t> payload, size_t pos, HttpMessage& m) {
  bool saw_length = false;
  while (std::optional<Line> line = NextLine(payload, pos)) {
    pos = line->next;
    const std::string_view text = line->text;
    if (text.empty()) {
      m.headers_complete = true;
      m.head_length = pos;
      break;
    }
    if (text.front() == ' ' || text.front() == '\t') continue;  // obsolete line folding
    if (++m.header_count > kMaxHttpHeaders) {
      m.header_count = kMaxHttpHeaders;
      break;
    }
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos || !IsToken(text.substr(0, colon))) continue;
    NoteHeader(text.substr(0, colon), TrimSpaceAndTab(text.substr(colon + 1)), &saw_length, m);
  }
}

}  // namespace

std::optional<HttpMessage> DecodeHttp(std::span<const uint8_t> payload) {
  size_t pos = 0;
  // RFC 9112 section 2.2: empty lines before a request line are ignored.
  while (pos < payload.size() && (payload[pos] == '\r' || payload[pos] == '\n')) ++pos;
  const std::optional<Line> start = NextLine(payload, pos);
  if (!start) return std::nullopt;
  HttpMessage m;
  const bool ok = start->text.substr(0, 5) == "HTTP/" ? ParseStatusLine(start->text, m)
                                                      : ParseRequestLine(start->text, m);
  if (!ok) return std::nullopt;
  ParseHeaders(payload, start->next, m);
  return m;
}

void SplitHostPort(std::string_view authority, std::string_view* host,
                   std::optional<uint16_t>* port) {
  *host = authority;
  port->reset();
  size_t colon;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return;
    *host = authority.substr(0, close + 1);
    colon = close + 1;
    if (colon >= authority.size() || authority[colon] != ':') return;
  } else {
    colon = authority.find(':');
    // No colon, or several (a bare IPv6 address, not valid in Host): no port to split off.
    if (colon == std::string_view::npos ||
        authority.find(':', colon + 1) != std::string_view::npos) {
      return;
    }
  }
  const std::string_view digits = authority.substr(colon + 1);
  const std::optional<uint64_t> value = ParseDecimal(digits, 5);
  if (digits.empty() || (value && *value <= 65535)) *host = authority.substr(0, colon);
  if (value && *value <= 65535) *port = static_cast<uint16_t>(*value);
}

namespace {

// Splits "/path?query#fragment" into path and query.
void SplitPathQuery(std::string_view target, HttpUrl& url) {
  target = target.substr(0, target.find('#'));
  const size_t question = target.find('?');
  url.path = target.substr(0, question);
  if (question != std::string_view::npos) url.query = target.substr(question + 1);
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view lower_prefix) {
  return text.size() >= lower_prefix.size() &&
         EqualsIgnoreCase(text.substr(0, lower_prefix.size()), lower_prefix);
}

}  // namespace

HttpUrl RequestUrl(const HttpMessage& request) {
  HttpUrl url;
  const std::string_view target = request.uri;
  if (target.empty()) return url;
  if (StartsWithIgnoreCase(target, "http://") || StartsWithIgnoreCase(target, "https://")) {
    const size_t authority_begin = target.find("://") + 3;
    const size_t authority_end =
        std::min(target.find_first_of("/?#", authority_begin), target.size());
    std::string_view authority = target.substr(authority_begin, authority_end - authority_begin);
    const size_t at = authority.rfind('@');  // drop any userinfo
    if (at != std::string_view::npos) authority.remove_prefix(at + 1);
    SplitHostPort(authority, &url.domain, &url.port);
    url.full = target;
    SplitPathQuery(target.substr(authority_end), url);
  } else if (target == "*") {
    SplitHostPort(request.host, &url.domain, &url.port);
  } else if (target.front() != '/') {  // authority form, as CONNECT sends
    SplitHostPort(target, &url.domain, &url.port);
  } else {
    SplitHostPort(request.host, &url.domain, &url.port);
    if (!request.host.empty()) {
      url.full.reserve(7 + request.host.size() + target.size());
      url.full.append("http://").append(request.host).append(target);
    }
    SplitPathQuery(target, url);
  }
  return url;
}

}  // namespace seckit::pcap_extract
