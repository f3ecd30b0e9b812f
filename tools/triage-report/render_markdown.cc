// The Markdown report. Every value is escaped, so field text can neither break a table nor
// smuggle HTML into a page the Markdown is later rendered to.
#include "report.h"

namespace seckit::triage_report {
namespace {

std::string Md(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '|':
        out += "\\|";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '#':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '\n':
      case '\r':
      case '\t':
        out.push_back(' ');
        break;
      default:
        out.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
    }
  }
  return out;
}

void Top(const TopList& top, std::string& out) {
  out += "\n### " + top.name + "\n\n";
  if (top.items.empty()) {
    out += "None.\n";
    return;
  }
  out += "| | " + top.unit + " |\n|---|---:|\n";
  for (const auto& [key, n] : top.items) out += "| " + Md(key) + " | " + Thousands(n) + " |\n";
  if (top.approximate) {
    out += "\nApproximate: each count may be up to " + Thousands(top.max_error) + " too low.\n";
  }
}

void MarkdownFindings(const Report& r, std::string& out) {
  out += "\n## Findings\n\n";
  if (r.findings.empty()) out += "No findings.\n";
  for (const Finding* f : r.findings) {
    out += "### " + std::string(SeverityName(f->severity)) + ": " + Md(f->title) + "\n\n";
    out += "- Rule: `" + Md(f->rule->id) + "`; " + Thousands(f->count) + " record" +
           (f->count == 1 ? "" : "s");
    if (f->first) out += ", " + TimeText(*f->first) + " to " + TimeText(*f->last);
    out += "\n";
    if (!f->indicators.empty()) {
      out += "- Indicators:";
      for (const std::string& i : f->indicators) out += " " + Md(i);
      out += "\n";
    }
    out += "- Evidence:\n";
    for (const Citation& c : f->citations) {
      out += "  - " + Md(CitationText(c)) + (c.time ? " " + TimeText(*c.time) : "") + ": " +
             Md(c.summary) + "\n";
    }
    if (f->count > f->citations.size()) {
      out += "  - and " + Thousands(f->count - f->citations.size()) + " more\n";
    }
    out += "\n";
  }
}

}  // namespace

void RenderMarkdown(const Report& r, std::string& out) {
  const Analysis& a = *r.analysis;
  out += "# " + Md(r.title) + "\n\n";
  out += "Generated " + TimeText(r.generated) + " by triage-report.\n\n## Summary\n\n";
  if (a.first_time()) {
    out += "- Time range: " + TimeText(*a.first_time()) + " to " + TimeText(*a.last_time()) + "\n";
  }
  out += "- Records: " + Thousands(a.records());
  if (a.duplicates() > 0) out += " (and " + Thousands(a.duplicates()) + " repeated copies)";
  out += " from " + std::to_string(r.inputs.size()) + " input(s)\n";
  if (r.bad_lines > 0)
    out += "- Lines that were not JSON objects: " + Thousands(r.bad_lines) + "\n";
  out += "- Addresses: " + Thousands(r.distinct_addresses) + "\n";
  if (!r.hosts.empty()) {
    out += "- Hosts:";
    for (const auto& [host, n] : r.hosts) out += " " + Md(host);
    out += "\n";
  }
  out += "\n| dataset | records |\n|---|---:|\n";
  for (const auto& [name, n] : r.datasets) out += "| " + Md(name) + " | " + Thousands(n) + " |\n";
  MarkdownFindings(r, out);
  out += "## Timeline\n\n| time | severity | event | records |\n|---|---|---|---:|\n";
  for (const TimelineEntry& e : r.timeline) {
    out += "| " + TimeText(e.time) + (e.end > e.time ? " – " + TimeText(e.end) : "") + " | " +
           std::string(SeverityName(e.finding->severity)) + " | " + Md(e.finding->title) + " | " +
           Thousands(e.finding->count) + " |\n";
  }
  out += "\n## Top lists\n";
  for (const TopList& top : r.tops) Top(top, out);
  out += "\n## Indicators: where else they appear\n\n";
  out += "| indicator | network | logs | disk | firewall | alerts | intel | findings |\n";
  out += "|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const Pivot& p : r.pivots) {
    out += "| " + Md(p.indicator);
    for (size_t c = 0; c < 6; ++c) out += " | " + Thousands(p.sighting.counts[c]);
    out += " | " + std::to_string(p.findings.size()) + " |\n";
  }
  out += "\n## Actions taken\n\n";
  if (r.actions.empty()) out += "None recorded.\n";
  for (const Finding* f : r.actions) out += "- " + Md(f->title) + "\n";
  out += "\n## Recommendations\n\n";
  if (r.recommendations.empty()) out += "None.\n";
  for (const std::string& text : r.recommendations) out += "- " + Md(text) + "\n";
}

}  // namespace seckit::triage_report
