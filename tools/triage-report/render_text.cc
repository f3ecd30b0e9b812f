// The short plain-text summary for a terminal.
#include "report.h"

namespace seckit::triage_report {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

}  // namespace

void RenderText(const Report& r, std::string& out) {
  const Analysis& a = *r.analysis;
  out += Printable(r.title) + "\n";
  if (a.first_time()) {
    out += "Time range: " + TimeText(*a.first_time()) + " .. " + TimeText(*a.last_time()) + "\n";
  }
  out += "Records: " + Thousands(a.records());
  if (a.duplicates() > 0) out += " (+" + Thousands(a.duplicates()) + " repeated)";
  out += " from " + std::to_string(r.inputs.size()) + " input(s); " +
         Thousands(r.distinct_addresses) + " addresses\n";
  out += "\nFindings (" + std::to_string(r.findings.size()) + "):\n";
  if (r.findings.empty()) out += "  none\n";
  for (const Finding* f : r.findings) {
    std::string sev = Upper(SeverityName(f->severity));
    sev.resize(9, ' ');
    out += "  " + sev + Printable(f->title) + "  [" + Thousands(f->count) + " record" +
           (f->count == 1 ? "" : "s");
    if (f->first) out += ", from " + TimeText(*f->first);
    out += "]\n";
    if (!f->citations.empty()) out += "           e.g. " + Printable(CitationText(f->citations.front())) + "\n";
  }
  if (!r.actions.empty()) {
    out += "\nActions taken:\n";
    for (const Finding* f : r.actions) out += "  " + Printable(f->title) + "\n";
  }
  if (!r.recommendations.empty()) {
    out += "\nRecommendations:\n";
    for (const std::string& text : r.recommendations) out += "  - " + Printable(text) + "\n";
  }
}

}  // namespace seckit::triage_report
