// Small scanning helpers shared by log-grep's line parsers (syslog, sshd, access log): trimming,
// bounded decimal numbers, and adding an address field in canonical form.
#ifndef SECKIT_LOG_GREP_LOG_SCAN_H_
#define SECKIT_LOG_GREP_LOG_SCAN_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "log_event.h"
#include "seckit/ip.h"

namespace seckit::log_grep::scan {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

inline std::string_view TrimLeft(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && IsSpace(text[i])) ++i;
  return text.substr(i);
}

inline std::string_view TrimRight(std::string_view text) {
  size_t n = text.size();
  while (n > 0 && IsSpace(text[n - 1])) --n;
  return text.substr(0, n);
}

inline std::string_view Trim(std::string_view text) { return TrimRight(TrimLeft(text)); }

// The line without one trailing '\r' (LineReader strips CRLF; a CR-only file leaves one).
inline std::string_view StripCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// A whole-text decimal number of 1..max_digits digits (max_digits <= 18, so it fits int64_t).
inline std::optional<int64_t> ParseDecimal(std::string_view text, size_t max_digits = 18) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// A TCP/UDP port: 1-5 digits, at most 65535.
inline std::optional<int64_t> ParsePort(std::string_view text) {
  std::optional<int64_t> port = ParseDecimal(text, 5);
  if (port && *port > 65535) return std::nullopt;
  return port;
}

// Adds `ip_key` with the canonical text of `text` when it is an IP address and returns true;
// otherwise adds `address_key` with `text` as it is (when not empty) and returns false.
inline bool AddAddress(LogEvent& event, std::string_view text, std::string_view ip_key,
                       std::string_view address_key) {
  if (std::optional<IpAddress> ip = IpAddress::Parse(text)) {
    event.Add(ip_key, {});
    ip->AppendTo(event.last_text());
    return true;
  }
  if (!text.empty()) event.Add(address_key, text);
  return false;
}

// Splits "message repeated N times: [ MSG ]" (rsyslog's repeated-message reduction) into N and
// MSG (trimmed, without the brackets). False for any other text.
inline bool ParseRepeated(std::string_view message, int64_t& count, std::string_view& inner) {
  constexpr std::string_view kPrefix = "message repeated ";
  constexpr std::string_view kTimes = " times: [";
  if (message.substr(0, kPrefix.size()) != kPrefix) return false;
  std::string_view rest = message.substr(kPrefix.size());
  size_t digits = 0;
  while (digits < rest.size() && IsDigit(rest[digits])) ++digits;
  std::optional<int64_t> n = ParseDecimal(rest.substr(0, digits), 9);
  rest.remove_prefix(digits);
  if (!n || rest.substr(0, kTimes.size()) != kTimes) return false;
  rest = TrimRight(rest.substr(kTimes.size()));
  if (rest.empty() || rest.back() != ']') return false;
  rest.remove_suffix(1);
  count = *n;
  inner = Trim(rest);
  return true;
}

}  // namespace seckit::log_grep::scan

#endif  // SECKIT_LOG_GREP_LOG_SCAN_H_
