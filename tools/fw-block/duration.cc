// ParseDuration: the --ttl grammar.
#include "duration.h"

namespace seckit::fw_block {
namespace {

constexpr int64_t kMaxSeconds = 10LL * 366 * 86400;

std::optional<int64_t> UnitSeconds(char unit) {
  switch (unit) {
    case 's':
      return 1;
    case 'm':
      return 60;
    case 'h':
      return 3600;
    case 'd':
      return 86400;
    case 'w':
      return 7 * 86400;
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<int64_t> ParseDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    int64_t number = 0;
    const size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      number = number * 10 + (text[i] - '0');
      if (number > kMaxSeconds) return std::nullopt;
      ++i;
    }
    if (i == start) return std::nullopt;  // a unit without a number, or junk
    int64_t unit = 1;
    if (i < text.size()) {
      const std::optional<int64_t> u = UnitSeconds(text[i]);
      if (!u) return std::nullopt;
      unit = *u;
      ++i;
    } else if (start != 0) {
      return std::nullopt;  // "1h30": a bare number only stands alone
    }
    total += number * unit;
    if (total > kMaxSeconds) return std::nullopt;
  }
  if (total <= 0) return std::nullopt;
  return total;
}

}  // namespace seckit::fw_block
