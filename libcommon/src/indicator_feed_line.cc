// Plain feed lines: comments, columns and defanged entries around one indicator.
#include <algorithm>

#include "seckit/indicators.h"

namespace seckit {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return text;
}

// The first blank other than CR in `text`, or text.size(). A loop, not find_first_of: lines
// are short, and find_first_of runs memchr once per character of the set.
size_t FindBlank(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f') return i;
  }
  return text.size();
}

// Trims a separator (';' ',' and blanks) off the start of a column's rest.
std::string_view TrimSeparators(std::string_view text) {
  while (!text.empty() && (IsBlank(text.front()) || text.front() == ';' || text.front() == ',')) {
    text.remove_prefix(1);
  }
  return Trim(text);
}

}  // namespace

FeedLine ParseFeedLine(std::string_view line) {
  FeedLine out;
  if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  std::string_view text = Trim(line);
  std::string_view comment;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '#' && (i == 0 || IsBlank(text[i - 1]))) {
      comment = Trim(text.substr(i + 1));
      text = Trim(text.substr(0, i));
      break;
    }
  }
  if (text.empty()) return out;
  out.blank = false;
  out.note = comment;
  const size_t blank = FindBlank(text);
  if (blank == text.size() || text.find_first_of("[({") != std::string_view::npos) {
    if ((out.indicator = Classify(text))) return out;
  }
  const std::string_view first = text.substr(0, blank);
  if (blank != text.size()) {
    if ((out.indicator = Classify(first))) {
      if (comment.empty()) out.note = TrimSeparators(text.substr(blank));
      return out;
    }
  }
  const size_t cut = first.find_first_of(";,");
  if (cut != std::string_view::npos && cut > 0) {
    out.indicator = Classify(first.substr(0, cut));
    if (out.indicator && comment.empty()) out.note = TrimSeparators(text.substr(cut + 1));
  }
  return out;
}

}  // namespace seckit
