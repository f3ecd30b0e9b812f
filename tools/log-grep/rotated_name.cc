// Parsing rotated log file names and ordering rotated sets oldest first.
#include "rotated_name.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "seckit/text.h"

namespace seckit::log_grep {
namespace {

constexpr std::array<std::string_view, 6> kCompressionSuffixes = {".gz",  ".zst", ".xz",
                                                                  ".bz2", ".lz4", ".Z"};

bool IsStampChar(char c) { return IsAsciiDigit(c) || c == '-' || c == '_'; }

// Splits NAME into BASE and STAMP when NAME is "BASE.STAMP" or "BASE-STAMP"; false otherwise.
bool SplitStamp(std::string_view name, std::string_view& base, std::string_view& stamp) {
  size_t start = name.size();
  while (start > 0 && IsStampChar(name[start - 1])) --start;
  size_t separator;  // index of the '.' or '-' between base and stamp
  if (start > 0 && name[start - 1] == '.') {
    separator = start - 1;
  } else if (start < name.size() && name[start] == '-') {
    separator = start;
  } else {
    return false;
  }
  std::string_view digits = name.substr(separator + 1);
  if (separator == 0 || digits.empty() || !IsAsciiDigit(digits.front()) ||
      !IsAsciiDigit(digits.back())) {
    return false;
  }
  base = name.substr(0, separator);
  stamp = digits;
  return true;
}

bool LooksLikeDate(std::string_view stamp) {
  size_t digits = 0;
  for (char c : stamp) {
    if (!IsAsciiDigit(c)) return true;  // "2026-11-24"
    ++digits;
  }
  return digits >= 6;
}

// Compares digit strings as numbers of any length; separators inside are ignored.
int CompareNumbers(std::string_view a, std::string_view b) {
  auto normalize = [](std::string_view text) {
    std::string digits;
    for (char c : text) {
      if (IsAsciiDigit(c) && !(digits.empty() && c == '0')) digits.push_back(c);
    }
    return digits;
  };
  std::string x = normalize(a), y = normalize(b);
  if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
  return x.compare(y) < 0 ? -1 : (x == y ? 0 : 1);
}

std::pair<std::string_view, std::string_view> SplitPath(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return {std::string_view(), path};
  return {path.substr(0, slash + 1), path.substr(slash + 1)};
}

}  // namespace

RotatedName ParseRotatedName(std::string_view file_name) {
  RotatedName result;
  result.base = file_name;
  std::string_view name = file_name;
  std::string_view compression;
  for (std::string_view suffix : kCompressionSuffixes) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      compression = name.substr(name.size() - suffix.size());
      name.remove_suffix(suffix.size());
      break;
    }
  }
  std::string_view base, stamp;
  if (!SplitStamp(name, base, stamp)) return result;  // a live file, compressed suffix or not
  result.base = base;
  result.stamp = stamp;
  result.compression = compression;
  result.kind = LooksLikeDate(stamp) ? RotatedName::Kind::kDated : RotatedName::Kind::kNumbered;
  return result;
}

bool RotatedBefore(std::string_view a_name, std::string_view b_name) {
  RotatedName a = ParseRotatedName(a_name), b = ParseRotatedName(b_name);
  if (a.kind != b.kind) return a.kind < b.kind;
  int order = 0;
  if (a.kind == RotatedName::Kind::kNumbered) order = -CompareNumbers(a.stamp, b.stamp);
  if (a.kind == RotatedName::Kind::kDated) order = CompareNumbers(a.stamp, b.stamp);
  if (order != 0) return order < 0;
  return a_name < b_name;
}

void OrderRotatedSets(std::vector<std::string>& paths) {
  // Group key: the directory as written and the rotation base. "-" never groups.
  std::map<std::pair<std::string, std::string>, size_t> group_of_key;
  std::vector<std::vector<std::string>> groups;
  std::vector<size_t> order;  // group index at each group's first position
  for (std::string& path : paths) {
    size_t index;
    if (path == "-") {
      index = groups.size();
      groups.emplace_back();
      order.push_back(index);
    } else {
      auto [dir, name] = SplitPath(path);
      std::pair<std::string, std::string> key(dir, ParseRotatedName(name).base);
      auto [it, inserted] = group_of_key.try_emplace(std::move(key), groups.size());
      index = it->second;
      if (inserted) {
        groups.emplace_back();
        order.push_back(index);
      }
    }
    groups[index].push_back(std::move(path));
  }
  paths.clear();
  for (size_t index : order) {
    std::vector<std::string>& group = groups[index];
    std::stable_sort(group.begin(), group.end(), [](const std::string& a, const std::string& b) {
      return RotatedBefore(SplitPath(a).second, SplitPath(b).second);
    });
    for (std::string& path : group) paths.push_back(std::move(path));
  }
}

}  // namespace seckit::log_grep
