// SelectedLine: everything log-grep knows about a line it selected, and the two ways of writing
// one: ECS JSON lines (for pipes) and grep-like text (for terminals).
#ifndef SECKIT_LOG_GREP_SELECTED_LINE_H_
#define SECKIT_LOG_GREP_SELECTED_LINE_H_

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ioc_matcher.h"
#include "log_event.h"
#include "nested_fields.h"
#include "pattern_set.h"
#include "seckit/json_writer.h"
#include "seckit/output.h"

namespace seckit::log_grep {

struct SelectedLine {
  std::string_view path;  // log.file.path; empty for standard input
  std::string_view text;  // the line without "\n" or "\r\n"
  uint64_t offset = 0;    // of the line's first byte in the (decompressed) file
  uint64_t number = 0;    // 1-based
  LogFormat format = LogFormat::kText;
  const LogEvent* event = nullptr;                 // parsed fields of a text format
  const simdjson::dom::element* record = nullptr;  // the object, for a JSON line
  const std::vector<PatternMatch>* pattern_matches = nullptr;
  const PatternSet* patterns = nullptr;
  const std::vector<IocHit>* ioc_hits = nullptr;
};

// Writes selected lines as ECS records (docs/FORMAT.md, datasets log.*): a JSON input line is
// passed through with its members as they were plus a `grep` object; a text line becomes a record
// with event.original, log.file.*, log.offset and the parsed fields.
class JsonLineWriter {
 public:
  JsonLineWriter(OutputStream& out, TimeNs run_time) : w_(out), run_time_(run_time) {}
  void Write(const SelectedLine& line);

 private:
  void WriteMatches(const SelectedLine& line);
  void WriteJsonPassthrough(const SelectedLine& line);
  void WriteParsed(const SelectedLine& line);

  JsonWriter w_;
  TimeNs run_time_;  // @timestamp of lines that carry no time of their own
  std::string scratch_;  // @timestamp
  std::string dataset_;
  std::vector<FieldRef> fields_;  // views of the line's fields, valid while it is written
  NestedFieldWriter nested_;
};

struct TextStyle {
  bool color = false;
  bool file_names = false;    // prefix "FILE:" (several inputs, or -H)
  bool line_numbers = false;  // -n
};

// Writes selected lines the way grep does: [FILE:][LINE:]TEXT, matches in bold red with colour.
class TextLineWriter {
 public:
  TextLineWriter(OutputStream& out, TextStyle style) : out_(out), style_(style) {}
  void Write(const SelectedLine& line);

 private:
  OutputStream& out_;
  TextStyle style_;
  std::string scratch_;
};

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_SELECTED_LINE_H_
