// Writing selected lines: ECS JSON records and grep-like text.
#include "selected_line.h"

#include <algorithm>

#include "nested_fields.h"
#include "seckit/records.h"

namespace seckit::log_grep {
namespace {

constexpr std::string_view kColorFile = "\x1b[35m";
constexpr std::string_view kColorNumber = "\x1b[32m";
constexpr std::string_view kColorSeparator = "\x1b[36m";
constexpr std::string_view kColorMatch = "\x1b[01;31m";
constexpr std::string_view kColorEnd = "\x1b[m";

void SetField(std::vector<FieldRef>& fields, std::string_view key, std::string_view text) {
  fields.push_back({key, text, 0, false});
}

void SetNumber(std::vector<FieldRef>& fields, std::string_view key, int64_t number) {
  fields.push_back({key, {}, number, true});
}

}  // namespace

void JsonLineWriter::Write(const SelectedLine& line) {
  if (line.format == LogFormat::kJson && line.record != nullptr) {
    WriteJsonPassthrough(line);
  } else {
    WriteParsed(line);
  }
}

void JsonLineWriter::WriteMatches(const SelectedLine& line) {
  bool patterns = line.pattern_matches != nullptr && !line.pattern_matches->empty();
  bool iocs = line.ioc_hits != nullptr && !line.ioc_hits->empty();
  if (!patterns && !iocs) return;
  w_.BeginArray("matches");
  if (patterns) {
    for (const PatternMatch& m : *line.pattern_matches) {
      w_.BeginObject();
      w_.Field("pattern", line.patterns->patterns()[m.pattern]);
      w_.Field("offset", m.offset);
      w_.Field("length", m.length);
      w_.EndObject();
    }
  }
  if (iocs) {
    for (const IocHit& hit : *line.ioc_hits) {
      w_.BeginObject();
      w_.Field("indicator", hit.indicator);
      w_.Field("type", IndicatorTypeName(hit.type));
      w_.Field("offset", hit.offset);
      w_.Field("length", hit.length);
      w_.EndObject();
    }
  }
  w_.EndArray();
}

// The input object's members exactly as they came, then `grep` with where the line was and what
// matched. An input that already has a `grep` member (log-grep's own output, searched again)
// has it replaced, so the record never holds the key twice.
void JsonLineWriter::WriteJsonPassthrough(const SelectedLine& line) {
  w_.BeginRecord();
  simdjson::dom::object object = line.record->get_object().value_unsafe();
  if (object["grep"].error() == simdjson::NO_SUCH_FIELD) {
    w_.RawMembers(ObjectMembers(line.text));
  } else {
    for (simdjson::dom::key_value_pair member : object) {
      if (member.key == "grep") continue;
      w_.Key(member.key);
      w_.RawJson(simdjson::minify(member.value));
    }
  }
  w_.BeginObject("grep");
  if (!line.path.empty()) {
    w_.BeginObject("file");
    w_.Field("path", line.path);
    w_.Field("line", line.number);
    w_.EndObject();
  } else {
    w_.Field("line", line.number);
  }
  w_.Field("offset", line.offset);
  WriteMatches(line);
  w_.EndObject();
  w_.EndRecord();
}

void JsonLineWriter::WriteParsed(const SelectedLine& line) {
  std::vector<FieldRef>& fields = fields_;  // reused: no allocation per line once warm
  fields.clear();
  scratch_.clear();
  TimeNs time = line.event != nullptr && line.event->time ? *line.event->time : run_time_;
  AppendRfc3339(scratch_, time, 6);
  SetField(fields, "@timestamp", scratch_);
  SetField(fields, "event.kind", "event");
  SetField(fields, "event.module", "log");
  dataset_ = "log.";
  dataset_ += LogFormatName(line.format);
  SetField(fields, "event.dataset", dataset_);
  SetField(fields, "event.original", line.text);
  if (!line.path.empty()) SetField(fields, "log.file.path", line.path);
  SetNumber(fields, "log.file.line", static_cast<int64_t>(line.number));
  SetNumber(fields, "log.offset", static_cast<int64_t>(line.offset));
  if (line.event != nullptr) {
    for (const LogField& parsed : line.event->fields()) {
      if (parsed.is_number) {
        SetNumber(fields, parsed.key, parsed.number);
      } else {
        SetField(fields, parsed.key, parsed.text);
      }
    }
  }
  w_.BeginRecord();
  nested_.Write(w_, fields);
  bool any = (line.pattern_matches != nullptr && !line.pattern_matches->empty()) ||
             (line.ioc_hits != nullptr && !line.ioc_hits->empty());
  if (any) {
    w_.BeginObject("grep");
    WriteMatches(line);
    w_.EndObject();
  }
  w_.EndRecord();
}

void TextLineWriter::Write(const SelectedLine& line) {
  std::string& out = scratch_;
  out.clear();
  auto separator = [&] {
    if (style_.color) out += kColorSeparator;
    out.push_back(':');
    if (style_.color) out += kColorEnd;
  };
  if (style_.file_names) {
    if (style_.color) out += kColorFile;
    out += line.path.empty() ? std::string_view("(standard input)") : line.path;
    if (style_.color) out += kColorEnd;
    separator();
  }
  if (style_.line_numbers) {
    if (style_.color) out += kColorNumber;
    out += std::to_string(line.number);
    if (style_.color) out += kColorEnd;
    separator();
  }
  // Highlighted spans, merged where they overlap.
  std::vector<std::pair<size_t, size_t>> spans;
  if (style_.color) {
    if (line.pattern_matches != nullptr) {
      for (const PatternMatch& m : *line.pattern_matches) spans.emplace_back(m.offset, m.offset + m.length);
    }
    if (line.ioc_hits != nullptr) {
      for (const IocHit& h : *line.ioc_hits) spans.emplace_back(h.offset, h.offset + h.length);
    }
    std::sort(spans.begin(), spans.end());
  }
  size_t at = 0;
  for (auto [begin, end] : spans) {
    begin = std::max(begin, at);
    end = std::min(end, line.text.size());
    if (begin >= end) continue;
    out.append(line.text.substr(at, begin - at));
    out += kColorMatch;
    out.append(line.text.substr(begin, end - begin));
    out += kColorEnd;
    at = end;
  }
  out.append(line.text.substr(std::min(at, line.text.size())));
  out.push_back('\n');
  out_.buffer().append(out);
  out_.RecordDone();
}

}  // namespace seckit::log_grep
