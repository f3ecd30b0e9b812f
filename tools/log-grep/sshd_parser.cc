// ParseSshdMessage: the OpenSSH log messages that matter for authentication monitoring, taken
// apart from the right (" from IP port N"), so user names chosen by an attacker cannot shift
// the address or port.
#include <optional>
#include <string_view>

#include "log_parsers.h"
#include "log_scan.h"

namespace seckit::log_grep {
namespace {

using scan::IsDigit;
using scan::ParsePort;
using scan::TrimLeft;
using scan::TrimRight;

constexpr std::string_view kNoTail = {};

bool Consume(std::string_view& text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix) return false;
  text.remove_prefix(prefix.size());
  return true;
}

bool ConsumeSuffix(std::string_view& text, std::string_view suffix) {
  if (text.size() < suffix.size() || text.substr(text.size() - suffix.size()) != suffix) {
    return false;
  }
  text.remove_suffix(suffix.size());
  return true;
}

void AddAction(LogEvent& event, std::string_view category, std::string_view action,
               std::string_view outcome) {
  event.Add("event.category", category);
  event.Add("event.action", action);
  if (!outcome.empty()) event.Add("event.outcome", outcome);
}

void AddUser(LogEvent& event, std::string_view user) {
  if (!user.empty()) event.Add("user.name", user);
}

void AddSource(LogEvent& event, std::string_view address, std::optional<int64_t> port) {
  scan::AddAddress(event, address, "source.ip", "source.address");
  if (port) event.AddNumber("source.port", *port);
}

// Strips "invalid user ", "authenticating user " or "user " from the front of `who`.
std::string_view UserAfterQualifier(std::string_view who) {
  Consume(who, "invalid user ") || Consume(who, "authenticating user ") || Consume(who, "user ");
  return who;
}

// "IP port N[ tail]" or "IP[ tail]": the address token and the port; `tail` gets what follows.
void SplitAddressPort(std::string_view text, std::string_view& address,
                      std::optional<int64_t>& port, std::string_view& tail) {
  text = TrimLeft(text);
  const size_t space = text.find(' ');
  address = text.substr(0, space);
  tail = space == std::string_view::npos ? kNoTail : TrimLeft(text.substr(space));
  port.reset();
  std::string_view rest = tail;
  if (!Consume(rest, "port ")) return;
  size_t digits = 0;
  while (digits < rest.size() && IsDigit(rest[digits])) ++digits;
  port = ParsePort(rest.substr(0, digits));
  if (port) tail = TrimLeft(rest.substr(digits));
}

// "[qualifier ][USER ]IP[ port N]", taken from the right (Connection closed, Disconnected).
void AddUserAddressPort(LogEvent& event, std::string_view text) {
  text = TrimRight(text);
  std::optional<int64_t> port;
  const size_t port_at = text.rfind(" port ");
  if (port_at != std::string_view::npos) {
    port = ParsePort(text.substr(port_at + 6));
    if (port) text = text.substr(0, port_at);
  }
  const size_t space = text.rfind(' ');
  const std::string_view address = space == std::string_view::npos ? text : text.substr(space + 1);
  if (space != std::string_view::npos) AddUser(event, UserAfterQualifier(text.substr(0, space)));
  AddSource(event, address, port);
}

// "Accepted|Failed METHOD for [invalid user ]USER from IP port N[ ssh2][: KEYTYPE FP]".
bool ParseLogin(std::string_view message, LogEvent& event) {
  std::string_view outcome;
  if (Consume(message, "Accepted ")) {
    outcome = "success";
  } else if (Consume(message, "Failed ")) {
    outcome = "failure";
  } else {
    return false;
  }
  const size_t space = message.find(' ');
  if (space == 0 || space == std::string_view::npos) return false;
  std::string_view method = message.substr(0, space);
  for (char c : method) {
    if (!((c >= 'a' && c <= 'z') || IsDigit(c) || c == '-' || c == '/' || c == '@' || c == '.')) {
      return false;
    }
  }
  method = method.substr(0, method.find('/'));  // "keyboard-interactive/pam"
  if (method.empty()) return false;             // "/x" names no method
  std::string_view rest = message.substr(space + 1);
  if (!Consume(rest, "for ")) return false;
  const size_t from = rest.rfind(" from ");
  if (from == std::string_view::npos) return false;
  AddAction(event, "authentication", "ssh_login", outcome);
  std::string_view user = rest.substr(0, from);
  Consume(user, "invalid user ");
  AddUser(event, user);
  std::string_view address, tail;
  std::optional<int64_t> port;
  SplitAddressPort(rest.substr(from + 6), address, port, tail);
  AddSource(event, address, port);
  event.Add("ssh.auth.method", method);
  Consume(tail, "ssh2");
  if (Consume(tail, ": ")) {
    const size_t key_space = tail.find(' ');
    if (key_space != 0 && key_space != std::string_view::npos) {
      event.Add("ssh.auth.key.type", tail.substr(0, key_space));
      const std::string_view fingerprint = TrimLeft(tail.substr(key_space));
      if (!fingerprint.empty()) event.Add("ssh.auth.key.fingerprint", fingerprint);
    }
  }
  return true;
}

// "USER from IP[ port N]..." after "Invalid user " or "... exceeded for ".
void AddUserFrom(LogEvent& event, std::string_view rest, bool strip_invalid) {
  const size_t from = rest.rfind(" from ");
  if (from == std::string_view::npos) {
    AddUser(event, rest);
    return;
  }
  std::string_view user = rest.substr(0, from);
  if (strip_invalid) Consume(user, "invalid user ");
  AddUser(event, user);
  std::string_view address, tail;
  std::optional<int64_t> port;
  SplitAddressPort(rest.substr(from + 6), address, port, tail);
  AddSource(event, address, port);
}

// "Received disconnect from IP port N:CODE: ..." or the older "... from IP: CODE: ...".
void ParseReceivedDisconnect(std::string_view rest, LogEvent& event) {
  const size_t space = rest.find(' ');
  std::string_view address = rest.substr(0, space);
  std::optional<int64_t> port;
  if (address.size() > 1 && address.back() == ':') {
    address.remove_suffix(1);
  } else if (space != std::string_view::npos) {
    std::string_view after = rest.substr(space + 1);
    if (Consume(after, "port ")) {
      size_t digits = 0;
      while (digits < after.size() && IsDigit(after[digits])) ++digits;
      port = ParsePort(after.substr(0, digits));
    }
  }
  AddAction(event, "session", "ssh_disconnect", {});
  AddSource(event, address, port);
}

// "Disconnecting [qualifier] USER IP port N: reason" (OpenSSH 7.x and later).
void ParseDisconnecting(std::string_view rest, LogEvent& event) {
  size_t colon = rest.find(": ");
  while (colon != std::string_view::npos) {
    size_t digits = colon;
    while (digits > 0 && IsDigit(rest[digits - 1])) --digits;
    if (digits < colon && digits >= 6 && rest.substr(digits - 6, 6) == " port ") break;
    colon = rest.find(": ", colon + 1);
  }
  AddAction(event, "session", "ssh_disconnect", {});
  AddUserAddressPort(event, rest.substr(0, colon));
}

// Strips "[pam_unix(sshd:auth): ]authentication failure;" (pam_unix under the tag "sshd" or,
// in older systems, "sshd(pam_unix)").
bool IsPamFailure(std::string_view& message) {
  std::string_view rest = message;
  Consume(rest, "pam_unix(sshd:auth): ");
  if (!Consume(rest, "authentication failure;")) return false;
  message = rest;
  return true;
}

// pam_unix's "authentication failure; logname= uid=0 ... rhost=HOST  user=USER".
void ParsePamFailure(std::string_view rest, LogEvent& event) {
  AddAction(event, "authentication", "ssh_pam_auth_failure", "failure");
  const size_t user_at = rest.find(" user=");
  if (user_at != std::string_view::npos) AddUser(event, TrimRight(rest.substr(user_at + 6)));
  const size_t rhost_at = rest.find(" rhost=");
  if (rhost_at == std::string_view::npos) return;
  std::string_view rhost = rest.substr(rhost_at + 7);
  rhost = rhost.substr(0, rhost.find(' '));
  if (!rhost.empty()) scan::AddAddress(event, rhost, "source.ip", "source.domain");
}

// "reverse mapping checking getaddrinfo for HOST [IP] failed - POSSIBLE BREAK-IN ATTEMPT!" and
// "Address IP maps to HOST, but this does not map back to the address - POSSIBLE BREAK-IN ...".
bool ParseBreakIn(std::string_view message, LogEvent& event) {
  std::string_view address, host;
  if (Consume(message, "reverse mapping checking getaddrinfo for ")) {
    const size_t open = message.find(" [");
    const size_t close = message.find(']', open == std::string_view::npos ? 0 : open);
    if (open == std::string_view::npos || close == std::string_view::npos) return false;
    host = message.substr(0, open);
    address = message.substr(open + 2, close - open - 2);
  } else if (Consume(message, "Address ")) {
    const size_t maps = message.find(" maps to ");
    if (maps == std::string_view::npos) return false;
    address = message.substr(0, maps);
    host = message.substr(maps + 9);
    host = host.substr(0, host.find(','));
  } else {
    return false;
  }
  AddAction(event, "network", "ssh_break_in_attempt", {});
  AddSource(event, address, std::nullopt);
  if (!host.empty()) event.Add("source.domain", host);
  return true;
}

void ParseMessage(std::string_view message, LogEvent& event) {
  if (Consume(message, "Invalid user ")) {
    AddAction(event, "authentication", "ssh_invalid_user", "failure");
    AddUserFrom(event, message, false);
  } else if (Consume(message, "Connection closed by ")) {
    AddAction(event, "session", "ssh_connection_closed", {});
    AddUserAddressPort(event, message);
  } else if (Consume(message, "Disconnected from ")) {
    AddAction(event, "session", "ssh_disconnect", {});
    AddUserAddressPort(event, message);
  } else if (Consume(message, "Received disconnect from ")) {
    ParseReceivedDisconnect(message, event);
  } else if (Consume(message, "Disconnecting: Too many authentication failures")) {
    AddAction(event, "authentication", "ssh_max_auth_exceeded", "failure");
    if (Consume(message, " for ")) AddUser(event, UserAfterQualifier(message));
  } else if (Consume(message, "Disconnecting ")) {
    ParseDisconnecting(message, event);
  } else if (Consume(message, "maximum authentication attempts exceeded for ")) {
    AddAction(event, "authentication", "ssh_max_auth_exceeded", "failure");
    AddUserFrom(event, message, true);
  } else if (IsPamFailure(message)) {
    ParsePamFailure(message, event);
  } else if (!ParseBreakIn(message, event)) {
    ParseLogin(message, event);
  }
}

}  // namespace

void ParseSshdMessage(std::string_view message, LogEvent& event) {
  message = scan::Trim(message);
  int64_t count = 0;
  std::string_view inner;
  if (scan::ParseRepeated(message, count, inner)) {
    event.AddNumber("log.syslog.repeat_count", count);
    message = inner;
  }
  Consume(message, "error: ") || Consume(message, "fatal: ");
  ConsumeSuffix(message, " [preauth]");
  ParseMessage(TrimRight(message), event);
}

}  // namespace seckit::log_grep
