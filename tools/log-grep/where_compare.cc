// How one field value compares with a --where literal: typed literals (number, time, IP address),
// wildcards, text, regexes and CIDRs.
#include <charconv>
#include <climits>

#include "seckit/text.h"
#include "where_program.h"

namespace seckit::log_grep {
namespace {

size_t SkipDigits(std::string_view text, size_t i) {
  while (i < text.size() && IsAsciiDigit(text[i])) ++i;
  return i;
}

template <typename T>
int Sign(const T& a, const T& b) {
  return (a > b) - (a < b);
}

int CompareNumbers(const WhereNumber& a, const WhereNumber& b) {
  if (a.is_integer && b.is_integer) return Sign(a.integer, b.integer);
  return Sign(a.real, b.real);
}

// A value inside a prefix; an IPv4-mapped IPv6 value also as the IPv4 address it carries, since
// that is what a dual-stack server logs for an IPv4 client.
bool InAnyCidr(const std::vector<Cidr>& cidrs, std::string_view value) {
  std::optional<IpAddress> address = IpAddress::Parse(value);
  if (!address) return false;
  IpAddress unmapped = address->Unmapped();
  for (const Cidr& cidr : cidrs) {
    if (cidr.Contains(*address) || cidr.Contains(unmapped)) return true;
  }
  return false;
}

int OnMatch(unsigned int /*id*/, unsigned long long /*from*/, unsigned long long /*to*/,
            unsigned int /*flags*/, void* context) {
  *static_cast<bool*>(context) = true;
  return 1;  // one match decides: stop scanning
}

bool RegexMatches(const hs_database_t* db, std::string_view value, hs_scratch_t* scratch) {
  if (value.size() > UINT_MAX) return false;  // hs_scan's limit; no log field comes near it
  bool matched = false;
  const char* data = value.empty() ? "" : value.data();
  hs_scan(db, data, static_cast<unsigned int>(value.size()), 0, scratch, OnMatch, &matched);
  return matched;
}

}  // namespace

std::optional<WhereNumber> ParseWhereNumber(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits = i;
  i = SkipDigits(text, i);
  if (i == digits) return std::nullopt;
  bool integer = true;
  if (i < text.size() && text[i] == '.') {
    size_t fraction = ++i;
    i = SkipDigits(text, i);
    if (i == fraction) return std::nullopt;
    integer = false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exponent = i;
    i = SkipDigits(text, i);
    if (i == exponent) return std::nullopt;
    integer = false;
  }
  if (i != text.size()) return std::nullopt;
  // from_chars takes no '+' sign.
  std::string_view number = text[0] == '+' ? text.substr(1) : text;
  const char* end = number.data() + number.size();
  WhereNumber result;
  auto [real_end, real_error] = std::from_chars(number.data(), end, result.real);
  if (real_error != std::errc() || real_end != end) return std::nullopt;
  if (integer) {
    auto [int_end, int_error] = std::from_chars(number.data(), end, result.integer);
    result.is_integer = int_error == std::errc() && int_end == end;  // else beyond int64_t
  }
  return result;
}

bool WildcardMatch(std::string_view pattern, std::string_view text) {
  // Greedy with backtracking to the last '*' only: O(pattern * text) at worst, no recursion.
  size_t p = 0, t = 0;
  size_t star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

WhereLiteral MakeLiteral(std::string text, bool wildcard) {
  WhereLiteral literal;
  if (wildcard && text.find('*') != std::string::npos) {
    literal.type = LiteralType::kWildcard;
  } else if (std::optional<WhereNumber> number = ParseWhereNumber(text)) {
    literal.type = LiteralType::kNumber;
    literal.number = *number;
  } else if (std::optional<TimeNs> time = ParseRfc3339(text)) {
    literal.type = LiteralType::kTime;
    literal.time = *time;
  } else if (std::optional<IpAddress> ip = IpAddress::Parse(text)) {
    literal.type = LiteralType::kIp;
    literal.ip = ip->Unmapped();
  }
  literal.text = std::move(text);
  return literal;
}

std::optional<int> CompareWithLiteral(const WhereLiteral& literal, std::string_view value) {
  switch (literal.type) {
    case LiteralType::kNumber: {
      std::optional<WhereNumber> number = ParseWhereNumber(value);
      if (!number) return std::nullopt;
      return CompareNumbers(*number, literal.number);
    }
    case LiteralType::kTime: {
      std::optional<TimeNs> time = ParseRfc3339(value);
      if (!time) return std::nullopt;
      return Sign(*time, literal.time);
    }
    case LiteralType::kIp: {
      std::optional<IpAddress> ip = IpAddress::Parse(value);
      if (!ip) return std::nullopt;
      IpAddress unmapped = ip->Unmapped();
      if (unmapped.family() != literal.ip.family()) return std::nullopt;
      return Sign(unmapped, literal.ip);
    }
    case LiteralType::kText:
    case LiteralType::kWildcard:
      break;
  }
  int order = value.compare(literal.text);  // char_traits<char>: bytewise, as memcmp
  return (order > 0) - (order < 0);
}

bool ValueMatches(const WhereCondition& condition, std::string_view value, hs_scratch_t* scratch) {
  const WhereLiteral& literal = condition.literal;
  std::optional<int> order;
  switch (condition.op) {
    case WhereOp::kEq:
    case WhereOp::kNe:
      if (literal.type == LiteralType::kWildcard) return WildcardMatch(literal.text, value);
      order = CompareWithLiteral(literal, value);
      return order && *order == 0;
    case WhereOp::kLt:
      order = CompareWithLiteral(literal, value);
      return order && *order < 0;
    case WhereOp::kLe:
      order = CompareWithLiteral(literal, value);
      return order && *order <= 0;
    case WhereOp::kGt:
      order = CompareWithLiteral(literal, value);
      return order && *order > 0;
    case WhereOp::kGe:
      order = CompareWithLiteral(literal, value);
      return order && *order >= 0;
    case WhereOp::kRegex:
      return RegexMatches(condition.regex.get(), value, scratch);
    case WhereOp::kIn:
    case WhereOp::kNotIn:
      return InAnyCidr(condition.cidrs, value);
    case WhereOp::kExists:
      return true;
  }
  return false;
}

}  // namespace seckit::log_grep
