// ParseSyslogLine: RFC 3164 (with its common variations), rsyslog's RFC 3339 file format and
// RFC 5424 lines, scanned by hand.
#include <optional>
#include <string_view>

#include "log_parsers.h"
#include "log_scan.h"

namespace seckit::log_grep {
namespace {

using scan::IsDigit;
using scan::ParseDecimal;
using scan::Trim;
using scan::TrimLeft;

// The "<PRI>" prefix, if any: 1-3 digits (no leading zero unless "0"), value 0..191. Returns
// false for a '<' that does not start a valid PRI.
bool ParsePri(std::string_view& rest, std::optional<int>& pri) {
  if (rest.empty() || rest[0] != '<') return true;
  const size_t close = rest.find('>', 1);
  if (close == std::string_view::npos || close > 4) return false;
  const std::string_view digits = rest.substr(1, close - 1);
  if (digits.size() > 1 && digits[0] == '0') return false;
  const std::optional<int64_t> value = ParseDecimal(digits, 3);
  if (!value || *value > 191) return false;
  pri = static_cast<int>(*value);
  rest.remove_prefix(close + 1);
  return true;
}

void AddPri(const std::optional<int>& pri, LogEvent& event) {
  if (!pri) return;
  event.AddNumber("log.syslog.priority", *pri);
  event.AddNumber("log.syslog.facility.code", *pri / 8);
  event.AddNumber("log.syslog.severity.code", *pri % 8);
}

struct Tag {
  std::string_view name;
  std::optional<int64_t> pid;
};

// A tag at the start of `rest`: "name:", "name[pid]:" or "name[pid] " ("name:" needs a space or
// the end after the colon, so "fe80::1" is not a tag). On success `rest` starts after it.
bool ParseTag(std::string_view& rest, Tag& tag) {
  size_t i = 0;
  while (i < rest.size() && rest[i] != ':' && rest[i] != '[' && rest[i] != ' ') ++i;
  if (i == 0 || i == rest.size() || rest[i] == ' ') return false;
  const std::string_view name = rest.substr(0, i);
  if (rest[i] == ':') {
    if (i + 1 < rest.size() && rest[i + 1] != ' ') return false;
    tag = {name, std::nullopt};
    rest.remove_prefix(i + 1);
    return true;
  }
  const size_t close = rest.find(']', i + 1);
  if (close == std::string_view::npos) return false;
  const std::optional<int64_t> pid = ParseDecimal(rest.substr(i + 1, close - i - 1), 10);
  if (!pid) return false;
  size_t end = close + 1;
  if (end < rest.size() && rest[end] == ':') {
    ++end;
    if (end < rest.size() && rest[end] != ' ') return false;
  } else if (end < rest.size() && rest[end] != ' ') {
    return false;
  }
  tag = {name, pid};
  rest.remove_prefix(end);
  return true;
}

bool IsSshdProgram(std::string_view name) {
  const size_t slash = name.rfind('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  return name == "sshd" || name == "sshd-session" || name == "sshd-auth" ||
         name == "sshd(pam_unix)";
}

// Adds the message (and what it says, for sshd) after the header fields.
void AddMessage(std::string_view program, std::string_view message, LogEvent& event) {
  message = Trim(message);
  std::string_view inner = message;
  int64_t count = 0;
  if (scan::ParseRepeated(message, count, inner)) event.AddNumber("log.syslog.repeat_count", count);
  if (!message.empty()) event.Add("message", message);
  if (IsSshdProgram(program)) ParseSshdMessage(inner, event);
}

void AddTag(const Tag& tag, LogEvent& event) {
  event.Add("process.name", tag.name);
  if (tag.pid) event.AddNumber("process.pid", *tag.pid);
}

// "[host ][tag ]message" after an RFC 3164 timestamp (`rest` starts right after the time).
bool ParseBsdBody(std::string_view rest, const std::optional<int>& pri, LogEvent& event) {
  Tag tag;
  bool have_tag = false;
  if (!rest.empty() && rest[0] == ':') {  // "Feb 29 01:15:43: msg": neither host nor tag
    rest.remove_prefix(1);
  } else if (!rest.empty()) {
    if (rest[0] != ' ') return false;
    rest = TrimLeft(rest);
    have_tag = ParseTag(rest, tag);
    if (!have_tag) {
      const size_t space = rest.find(' ');
      const std::string_view host = rest.substr(0, space);
      if (!host.empty()) event.Add("host.hostname", host);
      rest = space == std::string_view::npos ? std::string_view() : TrimLeft(rest.substr(space));
      have_tag = ParseTag(rest, tag);
    }
  }
  if (have_tag) AddTag(tag, event);
  AddPri(pri, event);
  AddMessage(have_tag ? tag.name : std::string_view(), rest, event);
  return true;
}

// "TIMESTAMP host tag: message" with an RFC 3339 timestamp; host and tag are required.
bool ParseRfc3339Body(std::string_view rest, const std::optional<int>& pri, LogEvent& event) {
  const std::optional<ParsedTime> time = ParseRfc3339Prefix(rest);
  if (!time || time->consumed >= rest.size() || rest[time->consumed] != ' ') return false;
  rest = TrimLeft(rest.substr(time->consumed));
  const size_t space = rest.find(' ');
  if (space == std::string_view::npos) return false;
  const std::string_view host = rest.substr(0, space);
  rest = TrimLeft(rest.substr(space));
  Tag tag;
  if (!ParseTag(rest, tag)) return false;
  event.time = time->time;
  event.Add("host.hostname", host);
  AddTag(tag, event);
  AddPri(pri, event);
  AddMessage(tag.name, rest, event);
  return true;
}

// The next space-terminated RFC 5424 header field: 1..max_size printable US-ASCII bytes.
bool NextHeaderField(std::string_view& rest, size_t max_size, std::string_view& field) {
  size_t i = 0;
  while (i < rest.size() && rest[i] != ' ') {
    const unsigned char c = static_cast<unsigned char>(rest[i]);
    if (c < 33 || c > 126 || i == max_size) return false;
    ++i;
  }
  if (i == 0 || i == rest.size()) return false;
  field = rest.substr(0, i);
  rest.remove_prefix(i + 1);
  return true;
}

// Skips RFC 5424 STRUCTURED-DATA ("-" or one or more "[id k=\"v\" ...]"); false when malformed.
bool SkipStructuredData(std::string_view& rest) {
  if (!rest.empty() && rest[0] == '-') {
    rest.remove_prefix(1);
    return true;
  }
  size_t i = 0;
  while (i < rest.size() && rest[i] == '[') {
    bool quoted = false;
    for (++i;; ++i) {
      if (i >= rest.size()) return false;
      const char c = rest[i];
      if (quoted && c == '\\') {
        ++i;  // the escaped byte (checked against the end on the next turn)
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == ']') {
        ++i;
        break;
      }
    }
  }
  if (i == 0) return false;
  rest.remove_prefix(i);
  return true;
}

bool ParseRfc5424Body(std::string_view rest, int pri, LogEvent& event) {
  std::string_view version, timestamp, host, app, procid, msgid;
  if (!NextHeaderField(rest, 2, version) || version[0] == '0' || !ParseDecimal(version) ||
      !NextHeaderField(rest, 64, timestamp) || !NextHeaderField(rest, 255, host) ||
      !NextHeaderField(rest, 48, app) || !NextHeaderField(rest, 128, procid) ||
      !NextHeaderField(rest, 32, msgid) || !SkipStructuredData(rest)) {
    return false;
  }
  if (!rest.empty() && rest[0] != ' ') return false;
  const std::optional<TimeNs> time = ParseRfc5424Timestamp(timestamp);
  if (!time && timestamp != "-") return false;
  event.time = time;
  if (host != "-") event.Add("host.hostname", host);
  if (app != "-") event.Add("process.name", app);
  if (const std::optional<int64_t> pid = ParseDecimal(procid, 10)) {
    event.AddNumber("process.pid", *pid);
  } else if (procid != "-") {
    event.Add("log.syslog.procid", procid);
  }
  AddPri(pri, event);
  event.Add("log.syslog.version", version);
  if (msgid != "-") event.Add("log.syslog.msgid", msgid);
  if (!rest.empty()) rest.remove_prefix(1);
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
  AddMessage(app == "-" ? std::string_view() : app, rest, event);
  return true;
}

bool ParseSyslogInto(std::string_view line, TimeNs reference, LogEvent& event) {
  std::string_view rest = line;
  std::optional<int> pri;
  if (!ParsePri(rest, pri) || rest.empty()) return false;
  if (IsDigit(rest[0])) {
    size_t digits = 1;
    while (digits < rest.size() && IsDigit(rest[digits])) ++digits;
    if (pri && digits <= 2 && digits < rest.size() && rest[digits] == ' ') {
      return ParseRfc5424Body(rest, *pri, event);
    }
    return ParseRfc3339Body(rest, pri, event);
  }
  const std::optional<ParsedTime> time = ParseSyslog3164(rest, reference);
  if (!time) return false;
  event.time = time->time;
  return ParseBsdBody(rest.substr(time->consumed), pri, event);
}

}  // namespace

bool ParseSyslogLine(std::string_view line, TimeNs reference, LogEvent& event) {
  event.Clear();
  if (ParseSyslogInto(scan::StripCr(line), reference, event)) return true;
  event.Clear();
  return false;
}

}  // namespace seckit::log_grep
