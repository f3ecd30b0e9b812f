// A conservative reading of a regex's syntax: every construct it does not know may match "\n".
#include "regex_newline.h"

#include <array>
#include <cstddef>

namespace seckit::log_grep {
namespace {

bool IsPrintable(char c) { return c >= 0x20 && c < 0x7f; }

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The escape at regex[i] ('\\'): its length when it surely matches no "\n" (0 otherwise).
size_t SafeEscape(std::string_view regex, size_t i) {
  if (i + 1 >= regex.size()) return 0;
  const char c = regex[i + 1];
  if (c == 'w' || c == 'd' || c == 'b' || c == 'B') return 2;
  if (IsPrintable(c) && !IsAsciiAlnum(c) && c != ' ') return 2;  // \. \/ \( \\ …
  if (c == 'x' && i + 3 < regex.size() && IsHex(regex[i + 2]) && IsHex(regex[i + 3])) {
    const bool newline = regex[i + 2] == '0' && (regex[i + 3] == 'a' || regex[i + 3] == 'A');
    return newline ? 0 : 4;
  }
  return 0;
}

// The class starting at regex[i] ('['): its length when it surely matches no "\n" (0 otherwise).
size_t SafeClass(std::string_view regex, size_t i) {
  static constexpr std::array<std::string_view, 10> kSafeNames{
      "[:alpha:]", "[:digit:]", "[:alnum:]", "[:upper:]", "[:lower:]",
      "[:punct:]", "[:xdigit:]", "[:word:]", "[:graph:]", "[:print:]"};
  size_t at = i + 1;
  if (at < regex.size() && regex[at] == '^') return 0;  // negated: matches "\n"
  if (at < regex.size() && regex[at] == ']') ++at;      // a leading ']' is a member
  while (at < regex.size() && regex[at] != ']') {
    const char c = regex[at];
    if (c == '[') {
      bool known = false;
      for (std::string_view name : kSafeNames) {
        if (regex.substr(at, name.size()) == name) {
          at += name.size();
          known = true;
          break;
        }
      }
      if (!known) return 0;
    } else if (c == '\\') {
      const char e = at + 1 < regex.size() ? regex[at + 1] : '\0';
      if (e == 'x' || e == 'b') return 0;  // a range's end we do not read; a backspace
      const size_t n = SafeEscape(regex, at);
      if (n == 0) return 0;
      if (at + n < regex.size() && regex[at + n] == '-' && at + n + 1 < regex.size() &&
          regex[at + n + 1] != ']') {
        return 0;  // a range from an escape
      }
      at += n;
    } else if (IsPrintable(c)) {
      if (at + 2 < regex.size() && regex[at + 1] == '-' && regex[at + 2] != ']') {
        if (!IsPrintable(regex[at + 2]) || regex[at + 2] == '\\' || regex[at + 2] == '[') {
          return 0;
        }
        at += 3;  // a range between printable bytes: "\n" lies below both
      } else {
        ++at;
      }
    } else {
      return 0;  // a control byte or a byte above 0x7e
    }
  }
  if (at >= regex.size()) return 0;  // unclosed: Hyperscan rejects it anyway
  return at + 1 - i;
}

}  // namespace

bool CanMatchNewline(std::string_view regex) {
  size_t i = 0;
  while (i < regex.size()) {
    const char c = regex[i];
    size_t n = 1;
    if (c == '\\') {
      n = SafeEscape(regex, i);
    } else if (c == '[') {
      n = SafeClass(regex, i);
    } else if (c == '(') {
      if (regex.substr(i, 2) == "(?") n = regex.substr(i, 3) == "(?:" ? 3 : 0;
    } else if (!IsPrintable(c)) {
      n = 0;  // a literal "\n" or another control byte, or a byte above 0x7e
    }
    if (n == 0) return true;
    i += n;
  }
  return false;
}

}  // namespace seckit::log_grep
