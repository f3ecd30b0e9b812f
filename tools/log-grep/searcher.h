// Searcher: selects the lines of one input by patterns, indicators, --where and time, and hands
// them to the output.
#ifndef SECKIT_LOG_GREP_SEARCHER_H_
#define SECKIT_LOG_GREP_SEARCHER_H_

#include <simdjson.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ioc_matcher.h"
#include "log_event.h"
#include "pattern_set.h"
#include "selected_line.h"
#include "seckit/input.h"
#include "seckit/line_reader.h"
#include "seckit/tool_main.h"
#include "where_expr.h"

namespace seckit::log_grep {

// What decides whether a line is selected. A line is selected when a pattern or an indicator
// matches it (any, when neither is given), inverted by -v, and then --where and the time range
// hold.
struct Selection {
  PatternSet patterns;
  IocMatcher iocs;
  std::optional<WhereExpr> where;
  std::optional<TimeNs> since, until;
  bool invert = false;
  uint64_t max_count = 0;
  LogFormat format = LogFormat::kAuto;
};

// How selected lines are reported.
enum class Report { kRecords, kCount, kFileNames };

struct SearchResult {
  uint64_t selected = 0;
  uint64_t end_offset = 0;  // just past the last complete line read
  uint64_t lines = 0;       // lines before end_offset (when line numbers were counted)
  bool reached_end = false; // read to the end of the input (not stopped by -l or -m)
};

class Searcher {
 public:
  Searcher(const Selection& selection, Report report, Io& io, JsonLineWriter* json,
           TextLineWriter* text, TimeNs run_time);
  ~Searcher();

  // Searches `source` from where it stands (`offset` bytes and `line_number` lines in). With
  // `complete_lines_only`, a last line without its newline is left for the next run (--state).
  // Counts lines even when nothing needs their numbers (--state keeps them).
  void set_count_lines(bool always) { count_lines_always_ = always; }
  // --threads: with 2 or more, blocks of lines are split between this thread and a helper
  // (see CanSplit in searcher.cc).
  void set_threads(size_t threads) { threads_ = threads; }

  Status Search(InputSource& source, const std::string& path, uint64_t offset,
                uint64_t line_number, bool complete_lines_only, SearchResult& result);

 private:
  struct FileContext;
  Status SearchBlock(FileContext& file, std::string_view block, uint64_t block_offset);
  // Whether a block of `file` may be split between two threads, and SearchBlock on the halves.
  bool CanSplit(const FileContext& file, size_t block_size) const;
  Status SearchSplit(FileContext& file, std::string_view block, uint64_t block_offset);
  // Waits for the part of a block handed to the helper, counts and writes what it found.
  Status FinishHelper(FileContext& file);
  // Waits for it and drops what it found (leaving on an error).
  void AbandonHelper() noexcept;
  // Reports a line the reader cut (longer than its limit); true when its kept start is searched.
  bool SearchCutLine(FileContext& file, const LineBlock& block);
  // Decides about one line; false when the file is done (-l, --max-count).
  bool Consider(FileContext& file, std::string_view block, LineSpan span, uint64_t block_offset,
                std::vector<IocHit>* known_hits);
  bool ParseFor(FileContext& file, std::string_view text, uint64_t number);
  bool InTimeRange(const FileContext& file) const;

  const Selection& selection_;
  Report report_;
  Io& io_;
  JsonLineWriter* json_;
  TextLineWriter* text_;
  TimeNs run_time_;

  bool count_lines_always_ = false;
  size_t threads_ = 1;
  struct Twin;                  // the helper's own Searcher, writing into memory
  std::unique_ptr<Twin> twin_;  // made at the first split
  PatternSet::Scratch scratch_;  // the helper's: null on the first thread (the set's own)
  Status failure_;  // set when --strict stops at a bad line

  // Reused between lines.
  std::vector<LineSpan> candidates_;
  std::vector<PatternMatch> pattern_matches_;
  std::vector<IocHit> ioc_hits_;
  LogEvent event_;
  simdjson::dom::parser json_parser_;
  simdjson::dom::element record_;
};

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_SEARCHER_H_
