// The readings of a regex's syntax PatternSet relies on. CanMatchNewline decides whether block
// matches need a second scan per line: a wrong "false" would let a match span two lines, so every
// doubtful construct must answer true. WithoutTrailingRepeat may only drop what cannot change
// which lines match: the cases below pin what it cuts and what it must leave alone, and a
// randomized test checks the lines PatternSet selects against std::regex (an independent engine)
// running the uncut patterns.
#include "regex_newline.h"
#include "regex_tail.h"

#include <gtest/gtest.h>

#include <random>
#include <regex>
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


TEST(WithoutTrailingRepeat, CutsWhatALineDoesNotNeed) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Failed password for (invalid user )?\\w+", "Failed password for (invalid user )?\\w"},
      {"POST /[a-z]+", "POST /[a-z]"},
      {"ab*", "a"},
      {"ab?", "a"},
      {"ab+c*d?", "ab"},
      {"x|y+", "x|y"},
      {"(ab|cd)+", "(ab|cd)"},
      {"(?:ab)c*", "(?:ab)"},
      {"a\\x41+", "a\\x41"},
      {"a\\.+", "a\\."},
      {"a[]x]+", "a[]x]"},
      {"a[[:digit:]]*", "a"},
      {"\\bid=\\d+", "\\bid=\\d"},
      {"k.*", "k"},
  };
  for (const auto& [regex, cut] : cases) EXPECT_EQ(WithoutTrailingRepeat(regex), cut) << regex;
}

TEST(WithoutTrailingRepeat, LeavesAloneWhatItCannotReadOrMustKeep) {
  for (const char* regex :
       {"abc", "a+?", "a*?", "a??", "a++", "a*+", "a{2,}", "x{1}+", "(?i)ab+", "(?x)a # b+",
        "\\Qa+\\E+", "a\\1+", "\\p{L}+", "a\\x{41}+", "x|y*", "^a*", "a?", "(ab)*", "(a|b)?",
        "a$", "a\\+", "[a+]", "[abc", "a\\", "\\ba+\\b"}) {
    EXPECT_EQ(WithoutTrailingRepeat(regex), regex) << regex;
  }
}

// Random patterns over a few pieces both engines read alike, on random lines.
std::string RandomRegex(std::mt19937& rng) {
  static const std::vector<std::string> kAtoms = {"a", "b", "1", "-", ".", "\\w", "\\d",
                                                  "[ab]", "[^a]", "(?:ab)", "(?:a|1)"};
  static const std::vector<std::string> kQuantifiers = {"", "", "+", "*", "?", "+?", "*?"};
  std::string regex;
  const int pieces = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < pieces; ++i) {
    regex += kAtoms[rng() % kAtoms.size()];
    regex += kQuantifiers[rng() % kQuantifiers.size()];
  }
  if (rng() % 4 == 0) regex = "b|" + regex;
  return regex;
}

std::string RandomLine(std::mt19937& rng) {
  static const std::string kBytes = "ab1- _";
  std::string line;
  const size_t length = rng() % 8;
  for (size_t i = 0; i < length; ++i) line.push_back(kBytes[rng() % kBytes.size()]);
  return line;
}

TEST(WithoutTrailingRepeat, PatternSetSelectsTheLinesStdRegexDoes) {
  std::mt19937 rng(20261207);
  for (int round = 0; round < 400; ++round) {
    const std::string pattern = RandomRegex(rng);
    std::regex reference(pattern, std::regex::ECMAScript);
    Result<PatternSet> set = PatternSet::Compile({pattern}, {});
    ASSERT_TRUE(set.ok()) << pattern;
    std::string block;
    std::vector<std::string> expected;
    for (int i = 0; i < 30; ++i) {
      std::string line = RandomLine(rng);
      if (std::regex_search(line, reference)) expected.push_back(line);
      block += line + "\n";
    }
    std::vector<LineSpan> spans;
    set->MatchingLines(block, spans);
    std::vector<std::string> selected;
    for (const LineSpan& s : spans) selected.push_back(block.substr(s.begin, s.end - s.begin));
    ASSERT_EQ(selected, expected) << "pattern " << pattern << " (compiled as "
                                  << WithoutTrailingRepeat(pattern) << ")";
  }
}

}  // namespace
}  // namespace seckit::log_grep
