// The self-contained HTML report: inline CSS and SVG, no script, no external resource, every
// value escaped, readable when printed.
#include "html_charts.h"
#include "report.h"

namespace seckit::triage_report {
namespace {

constexpr const char* kStyle = R"CSS(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#1b1f23;line-height:1.4}
h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #d0d7de;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.92em}th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.sev{display:inline-block;min-width:5.5em;padding:.1em .4em;border-radius:3px;font-weight:600;text-align:center;color:#fff}
.critical{background:#8b0000}.high{background:#d1242f}.medium{background:#bf8700}.low{background:#0969da}.info{background:#57606a}
.finding{border:1px solid #d0d7de;border-left:6px solid #57606a;padding:.5em .8em;margin:.8em 0;page-break-inside:avoid;break-inside:avoid}
.finding.critical{border-left-color:#8b0000;background:#fff}.finding.high{border-left-color:#d1242f;background:#fff}
.finding.medium{border-left-color:#bf8700;background:#fff}.finding.low{border-left-color:#0969da;background:#fff}.finding.info{background:#fff}
.finding h3{margin:.2em 0 .4em;font-size:1.05em}.meta{color:#57606a;font-size:.9em}
ul.evidence{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.82em;margin:.3em 0;padding-left:1.2em;overflow-wrap:anywhere}
svg .bar{fill:#8c959f}svg .hot{fill:#d1242f}svg .axis{stroke:#57606a}svg .label{font-size:11px;fill:#1b1f23}
.charts{display:flex;flex-wrap:wrap;gap:1em}.charts section{flex:1 1 480px}
code{overflow-wrap:anywhere}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{page-break-after:avoid;break-after:avoid}.finding,table,svg{break-inside:avoid}}
)CSS";

std::string Sev(Severity s) {
  const std::string name(SeverityName(s));
  return "<span class=\"sev " + name + "\">" + name + "</span>";
}

void Summary(const Report& r, std::string& out) {
  const Analysis& a = *r.analysis;
  out += "<h2 id=\"summary\">Summary</h2>\n<table>\n";
  if (a.first_time()) {
    out += "<tr><th>Time range</th><td>" + HtmlEscape(TimeText(*a.first_time())) + " to " +
           HtmlEscape(TimeText(*a.last_time())) + "</td></tr>\n";
  }
  out += "<tr><th>Records</th><td>" + Thousands(a.records());
  if (a.duplicates() > 0) out += " (and " + Thousands(a.duplicates()) + " repeated copies)";
  out += "</td></tr>\n<tr><th>Inputs</th><td>";
  for (const std::string& in : r.inputs) out += "<code>" + HtmlEscape(in) + "</code> ";
  out += "</td></tr>\n";
  if (r.bad_lines > 0) {
    out += "<tr><th>Bad lines</th><td>" + Thousands(r.bad_lines) + " (not JSON objects, skipped)</td></tr>\n";
  }
  out += "<tr><th>Addresses</th><td>" + Thousands(r.distinct_addresses) + "</td></tr>\n";
  out += "<tr><th>Hosts</th><td>";
  for (const auto& [host, n] : r.hosts) out += "<code>" + HtmlEscape(host) + "</code> ";
  out += "</td></tr>\n</table>\n<table><tr><th>dataset</th><th>records</th></tr>\n";
  for (const auto& [name, n] : r.datasets) {
    out += "<tr><td>" + HtmlEscape(name) + "</td><td class=\"n\">" + Thousands(n) + "</td></tr>\n";
  }
  out += "</table>\n";
}

void Findings(const Report& r, std::string& out) {
  out += "<h2 id=\"findings\">Findings (" + std::to_string(r.findings.size()) + ")</h2>\n";
  if (r.findings.empty()) out += "<p>No findings.</p>\n";
  for (const Finding* f : r.findings) {
    const std::string sev(SeverityName(f->severity));
    out += "<div class=\"finding " + sev + "\">\n<h3>" + Sev(f->severity) + " " +
           HtmlEscape(f->title) + "</h3>\n<div class=\"meta\">rule <code>" +
           HtmlEscape(f->rule->id) + "</code> · " + Thousands(f->count) + " record" +
           (f->count == 1 ? "" : "s");
    if (f->first) out += " · " + HtmlEscape(TimeText(*f->first)) + " to " + HtmlEscape(TimeText(*f->last));
    out += "</div>\n";
    if (!f->indicators.empty()) {
      out += "<div class=\"meta\">indicators:";
      for (const std::string& i : f->indicators) out += " <code>" + HtmlEscape(i) + "</code>";
      out += "</div>\n";
    }
    out += "<ul class=\"evidence\">\n";
    for (const Citation& c : f->citations) {
      out += "<li>" + HtmlEscape(CitationText(c)) + (c.time ? " " + HtmlEscape(TimeText(*c.time)) : "") +
             ": " + HtmlEscape(c.summary) + "</li>\n";
    }
    if (f->count > f->citations.size()) {
      out += "<li>and " + Thousands(f->count - f->citations.size()) + " more</li>\n";
    }
    out += "</ul>\n</div>\n";
  }
}

void Timeline(const Report& r, std::string& out) {
  out += "<h2 id=\"timeline\">Timeline</h2>\n";
  HistogramSvg(r.analysis->all_events(), r.analysis->notable_events(), out);
  out += "<table><tr><th>time</th><th>severity</th><th>event</th><th>records</th></tr>\n";
  for (const TimelineEntry& e : r.timeline) {
    out += "<tr><td>" + HtmlEscape(TimeText(e.time));
    if (e.end > e.time) out += " – " + HtmlEscape(TimeText(e.end));
    out += "</td><td>" + Sev(e.finding->severity) + "</td><td>" + HtmlEscape(e.finding->title) +
           "</td><td class=\"n\">" + Thousands(e.finding->count) + "</td></tr>\n";
  }
  out += "</table>\n";
}

void Tops(const Report& r, std::string& out) {
  out += "<h2 id=\"top\">Top talkers, domains and ports</h2>\n<div class=\"charts\">\n";
  for (const TopList& t : r.tops) {
    out += "<section><h3>" + HtmlEscape(t.name) + " (" + HtmlEscape(t.unit) + ")</h3>\n";
    BarsSvg(t.items, out);
    if (t.approximate) {
      out += "<p class=\"meta\">Approximate: each count may be up to " + Thousands(t.max_error) +
             " too low.</p>\n";
    }
    out += "</section>\n";
  }
  out += "</div>\n";
}

void Pivots(const Report& r, std::string& out) {
  out += "<h2 id=\"pivot\">Indicators: where else they appear</h2>\n<table><tr><th>indicator</th>";
  for (size_t c = 0; c < 6; ++c) {
    out += "<th>" + std::string(CategoryName(static_cast<Category>(c))) + "</th>";
  }
  out += "<th>first seen</th><th>last seen</th><th>findings</th></tr>\n";
  for (const Pivot& p : r.pivots) {
    out += "<tr><td><code>" + HtmlEscape(p.indicator) + "</code></td>";
    for (size_t c = 0; c < 6; ++c) out += "<td class=\"n\">" + Thousands(p.sighting.counts[c]) + "</td>";
    out += "<td>" + (p.sighting.timed ? HtmlEscape(TimeText(p.sighting.first)) : "") + "</td><td>" +
           (p.sighting.timed ? HtmlEscape(TimeText(p.sighting.last)) : "") + "</td><td class=\"n\">" +
           std::to_string(p.findings.size()) + "</td></tr>\n";
  }
  out += "</table>\n";
}

void Lists(const Report& r, std::string& out) {
  out += "<h2 id=\"actions\">Actions taken</h2>\n";
  if (r.actions.empty()) out += "<p>None recorded.</p>\n";
  else {
    out += "<ul>\n";
    for (const Finding* f : r.actions) out += "<li>" + HtmlEscape(f->title) + "</li>\n";
    out += "</ul>\n";
  }
  out += "<h2 id=\"recommendations\">Recommendations</h2>\n";
  if (r.recommendations.empty()) out += "<p>None.</p>\n";
  else {
    out += "<ol>\n";
    for (const std::string& text : r.recommendations) out += "<li>" + HtmlEscape(text) + "</li>\n";
    out += "</ol>\n";
  }
}

}  // namespace

void RenderHtml(const Report& r, std::string& out) {
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // No fetch of any kind is allowed, even by accident: the policy blocks every source.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; img-src data:\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + HtmlEscape(r.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<h1>" + HtmlEscape(r.title) + "</h1>\n<p class=\"meta\">Generated " +
         HtmlEscape(TimeText(r.generated)) + " by triage-report.";
  if (auto worst = r.worst()) out += " Most severe finding: " + Sev(*worst);
  out += "</p>\n";
  Summary(r, out);
  Findings(r, out);
  Timeline(r, out);
  Tops(r, out);
  Pivots(r, out);
  Lists(r, out);
  out += "</body>\n</html>\n";
}

}  // namespace seckit::triage_report
