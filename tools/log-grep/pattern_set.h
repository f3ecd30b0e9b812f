// PatternSet: log-grep's -e/-f patterns compiled together with Hyperscan, scanned over whole
// blocks of lines at once.
#ifndef SECKIT_LOG_GREP_PATTERN_SET_H_
#define SECKIT_LOG_GREP_PATTERN_SET_H_

#include <hs/hs.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/status.h"

namespace seckit::log_grep {

struct PatternOptions {
  bool fixed = false;        // -F: patterns are literal strings
  bool ignore_case = false;  // -i: ASCII case-insensitive
  bool word = false;         // -w: a match must not touch a letter, digit or '_' on either side
};

// A line of a block, as offsets into the block; `end` is the offset of its "\n" (or the block's
// end for a last line without one).
struct LineSpan {
  size_t begin = 0;
  size_t end = 0;
};

// Where a pattern matched in a line.
struct PatternMatch {
  uint32_t pattern = 0;  // index into patterns()
  size_t offset = 0;
  size_t length = 0;
};

class PatternSet {
 public:
  // Compiles the patterns (POSIX-extended-like regexes in Hyperscan's PCRE subset, or literals
  // with `fixed`). A pattern Hyperscan cannot compile (back-references, lookaround, …) is a usage
  // error naming it. With no patterns the set is empty() and matches nothing.
  static Result<PatternSet> Compile(std::vector<std::string> patterns,
                                    const PatternOptions& options);

  PatternSet();  // empty: matches nothing
  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;
  ~PatternSet();

  bool empty() const { return patterns_.empty(); }
  // Hyperscan's scratch space is for one thread at a time. The set has its own, used when the
  // calls below are given none; a second thread scanning at the same time passes a clone of it.
  struct FreeScratch {
    void operator()(hs_scratch_t* scratch) const { hs_free_scratch(scratch); }
  };
  using Scratch = std::unique_ptr<hs_scratch_t, FreeScratch>;
  Scratch CloneScratch() const;  // null when the set scans nothing
  const std::vector<std::string>& patterns() const { return patterns_; }

  // Appends the lines of `block` (whole lines, see LineReader::NextBlock) that match any pattern,
  // in order. One Hyperscan pass over the block finds candidates; regex candidates are confirmed
  // on the line alone, so a match never spans lines.
  void MatchingLines(std::string_view block, std::vector<LineSpan>& lines,
                     hs_scratch_t* scratch = nullptr) const;

  // Whether `line` (without its "\n") matches any pattern.
  bool Matches(std::string_view line, hs_scratch_t* scratch = nullptr) const;

  // Each pattern's first match in `line` (with its leftmost start), in the order found. For
  // reporting and colouring, on lines already selected. Empty when Hyperscan cannot track match
  // starts for these patterns (some complex regexes): the line is still selected.
  void Explain(std::string_view line, std::vector<PatternMatch>& matches,
               hs_scratch_t* scratch = nullptr) const;

 private:
  struct Databases;

  std::vector<std::string> patterns_;
  PatternOptions options_;
  bool matches_every_line_ = false;  // some pattern matches the empty string (grep -e '')
  std::unique_ptr<Databases> db_;
};

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_PATTERN_SET_H_
