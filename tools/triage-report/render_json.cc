// The report as one JSON document (for scripts), and the Timesketch timeline as JSON lines.
#include "report.h"
#include "seckit/json_writer.h"

namespace seckit::triage_report {
namespace {

// A tiny builder over a string: keys and values in order, commas handled.
class Json {
 public:
  explicit Json(std::string& out) : out_(out) {}
  Json& Open(char c) { Comma(); out_.push_back(c); first_ = true; return *this; }
  Json& Close(char c) { out_.push_back(c); first_ = false; return *this; }
  Json& Key(std::string_view k) { Comma(); AppendJsonString(out_, k); out_.push_back(':'); first_ = true; return *this; }
  Json& Str(std::string_view v) { Comma(); AppendJsonString(out_, v); return *this; }
  Json& Num(uint64_t v) { Comma(); out_ += std::to_string(v); return *this; }
  Json& Bool(bool v) { Comma(); out_ += v ? "true" : "false"; return *this; }
  Json& Time(TimeNs t) { Comma(); out_.push_back('"'); AppendRfc3339(out_, t, 6); out_.push_back('"'); return *this; }

 private:
  void Comma() {
    if (!first_) out_.push_back(',');
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
};

void Citations(Json& j, const Finding& f) {
  j.Key("evidence").Open('[');
  for (const Citation& c : f.citations) {
    j.Open('{').Key("input").Str(c.input).Key("line").Num(c.line);
    if (c.time) j.Key("time").Time(*c.time);
    if (!c.origin.empty()) j.Key("origin").Str(c.origin);
    j.Key("summary").Str(c.summary).Close('}');
  }
  j.Close(']');
}

void FindingJson(Json& j, const Finding& f) {
  j.Open('{').Key("rule").Str(f.rule->id).Key("severity").Str(SeverityName(f.severity));
  j.Key("title").Str(f.title).Key("records").Num(f.count);
  if (f.first) j.Key("first_seen").Time(*f.first).Key("last_seen").Time(*f.last);
  j.Key("group").Open('[');
  for (const std::string& g : f.group) j.Str(g);
  j.Close(']').Key("indicators").Open('[');
  for (const std::string& i : f.indicators) j.Str(i);
  j.Close(']').Key("datasets").Open('[');
  for (const std::string& d : f.datasets) j.Str(d);
  j.Close(']');
  if (f.rule->action) j.Key("action").Bool(true);
  Citations(j, f);
  j.Close('}');
}

void Counts(Json& j, const std::vector<std::pair<std::string, uint64_t>>& items) {
  j.Open('[');
  for (const auto& [key, n] : items) j.Open('{').Key("value").Str(key).Key("count").Num(n).Close('}');
  j.Close(']');
}

}  // namespace

void RenderJson(const Report& r, std::string& out) {
  const Analysis& a = *r.analysis;
  Json j(out);
  j.Open('{').Key("title").Str(r.title).Key("generated").Time(r.generated);
  j.Key("summary").Open('{');
  if (a.first_time()) j.Key("start").Time(*a.first_time()).Key("end").Time(*a.last_time());
  j.Key("records").Num(a.records()).Key("repeated_records").Num(a.duplicates());
  j.Key("bad_lines").Num(r.bad_lines).Key("outside_window").Num(r.outside_window);
  j.Key("addresses").Num(r.distinct_addresses);
  j.Key("inputs").Open('[');
  for (const std::string& in : r.inputs) j.Str(in);
  j.Close(']').Key("datasets");
  Counts(j, r.datasets);
  j.Key("hosts");
  Counts(j, r.hosts);
  j.Close('}');
  j.Key("findings").Open('[');
  for (const Finding* f : r.findings) FindingJson(j, *f);
  j.Close(']');
  j.Key("findings_dropped").Num(a.findings_dropped());
  j.Key("timeline").Open('[');
  for (const TimelineEntry& e : r.timeline) {
    j.Open('{').Key("start").Time(e.time).Key("end").Time(e.end);
    j.Key("severity").Str(SeverityName(e.finding->severity)).Key("title").Str(e.finding->title);
    j.Key("rule").Str(e.finding->rule->id).Key("records").Num(e.finding->count).Close('}');
  }
  j.Close(']').Key("top").Open('[');
  for (const TopList& t : r.tops) {
    j.Open('{').Key("name").Str(t.name).Key("unit").Str(t.unit);
    j.Key("approximate").Bool(t.approximate).Key("max_error").Num(t.max_error).Key("items");
    Counts(j, t.items);
    j.Close('}');
  }
  j.Close(']').Key("pivot").Open('[');
  for (const Pivot& p : r.pivots) {
    j.Open('{').Key("indicator").Str(p.indicator).Key("tracked").Bool(p.tracked);
    j.Key("seen").Open('{');
    for (size_t c = 0; c < kCategoryCount; ++c) {
      if (p.sighting.counts[c] > 0) j.Key(CategoryName(static_cast<Category>(c))).Num(p.sighting.counts[c]);
    }
    j.Close('}');
    if (p.sighting.timed) j.Key("first_seen").Time(p.sighting.first).Key("last_seen").Time(p.sighting.last);
    j.Key("findings").Num(p.findings.size()).Close('}');
  }
  j.Close(']').Key("actions").Open('[');
  for (const Finding* f : r.actions) j.Str(f->title);
  j.Close(']').Key("recommendations").Open('[');
  for (const std::string& text : r.recommendations) j.Str(text);
  j.Close(']').Close('}');
  out.push_back('\n');
}

// Timesketch's JSONL import wants message, datetime (ISO 8601) and timestamp_desc on every line;
// other keys become attributes. One line per finding (when it was first seen) and one per cited
// record, in time order.
void RenderTimesketch(const Report& r, std::string& out) {
  struct Line {
    TimeNs time;
    std::string text;
  };
  std::vector<Line> lines;
  for (const Finding* f : r.findings) {
    if (f->first) {
      std::string line;
      Json j(line);
      j.Open('{').Key("message").Str("[" + std::string(SeverityName(f->severity)) + "] " + f->title);
      j.Key("datetime").Time(*f->first).Key("timestamp_desc").Str("First seen");
      j.Key("severity").Str(SeverityName(f->severity)).Key("rule").Str(f->rule->id);
      j.Key("records").Num(f->count).Key("tag").Open('[').Str("triage-report").Str("finding").Close(']');
      j.Close('}');
      lines.push_back({*f->first, std::move(line)});
    }
    for (const Citation& c : f->citations) {
      if (!c.time) continue;
      std::string line;
      Json j(line);
      j.Open('{').Key("message").Str(c.summary.empty() ? f->title : c.summary);
      j.Key("datetime").Time(*c.time).Key("timestamp_desc").Str("Event Time");
      j.Key("finding").Str(f->title).Key("severity").Str(SeverityName(f->severity));
      j.Key("rule").Str(f->rule->id).Key("source").Str(CitationText(c)).Close('}');
      lines.push_back({*c.time, std::move(line)});
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.time < b.time; });
  for (const Line& l : lines) {
    out += l.text;
    out.push_back('\n');
  }
}

}  // namespace seckit::triage_report
