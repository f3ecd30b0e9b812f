// The search loop: blocks of whole lines, one Hyperscan pass per block, then per-line checks
// only where something matched.
#include "searcher.h"

#include <algorithm>
#include <cstring>

#include "helper_thread.h"
#include "input_set.h"
#include "log_parsers.h"
#include "seckit/diag.h"
#include "seckit/interrupt.h"
#include "seckit/output.h"
#include "seckit/text.h"

namespace seckit::log_grep {
namespace {

constexpr size_t kReadBuffer = 1 << 20;
constexpr size_t kDetectLines = 32;
// Smaller blocks (a pipe's trickle) are not worth handing half of to the helper.
constexpr size_t kMinSplitBlock = size_t{64} * 1024;

LogFormat Detect(std::string_view block) {
  std::vector<std::string_view> sample;
  size_t begin = 0;
  while (begin < block.size() && sample.size() < kDetectLines) {
    size_t end = block.find('\n', begin);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) sample.push_back(line);
    begin = end + 1;
  }
  return DetectFormat(sample);
}

size_t CountNewlines(std::string_view text) { return CountByte(text, '\n'); }

std::string_view WithoutCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// --where over a parsed text line: its fields and the ones every record has.
class EventFields : public FieldSource {
 public:
  EventFields(const LogEvent& event, std::string_view original, std::string_view dataset,
              std::string_view path)
      : event_(event), original_(original), dataset_(dataset), path_(path) {}
  void Values(const FieldPath& path, std::vector<std::string>& out) const override {
    const std::string& name = path.dotted();
    if (name == "event.original" || name == "message") {
      if (name == "message" && event_.Find("message") != nullptr) {
        out.push_back(event_.Find("message")->text);
      } else {
        out.emplace_back(original_);
      }
      return;
    }
    if (name == "event.dataset") out.emplace_back(dataset_);
    if (name == "log.file.path" && !path_.empty()) out.emplace_back(path_);
    for (const LogField& field : event_.fields()) {
      if (field.key != name) continue;
      out.push_back(field.is_number ? std::to_string(field.number) : field.text);
    }
  }

 private:
  const LogEvent& event_;
  std::string_view original_, dataset_, path_;
};

class JsonFields : public FieldSource {
 public:
  explicit JsonFields(simdjson::dom::element root) : root_(root) {}
  void Values(const FieldPath& path, std::vector<std::string>& out) const override {
    CollectTexts(root_, path, out);
  }

 private:
  simdjson::dom::element root_;
};

}  // namespace

struct Searcher::FileContext {
  const std::string& path;  // as given; "-" for standard input
  std::string display;      // log.file.path: empty for standard input
  LogFormat format = LogFormat::kAuto;
  TimeNs reference = 0;     // for syslog lines without a year
  bool count_lines = true;
  uint64_t line_base = 0;   // lines before the current block
  size_t counted_to = 0;    // in the current block: newlines before here are in counted_lines
  uint64_t counted_lines = 0;
  uint64_t selected = 0;
  bool done = false;
  // What ParseFor found for the current line.
  bool parsed_event = false;
  bool parsed_json = false;
};

// The helper's part of a split block goes through a Searcher of its own (its own parsed event,
// JSON writer, layout caches and Hyperscan scratch) that writes into memory; the owner writes
// that out after its own part, so the records keep the order of the lines.
struct Searcher::Twin {
  explicit Twin(const Searcher& owner)
      : out(OutputStream::InMemory(owner.io_.out.name())),
        io{owner.io_.common, owner.io_.diag, *out, owner.io_.config},
        json(*out, owner.run_time_),
        searcher(owner.selection_, owner.report_, io, owner.json_ != nullptr ? &json : nullptr,
                 nullptr, owner.run_time_) {
    searcher.scratch_ = owner.selection_.patterns.CloneScratch();
  }

  std::unique_ptr<OutputStream> out;
  Io io;
  JsonLineWriter json;
  Searcher searcher;
  // The part handed over last: its lines' context, and the outcome once it is searched.
  std::optional<FileContext> file;
  Status status;
  bool pending = false;  // handed over, not yet finished (FinishHelper)
  double share = 0.5;    // of each block, searched by the owner (see SearchSplit)
  HelperThread thread;   // last: stopped before the rest goes
};

Searcher::Searcher(const Selection& selection, Report report, Io& io, JsonLineWriter* json,
                   TextLineWriter* text, TimeNs run_time)
    : selection_(selection), report_(report), io_(io), json_(json), text_(text),
      run_time_(run_time) {}

Searcher::~Searcher() = default;

Status Searcher::Search(InputSource& source, const std::string& path, uint64_t offset,
                        uint64_t line_number, bool complete_lines_only, SearchResult& result) {
  FileContext file{path, path == "-" ? "" : path};
  file.format = selection_.format;
  file.reference = run_time_;
  // Line numbers go into records and into messages about bad JSON lines.
  file.count_lines = count_lines_always_ || report_ == Report::kRecords || selection_.where ||
                     selection_.since || selection_.until;
  file.line_base = line_number;
  result.end_offset = offset;
  LineReader reader(source, kReadBuffer);
  reader.SetPosition(offset, line_number);
  reader.set_keep_previous_block(threads_ >= 2);  // the helper searches on in the last block
  // The helper may still be searching part of the last block, in the reader's buffers: every
  // way out waits for it (the normal one with FinishHelper, keeping what it found).
  struct HelperStop {
    Searcher& searcher;
    ~HelperStop() { searcher.AbandonHelper(); }
  } helper_stop{*this};
  LineBlock block;
  bool first = true;
  while (!file.done && reader.NextBlock(block)) {
    if (Interrupted()) return Status::Interrupted();
    if (!io_.out.healthy()) return io_.out.status();
    if (first) {
      first = false;
      auto bytes = reinterpret_cast<const uint8_t*>(block.text.data());
      if (offset == 0 && LooksBinary(std::span<const uint8_t>(bytes, block.text.size()))) {
        io_.diag.Warning("binary file skipped", source.name());
        return Status::Ok();
      }
      if (file.format == LogFormat::kAuto) file.format = Detect(block.text);
    }
    std::string_view text = block.text;
    const bool search = !block.cut || SearchCutLine(file, block);
    if (!failure_.ok()) return failure_;
    if (complete_lines_only && !block.cut && text.back() != '\n') {
      size_t last = text.rfind('\n');
      text = last == std::string_view::npos ? std::string_view() : text.substr(0, last + 1);
    }
    if (text.empty()) break;
    if (search) {
      Status status;
      if (!block.cut && CanSplit(file, text.size())) {
        status = SearchSplit(file, text, block.offset);
      } else {
        status = FinishHelper(file);  // its records come before this block's
        if (status.ok()) status = SearchBlock(file, text, block.offset);
      }
      if (!status.ok()) return status;
      if (!failure_.ok()) return failure_;
    }
    result.end_offset = block.offset + text.size();
    if (file.count_lines) {
      file.line_base += file.counted_lines + CountNewlines(text.substr(file.counted_to));
      if (text.back() != '\n') ++file.line_base;
    }
  }
  Status finished = FinishHelper(file);
  if (!finished.ok()) return finished;
  // After a cut last line, the end is past the rest of it that the reader dropped.
  if (block.cut && reader.status().ok()) result.end_offset = reader.position();
  if (!reader.status().ok()) io_.diag.Error(reader.status().message());
  result.reached_end = !file.done && reader.status().ok();
  result.selected = file.selected;
  result.lines = file.line_base;
  if (!failure_.ok()) return failure_;
  return reader.status().ok() ? Status::Ok() : Status(reader.status().code(), "");
}

bool Searcher::SearchCutLine(FileContext& file, const LineBlock& block) {
  file.counted_to = 0;  // SearchBlock may not run for it: its line is counted from the start
  file.counted_lines = 0;
  std::string where = file.display.empty() ? "(standard input)" : file.display;
  if (file.count_lines) where += ":" + std::to_string(file.line_base + 1);
  const std::string limit = std::to_string(LineReader::kDefaultMaxLine >> 20) + " MiB";
  if (file.format == LogFormat::kJson) {
    // Too long to parse within bounded memory: a bad JSON line, like a broken one.
    failure_ = io_.diag.BadInput("not a JSON object: the line is longer than " + limit, where);
    return false;
  }
  io_.diag.Warning("line at offset " + std::to_string(block.offset) + " is longer than " + limit +
                       ": only its first " + limit + " are searched",
                   where);
  return true;
}

Status Searcher::SearchBlock(FileContext& file, std::string_view block, uint64_t block_offset) {
  file.counted_to = 0;
  file.counted_lines = 0;
  candidates_.clear();
  const bool has_patterns = !selection_.patterns.empty();
  const bool has_iocs = !selection_.iocs.empty();
  if (has_patterns) selection_.patterns.MatchingLines(block, candidates_, scratch_.get());

  if (has_patterns && !has_iocs && !selection_.invert) {
    for (LineSpan span : candidates_) {
      if (!Consider(file, block, span, block_offset, nullptr)) return Status::Ok();
    }
    return Status::Ok();
  }
  // Every line is looked at: indicators, -v, or no pattern at all (--where alone).
  size_t next_candidate = 0;
  size_t begin = 0;
  while (begin < block.size()) {
    const void* newline = std::memchr(block.data() + begin, '\n', block.size() - begin);
    size_t end = newline != nullptr
                     ? static_cast<size_t>(static_cast<const char*>(newline) - block.data())
                     : block.size();
    LineSpan span{begin, end};
    begin = end + 1;
    bool matched = !has_patterns && !has_iocs;
    if (has_patterns && next_candidate < candidates_.size() &&
        candidates_[next_candidate].begin == span.begin) {
      matched = true;
      ++next_candidate;
    }
    std::vector<IocHit>* hits = nullptr;
    if (!matched && has_iocs) {
      std::string_view text = WithoutCr(block.substr(span.begin, span.end - span.begin));
      if (selection_.invert) {
        matched = selection_.iocs.AnyMatch(text);
      } else {
        ioc_hits_.clear();
        matched = selection_.iocs.Scan(text, ioc_hits_);
        hits = &ioc_hits_;
      }
    }
    if (matched == selection_.invert) continue;
    if (!Consider(file, block, span, block_offset, hits)) return Status::Ok();
  }
  return Status::Ok();
}

bool Searcher::CanSplit(const FileContext& file, size_t block_size) const {
  // The helper shares the selection: patterns (with its own scratch) and indicators are read
  // without changing anything, --where's regexes are not. -m and -l stop at a line the owner
  // must find first. Records (as JSON: text output is for a terminal) and counts only. Text
  // formats only: they report nothing about a line, whereas a bad JSON line is reported (and
  // stops --strict) in the order of the lines.
  const bool text_format = file.format == LogFormat::kSyslog ||
                           file.format == LogFormat::kAccess || file.format == LogFormat::kText;
  const bool report = report_ == Report::kCount || (report_ == Report::kRecords && json_);
  return threads_ >= 2 && block_size >= kMinSplitBlock && report && text_format &&
         selection_.max_count == 0 && !selection_.where;
}

// Blocks are split between this thread and the helper, pipelined: the helper searches the last
// part of block N while this thread reads block N+1 (the reader keeps block N readable), then
// this thread waits for it, writes what it found (after its own records of block N), hands it
// the last part of block N+1 and searches the first part itself. So reading overlaps searching.
// The first part's share moves toward both finishing together: up when this thread had to wait,
// down when the helper was idle.
Status Searcher::SearchSplit(FileContext& file, std::string_view block, uint64_t block_offset) {
  constexpr double kShareStep = 0.02, kMinShare = 0.2, kMaxShare = 0.6;
  if (!twin_) twin_ = std::make_unique<Twin>(*this);
  Twin& twin = *twin_;
  if (twin.pending) {
    const bool helper_behind = twin.thread.Busy();
    Status finished = FinishHelper(file);
    if (!finished.ok()) return finished;
    twin.share = std::clamp(twin.share + (helper_behind ? kShareStep : -kShareStep), kMinShare,
                            kMaxShare);
  }
  const auto at = static_cast<size_t>(static_cast<double>(block.size()) * twin.share);
  const size_t cut = block.find('\n', at);
  if (cut == std::string_view::npos || cut + 1 >= block.size()) {
    return SearchBlock(file, block, block_offset);
  }
  const std::string_view first = block.substr(0, cut + 1);
  const std::string_view second = block.substr(cut + 1);
  twin.file.emplace(FileContext{file.path, file.display});
  FileContext& second_file = *twin.file;
  second_file.format = file.format;
  second_file.reference = file.reference;
  second_file.count_lines = file.count_lines;
  second_file.line_base = file.count_lines ? file.line_base + CountNewlines(first) : 0;
  const uint64_t second_offset = block_offset + first.size();
  twin.pending = true;
  twin.thread.Start([&twin, second, second_offset] {
    twin.status = twin.searcher.SearchBlock(*twin.file, second, second_offset);
  });
  // The caller counts the block's lines from file.counted_to on, which is within `first`, so
  // the second part's lines are counted too.
  return SearchBlock(file, first, block_offset);
}

Status Searcher::FinishHelper(FileContext& file) {
  if (!twin_ || !twin_->pending) return Status::Ok();
  twin_->pending = false;
  twin_->thread.Wait();  // rethrows what the helper threw
  file.selected += twin_->file->selected;
  if (!twin_->status.ok()) return twin_->status;
  std::string& records = twin_->out->buffer();
  io_.out.WriteThrough(records);
  records.clear();
  return Status::Ok();
}

void Searcher::AbandonHelper() noexcept {
  if (!twin_ || !twin_->pending) return;
  twin_->pending = false;
  try {
    twin_->thread.Wait();
  } catch (...) {  // NOLINT(bugprone-empty-catch): leaving on another failure already
  }
  twin_->out->buffer().clear();
}

bool Searcher::ParseFor(FileContext& file, std::string_view text, uint64_t number) {
  file.parsed_event = file.parsed_json = false;
  if (file.format == LogFormat::kJson) {
    // The line sits inside the read buffer with at least LineReader::kPadding readable bytes
    // after it, as simdjson requires.
    auto parsed = json_parser_.parse(reinterpret_cast<const uint8_t*>(text.data()), text.size(),
                                     false);
    if (parsed.error() || !parsed.value_unsafe().is_object()) {
      std::string why = parsed.error() ? simdjson::error_message(parsed.error()) : "not an object";
      std::string where = file.display.empty() ? "(standard input)" : file.display;
      if (file.count_lines) where += ":" + std::to_string(number);
      failure_ = io_.diag.BadInput(std::string("not a JSON object: ") + why, where);
      return false;
    }
    record_ = parsed.value_unsafe();
    file.parsed_json = true;
    return true;
  }
  event_.Clear();
  if (file.format == LogFormat::kSyslog) {
    file.parsed_event = ParseSyslogLine(text, file.reference, event_);
  } else if (file.format == LogFormat::kAccess) {
    file.parsed_event = ParseAccessLogLine(text, event_);
  }
  return true;
}

bool Searcher::InTimeRange(const FileContext& file) const {
  if (!selection_.since && !selection_.until) return true;
  std::optional<TimeNs> time;
  if (file.parsed_event) time = event_.time;
  if (file.parsed_json) {
    auto stamp = record_["@timestamp"].get_string();
    if (!stamp.error()) time = ParseAny(stamp.value_unsafe());
  }
  if (!time) return false;  // a line without a time is outside every range
  if (selection_.since && *time < *selection_.since) return false;
  if (selection_.until && *time >= *selection_.until) return false;
  return true;
}

bool Searcher::Consider(FileContext& file, std::string_view block, LineSpan span,
                        uint64_t block_offset, std::vector<IocHit>* known_hits) {
  std::string_view raw = block.substr(span.begin, span.end - span.begin);
  std::string_view text = WithoutCr(raw);
  uint64_t number = 0;
  if (file.count_lines) {
    file.counted_lines += CountNewlines(block.substr(file.counted_to, span.begin - file.counted_to));
    file.counted_to = span.begin;
    number = file.line_base + file.counted_lines + 1;
  }
  bool need_fields = selection_.where || selection_.since || selection_.until ||
                     (report_ == Report::kRecords && json_ != nullptr);
  if (need_fields && !ParseFor(file, text, number)) return failure_.ok();  // reported, skipped
  if (selection_.where) {
    std::string dataset = "log.";
    dataset += LogFormatName(file.format);
    bool ok = file.parsed_json
                  ? selection_.where->Matches(JsonFields(record_))
                  : selection_.where->Matches(EventFields(event_, text, dataset, file.display));
    if (!ok) return true;
  }
  if (!InTimeRange(file)) return true;

  ++file.selected;
  bool more = report_ != Report::kFileNames &&
              (selection_.max_count == 0 || file.selected < selection_.max_count);
  file.done = !more;
  if (report_ != Report::kRecords) return more;

  SelectedLine line;
  line.path = file.display;
  line.text = text;
  line.offset = block_offset + span.begin;
  line.number = number;
  line.format = file.parsed_event || file.parsed_json || file.format == LogFormat::kText
                    ? file.format
                    : LogFormat::kText;
  if (line.format == LogFormat::kJson && !file.parsed_json) line.format = LogFormat::kText;
  line.event = file.parsed_event ? &event_ : nullptr;
  line.record = file.parsed_json ? &record_ : nullptr;
  pattern_matches_.clear();
  if (!selection_.invert) {
    selection_.patterns.Explain(raw, pattern_matches_, scratch_.get());
    if (known_hits == nullptr && !selection_.iocs.empty()) {
      ioc_hits_.clear();
      selection_.iocs.Scan(text, ioc_hits_);
      known_hits = &ioc_hits_;
    }
  }
  line.pattern_matches = &pattern_matches_;
  line.patterns = &selection_.patterns;
  line.ioc_hits = selection_.invert ? nullptr : known_hits;
  if (json_ != nullptr) {
    json_->Write(line);
  } else {
    text_->Write(line);
  }
  return more;
}

}  // namespace seckit::log_grep
