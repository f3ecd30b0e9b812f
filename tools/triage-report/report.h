// Report: the analysis arranged for reading — findings by severity, a timeline, top lists, the
// pivot per indicator, actions taken and recommendations — and the renderers that print it.
#ifndef SECKIT_TRIAGE_REPORT_REPORT_H_
#define SECKIT_TRIAGE_REPORT_REPORT_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis.h"

namespace seckit::triage_report {

struct TimelineEntry {
  TimeNs time = 0;
  TimeNs end = 0;
  const Finding* finding = nullptr;
};

struct TopList {
  std::string name;  // "Top talkers (records)"
  std::string unit;  // "records", "bytes"
  std::vector<std::pair<std::string, uint64_t>> items;
  bool approximate = false;
  uint64_t max_error = 0;  // every count may be this much too low
};

struct Pivot {
  std::string indicator;
  Sighting sighting;
  bool tracked = false;  // false when the sightings table dropped it (approximate mode)
  std::vector<const Finding*> findings;
};

struct Report {
  std::string title;
  TimeNs generated = 0;
  std::vector<std::string> inputs;
  uint64_t bad_lines = 0;
  uint64_t outside_window = 0;  // records left out by --since/--until
  const Analysis* analysis = nullptr;
  std::vector<std::pair<std::string, uint64_t>> datasets;
  std::vector<std::pair<std::string, uint64_t>> hosts;
  uint64_t distinct_addresses = 0;
  std::vector<const Finding*> findings;  // most severe first, then earliest
  std::vector<const Finding*> actions;
  std::vector<TimelineEntry> timeline;
  std::vector<TopList> tops;
  std::vector<Pivot> pivots;
  std::vector<std::string> recommendations;

  // The most severe finding's severity, if any.
  std::optional<Severity> worst() const;
};

struct ReportSettings {
  std::string title = "Incident triage report";
  size_t top_n = 10;
  size_t max_pivots = 50;
};

Report BuildReport(const Analysis& analysis, const ReportSettings& settings);

// Renderers: each appends the whole document to `out`.
void RenderText(const Report& report, std::string& out);
void RenderMarkdown(const Report& report, std::string& out);
void RenderJson(const Report& report, std::string& out);
void RenderHtml(const Report& report, std::string& out);
void RenderTimesketch(const Report& report, std::string& out);

// Shared by the renderers.
std::string TimeText(TimeNs t);                 // "2026-11-24T10:02:11Z" (seconds)
std::string CitationText(const Citation& c);    // "logs.jsonl:15 (auth.log:15)"
std::string Thousands(uint64_t n);              // "1,234,567"
// Control characters (terminal escapes, newlines) replaced by '?', for text that goes to a terminal.
std::string Printable(std::string_view text);

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_REPORT_H_
