// CanMatchNewline decides whether block matches need a second scan per line: a wrong "false"
// would let a match span two lines, so every doubtful construct must answer true.
#include "regex_newline.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pattern_set.h"

namespace seckit::log_grep {
namespace {

TEST(CanMatchNewline, PlainRegexesCannot) {
  for (const char* regex :
       {"Failed password for (invalid user )?\\w+", "POST /[a-z]+\\.php", " 50[0-9] ",
        "sqlmap|nikto|nmap", "a.b", "[[:alpha:]_]+", "x{2,3}", "[]a-]", "\\x41", "^foo$",
        "\\bword\\b", "(?:ab)+", "\\d+\\.\\d+"}) {
    EXPECT_FALSE(CanMatchNewline(regex)) << regex;
  }
}

TEST(CanMatchNewline, AnythingThatMightCan) {
  for (const char* regex :
       {"a\\sb", "[^x]", "(?s)a.b", "(?i)x", "\\W", "\\D", "a\nb", "\\x0a", "\\x0A", "\\n",
        "[\\s]", "[[:space:]]", "[[:cntrl:]]", "[\\x00-\\x7f]", "[ -\\x7f]", "[\t-z]", "[\\w-z]",
        "[\\b]", "\\v", "\\R", "\\N", "\\h", "\\Qa\\E", "\\p{Cc}", "\\012", "\\cJ", "\\Aabc",
        "\\", "[abc", "\xc3\xa9"}) {
    EXPECT_TRUE(CanMatchNewline(regex)) << regex;
  }
}

std::vector<std::string> Matching(const std::vector<std::string>& patterns,
                                  std::string_view block, const PatternOptions& options = {}) {
  Result<PatternSet> set = PatternSet::Compile(patterns, options);
  EXPECT_TRUE(set.ok());
  std::vector<LineSpan> spans;
  set->MatchingLines(block, spans);
  std::vector<std::string> lines;
  for (const LineSpan& s : spans) lines.emplace_back(block.substr(s.begin, s.end - s.begin));
  return lines;
}

TEST(PatternSet, MatchesNeverSpanLines) {
  const std::string block = "a b\nc d\nfoo\nbar baz\n";
  EXPECT_TRUE(Matching({"b\\sc"}, block).empty());
  EXPECT_TRUE(Matching({"b[^x]c"}, block).empty());
  EXPECT_TRUE(Matching({"o\\Wb"}, block).empty());
  EXPECT_EQ(Matching({"b\\sc", "ba."}, block), std::vector<std::string>{"bar baz"});
  EXPECT_EQ(Matching({"^c", "o$"}, block), (std::vector<std::string>{"c d", "foo"}));
  EXPECT_EQ(Matching({"\\bd\\b", "fo+"}, block), (std::vector<std::string>{"c d", "foo"}));
  PatternOptions word;
  word.word = true;
  EXPECT_EQ(Matching({"b"}, block, word), std::vector<std::string>{"a b"});
}

}  // namespace
}  // namespace seckit::log_grep
