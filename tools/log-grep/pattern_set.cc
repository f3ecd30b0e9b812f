// Compiling -e/-f patterns into Hyperscan databases and scanning blocks of lines with them.
#include "pattern_set.h"

#include <cstring>
#include <new>

#include "regex_newline.h"
#include "regex_tail.h"

namespace seckit::log_grep {

// Two databases over the same patterns: `lines` finds that and where a match ends (fast, any
// pattern Hyperscan supports; regexes with their trailing repetition cut, see regex_tail.h, as
// it only selects lines); `spans` finds leftmost starts too (Hyperscan's SOM mode, slower
// and refusing some patterns), used only on lines already selected. One scratch serves both;
// a second thread brings a clone of it.
struct PatternSet::Databases {
  hs_database_t* lines = nullptr;
  hs_database_t* spans = nullptr;  // null when Hyperscan cannot track starts for the patterns
  hs_scratch_t* scratch = nullptr;
  bool may_span_lines = false;  // a block match may cover a "\n": confirm lines one by one
  ~Databases() {
    hs_free_scratch(scratch);
    hs_free_database(lines);
    hs_free_database(spans);
  }
};

namespace {

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// A literal as a regex: every byte that is not a letter or digit as \xHH.
std::string EscapeLiteral(std::string_view literal) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string regex;
  for (unsigned char c : literal) {
    if (IsWordByte(c) && c != '_') {
      regex.push_back(static_cast<char>(c));
    } else {
      regex += "\\x";
      regex.push_back(kHex[c >> 4]);
      regex.push_back(kHex[c & 15]);
    }
  }
  return regex;
}

// grep -w: no word byte right before or after the match. Hyperscan has no lookbehind, so the
// neighbours are part of the match; a line's edges count as non-word.
std::string WordWrapped(const std::string& regex) {
  return "(?:^|[^A-Za-z0-9_])(?:" + regex + ")(?:[^A-Za-z0-9_]|$)";
}

Status CompileError(hs_compile_error_t* error, const std::vector<std::string>& patterns) {
  std::string what = error->message;
  int index = error->expression;
  hs_free_compile_error(error);
  if (index >= 0 && static_cast<size_t>(index) < patterns.size()) {
    return Status::Usage("cannot use pattern '" + patterns[static_cast<size_t>(index)] +
                         "': " + what);
  }
  return Status::Usage("cannot compile the patterns: " + what);
}

struct CompileInput {
  std::vector<std::string> expressions;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  bool literal = false;
};

hs_database_t* Compile(const CompileInput& in, hs_compile_error_t** error) {
  std::vector<const char*> texts;
  std::vector<size_t> lengths;
  for (const std::string& e : in.expressions) {
    texts.push_back(e.c_str());
    lengths.push_back(e.size());
  }
  hs_database_t* db = nullptr;
  auto count = static_cast<unsigned>(texts.size());
  hs_error_t rc =
      in.literal ? hs_compile_lit_multi(texts.data(), in.flags.data(), in.ids.data(),
                                        lengths.data(), count, HS_MODE_BLOCK, nullptr, &db, error)
                 : hs_compile_multi(texts.data(), in.flags.data(), in.ids.data(), count,
                                    HS_MODE_BLOCK, nullptr, &db, error);
  return rc == HS_SUCCESS ? db : nullptr;
}

bool MatchesEmpty(const std::string& regex, unsigned flags) {
  hs_expr_info_t* info = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_expression_info(regex.c_str(), flags, &info, &error) != HS_SUCCESS) {
    hs_free_compile_error(error);
    return false;  // the real compile reports it
  }
  bool empty = info->min_width == 0;
  std::free(info);
  return empty;
}

// State of one block scan: the candidate lines found so far.
struct BlockScan {
  std::string_view block;
  std::vector<LineSpan>* lines;
  size_t covered = 0;  // every match ending before this offset is in a line already taken
};

int OnBlockMatch(unsigned, unsigned long long, unsigned long long to, unsigned, void* context) {
  auto* scan = static_cast<BlockScan*>(context);
  size_t last = to > 0 ? static_cast<size_t>(to) - 1 : 0;  // the match's last byte
  if (last < scan->covered) return 0;
  const char* base = scan->block.data();
  size_t begin = scan->covered;
  if (last > begin) {
    const void* newline = memrchr(base + begin, '\n', last - begin);
    if (newline != nullptr) begin = static_cast<size_t>(static_cast<const char*>(newline) - base) + 1;
  }
  const void* newline = std::memchr(base + last, '\n', scan->block.size() - last);
  size_t end = newline != nullptr ? static_cast<size_t>(static_cast<const char*>(newline) - base)
                                  : scan->block.size();
  scan->lines->push_back({begin, end});
  scan->covered = end + 1;
  return scan->covered >= scan->block.size() ? 1 : 0;
}

int OnFirstMatch(unsigned, unsigned long long, unsigned long long, unsigned, void*) {
  return 1;  // one is enough: stop the scan
}

struct SpanScan {
  std::string_view line;
  bool word = false;
  std::vector<PatternMatch>* matches;
  std::vector<bool>* seen;
};

int OnSpan(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* context) {
  auto* scan = static_cast<SpanScan*>(context);
  if ((*scan->seen)[id]) return 0;
  size_t begin = static_cast<size_t>(from), end = static_cast<size_t>(to);
  if (scan->word) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(scan->line.data());
    if (begin > 0 && IsWordByte(bytes[begin - 1])) return 0;
    if (end < scan->line.size() && IsWordByte(bytes[end])) return 0;
  }
  (*scan->seen)[id] = true;
  scan->matches->push_back({id, begin, end - begin});
  return 0;
}

}  // namespace

PatternSet::PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;
PatternSet::~PatternSet() = default;

Result<PatternSet> PatternSet::Compile(std::vector<std::string> patterns,
                                       const PatternOptions& options) {
  PatternSet set;
  set.patterns_ = std::move(patterns);
  set.options_ = options;
  if (set.patterns_.empty()) return set;
  set.db_ = std::make_unique<Databases>();

  unsigned common = options.ignore_case ? HS_FLAG_CASELESS : 0;
  bool literal = options.fixed && !options.word;
  CompileInput lines{{}, {}, {}, literal};
  CompileInput spans{{}, {}, {}, options.fixed};
  for (size_t i = 0; i < set.patterns_.size(); ++i) {
    const std::string& pattern = set.patterns_[i];
    std::string regex = options.fixed ? EscapeLiteral(pattern) : pattern;
    if (pattern.empty() || (!options.fixed && MatchesEmpty(regex, common))) {
      set.matches_every_line_ = true;
    }
    if (pattern.empty()) continue;  // Hyperscan has no empty literal; it matches everything
    if (!literal && (options.word || CanMatchNewline(regex))) set.db_->may_span_lines = true;
    lines.expressions.push_back(literal          ? pattern
                                : options.word ? WordWrapped(regex)
                                               : WithoutTrailingRepeat(regex));
    lines.flags.push_back(common | (literal ? 0 : HS_FLAG_MULTILINE | HS_FLAG_ALLOWEMPTY));
    lines.ids.push_back(static_cast<unsigned>(i));
    spans.expressions.push_back(options.fixed ? pattern : regex);
    spans.flags.push_back(common | HS_FLAG_SOM_LEFTMOST | (options.fixed ? 0 : HS_FLAG_ALLOWEMPTY));
    spans.ids.push_back(static_cast<unsigned>(i));
  }
  if (lines.expressions.empty()) return set;

  hs_compile_error_t* error = nullptr;
  set.db_->lines = log_grep::Compile(lines, &error);
  if (set.db_->lines == nullptr) return CompileError(error, set.patterns_);
  if (hs_alloc_scratch(set.db_->lines, &set.db_->scratch) != HS_SUCCESS) {
    return Status::Internal("cannot allocate Hyperscan scratch space");
  }
  set.db_->spans = log_grep::Compile(spans, &error);
  if (set.db_->spans == nullptr) {
    hs_free_compile_error(error);  // matching still works; reports say less (see Explain)
  } else if (hs_alloc_scratch(set.db_->spans, &set.db_->scratch) != HS_SUCCESS) {
    return Status::Internal("cannot allocate Hyperscan scratch space");
  }
  return set;
}

PatternSet::Scratch PatternSet::CloneScratch() const {
  hs_scratch_t* clone = nullptr;
  if (db_ == nullptr || db_->scratch == nullptr) return Scratch();
  // Cloning only allocates: its one failure is running out of memory.
  if (hs_clone_scratch(db_->scratch, &clone) != HS_SUCCESS) throw std::bad_alloc();
  return Scratch(clone);
}

void PatternSet::MatchingLines(std::string_view block, std::vector<LineSpan>& lines,
                               hs_scratch_t* scratch) const {
  if (empty() || block.empty()) return;
  if (matches_every_line_ || db_->lines == nullptr) {
    size_t begin = 0;
    while (begin < block.size()) {
      const void* newline = std::memchr(block.data() + begin, '\n', block.size() - begin);
      size_t end = newline != nullptr
                       ? static_cast<size_t>(static_cast<const char*>(newline) - block.data())
                       : block.size();
      lines.push_back({begin, end});
      begin = end + 1;
    }
    return;
  }
  size_t first = lines.size();
  BlockScan scan{block, &lines};
  hs_scan(db_->lines, block.data(), static_cast<unsigned>(block.size()), 0,
          scratch != nullptr ? scratch : db_->scratch, OnBlockMatch, &scan);
  // A literal without "\n", or a regex that cannot match one, never spans lines. Otherwise (\s,
  // [^x] and -w's edges match "\n") keep the lines that match on their own.
  if (!db_->may_span_lines) return;
  size_t kept = first;
  for (size_t i = first; i < lines.size(); ++i) {
    if (Matches(block.substr(lines[i].begin, lines[i].end - lines[i].begin), scratch)) {
      lines[kept++] = lines[i];
    }
  }
  lines.resize(kept);
}

bool PatternSet::Matches(std::string_view line, hs_scratch_t* scratch) const {
  if (empty()) return false;
  if (matches_every_line_) return true;
  return hs_scan(db_->lines, line.data(), static_cast<unsigned>(line.size()), 0,
                 scratch != nullptr ? scratch : db_->scratch, OnFirstMatch,
                 nullptr) == HS_SCAN_TERMINATED;
}

void PatternSet::Explain(std::string_view line, std::vector<PatternMatch>& matches,
                         hs_scratch_t* scratch) const {
  if (empty() || db_->spans == nullptr) return;
  std::vector<bool> seen(patterns_.size(), false);
  SpanScan scan{line, options_.word, &matches, &seen};
  hs_scan(db_->spans, line.data(), static_cast<unsigned>(line.size()), 0,
          scratch != nullptr ? scratch : db_->scratch, OnSpan, &scan);
}

}  // namespace seckit::log_grep
