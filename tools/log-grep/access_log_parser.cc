// ParseAccessLogLine: Apache/nginx common, combined and vhost-combined lines. The line is cut
// at its "[time]" field, the part before it is read from the right (user, ident, client, vhost)
// and the part after it from the left (request, status, bytes, referrer, user agent). All
// fields are validated before any is added, so a rejected line leaves no partial event.
#include <cstring>
#include <optional>
#include <string_view>

#include "log_parsers.h"
#include "log_scan.h"

namespace seckit::log_grep {
namespace {

using scan::IsDigit;
using scan::ParseDecimal;

constexpr size_t kNpos = std::string_view::npos;

// The index of the next '"' at or after `from` that no backslash escapes, or kNpos.
size_t FindQuote(std::string_view text, size_t from) {
  while (from < text.size()) {
    const void* hit = std::memchr(text.data() + from, '"', text.size() - from);
    if (hit == nullptr) return kNpos;
    const size_t quote = static_cast<size_t>(static_cast<const char*>(hit) - text.data());
    size_t backslashes = 0;
    while (backslashes < quote - from && text[quote - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return quote;
    from = quote + 1;
  }
  return kNpos;
}

struct StatusBytes {
  int64_t status = 0;
  std::optional<int64_t> bytes;
  size_t consumed = 0;
};

// " DDD BYTES" followed by the end or a space, where BYTES is digits or "-".
std::optional<StatusBytes> ParseStatusBytes(std::string_view text) {
  if (text.size() < 6 || text[0] != ' ' || !IsDigit(text[1]) || !IsDigit(text[2]) ||
      !IsDigit(text[3]) || text[4] != ' ') {
    return std::nullopt;
  }
  StatusBytes out;
  out.status = (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  size_t end = 5;
  if (text[5] == '-') {
    end = 6;
  } else {
    while (end < text.size() && IsDigit(text[end])) ++end;
    if (end == 5) return std::nullopt;
    out.bytes = ParseDecimal(text.substr(5, end - 5));  // more than 18 digits: omitted
  }
  if (end < text.size() && text[end] != ' ') return std::nullopt;
  out.consumed = end;
  return out;
}

// A quoted field at the start of `text` (` "..."`), closed by a quote followed by a space or
// the end. Returns false when `text` does not start one or it is never closed.
bool TakeQuoted(std::string_view& text, std::string_view& value) {
  if (text.size() < 2 || text[0] != ' ' || text[1] != '"') return false;
  size_t quote = FindQuote(text, 2);
  while (quote != kNpos && quote + 1 < text.size() && text[quote + 1] != ' ') {
    quote = FindQuote(text, quote + 1);
  }
  if (quote == kNpos) return false;
  value = text.substr(2, quote - 2);
  text.remove_prefix(quote + 1);
  return true;
}

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '.' || c == '-' ||
         c == '_' || c == ':' || c == '*';
}

struct Client {
  std::string_view vhost;
  std::optional<int64_t> vhost_port;
  std::string_view raw;         // the client text (a list keeps its commas and quotes)
  std::optional<IpAddress> ip;  // the client, or the first list element that parses
  bool single = true;           // one token: raw is the address itself
};

// Whether the client field holds a separator of an address list. A loop: find_first_of would
// run memchr over the set once for every byte of the field, on every line.
bool HasListSeparator(std::string_view text) {
  for (char c : text) {
    if (c == ' ' || c == ',' || c == '"') return true;
  }
  return false;
}

// Splits the vhost off and checks the client: one token, or a list of IP addresses.
bool ParseClient(std::string_view text, Client& client) {
  if (text.empty() || text[0] == ' ') return false;
  const size_t space = text.find(' ');
  if (space != kNpos && text[0] != '"' && text[space - 1] != ',' &&
      !IpAddress::Parse(text.substr(0, space))) {
    std::string_view vhost = text.substr(0, space);
    for (char c : vhost) {
      if (!IsHostChar(c)) return false;
    }
    const size_t colon = vhost.rfind(':');
    if (colon != kNpos) {
      client.vhost_port = scan::ParsePort(vhost.substr(colon + 1));
      if (client.vhost_port) vhost = vhost.substr(0, colon);
    }
    client.vhost = vhost;
    text = scan::TrimLeft(text.substr(space));
  }
  client.raw = text;
  if (!HasListSeparator(text)) {
    client.ip = IpAddress::Parse(text);
    return !text.empty();
  }
  client.single = false;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '"')) ++i;
    size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != ',' && text[end] != '"') ++end;
    if (end == i) break;
    const std::string_view element = text.substr(i, end - i);
    std::optional<IpAddress> ip = IpAddress::Parse(element);
    if (!ip && element != "unknown" && element != "-") return false;
    if (ip && !client.ip) client.ip = ip;
    i = end;
  }
  return true;
}

struct Request {
  std::string_view method, url, version;
};

// "METHOD URL HTTP/x.y", "METHOD URL" or anything else (no fields).
Request SplitRequest(std::string_view text) {
  Request out;
  const size_t first = text.find(' ');
  if (first == kNpos || first == 0) return out;
  out.method = text.substr(0, first);
  std::string_view url = text.substr(first + 1);
  const size_t last = url.rfind(' ');
  if (last != kNpos && url.substr(last + 1, 5) == "HTTP/") {
    out.version = url.substr(last + 6);
    url = url.substr(0, last);
  }
  out.url = url;
  return out;
}

struct AccessLine {
  Client client;
  std::string_view user, request, referrer, agent;
  StatusBytes status;
  TimeNs time = 0;
};

// The "[time]" field preceded by a space; `open` gets the index of '['.
std::optional<ParsedTime> FindTime(std::string_view line, size_t& open) {
  size_t from = 0;
  while (true) {
    const size_t bracket = line.find(" [", from);
    if (bracket == kNpos) return std::nullopt;
    if (std::optional<ParsedTime> time = ParseCommonLogPrefix(line.substr(bracket + 1))) {
      open = bracket + 1;
      return time;
    }
    from = bracket + 1;
  }
}

bool Scan(std::string_view line, AccessLine& out) {
  size_t open = 0;
  const std::optional<ParsedTime> time = FindTime(line, open);
  if (!time) return false;
  out.time = time->time;
  // Before the time: CLIENT IDENT USER, read from the right.
  const std::string_view head = line.substr(0, open - 1);
  const size_t user_space = head.rfind(' ');
  if (user_space == kNpos || user_space == 0) return false;
  out.user = head.substr(user_space + 1);
  const size_t ident_space = head.rfind(' ', user_space - 1);
  if (ident_space == kNpos || ident_space == 0 || out.user.empty()) return false;
  if (!ParseClient(head.substr(0, ident_space), out.client)) return false;
  // After the time: "REQUEST" STATUS BYTES[ "REFERRER" "AGENT"].
  std::string_view rest = line.substr(open + time->consumed);
  if (rest.size() < 2 || rest[0] != ' ' || rest[1] != '"') return false;
  size_t quote = FindQuote(rest, 2);
  std::optional<StatusBytes> status;
  while (quote != kNpos && !(status = ParseStatusBytes(rest.substr(quote + 1)))) {
    quote = FindQuote(rest, quote + 1);
  }
  if (!status) return false;
  out.request = rest.substr(2, quote - 2);
  out.status = *status;
  rest.remove_prefix(quote + 1 + status->consumed);
  if (rest.size() >= 2 && rest[1] == '"') {
    if (!TakeQuoted(rest, out.referrer)) return false;
    if (rest.size() >= 2 && rest[1] == '"' && !TakeQuoted(rest, out.agent)) return false;
  }
  return true;
}

void AddUnlessDash(LogEvent& event, std::string_view key, std::string_view value) {
  if (!value.empty() && value != "-") event.Add(key, value);
}

void AddFields(const AccessLine& in, LogEvent& event) {
  event.time = in.time;
  const Client& client = in.client;
  if (!client.vhost.empty()) event.Add("destination.domain", client.vhost);
  if (client.vhost_port) event.AddNumber("destination.port", *client.vhost_port);
  if (client.ip) {
    event.Add("source.ip", {});
    client.ip->AppendTo(event.last_text());
  }
  if (!client.single || !client.ip) event.Add("source.address", client.raw);
  AddUnlessDash(event, "user.name", in.user);
  const Request request = SplitRequest(in.request);
  if (!request.method.empty()) event.Add("http.request.method", request.method);
  AddUnlessDash(event, "http.request.referrer", in.referrer);
  if (!request.version.empty()) event.Add("http.version", request.version);
  event.AddNumber("http.response.status_code", in.status.status);
  if (in.status.bytes) event.AddNumber("http.response.body.bytes", *in.status.bytes);
  if (!request.url.empty()) event.Add("url.original", request.url);
  AddUnlessDash(event, "user_agent.original", in.agent);
}

}  // namespace

bool ParseAccessLogLine(std::string_view line, LogEvent& event) {
  event.Clear();
  AccessLine parsed;
  if (!Scan(scan::StripCr(line), parsed)) return false;
  AddFields(parsed, event);
  return true;
}

}  // namespace seckit::log_grep
