// HTML escaping and the inline SVG charts of the HTML report.
#ifndef SECKIT_TRIAGE_REPORT_HTML_CHARTS_H_
#define SECKIT_TRIAGE_REPORT_HTML_CHARTS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "time_histogram.h"

namespace seckit::triage_report {

// Escapes & < > " ' (safe in text and in quoted attributes); other controls become U+FFFD.
std::string HtmlEscape(std::string_view text);

// Records over time (all records, and the buckets holding findings' records highlighted).
void HistogramSvg(const TimeHistogram& all, const TimeHistogram& notable, std::string& out);
// Horizontal bars, longest first (items as Top() returns them).
void BarsSvg(const std::vector<std::pair<std::string, uint64_t>>& items, std::string& out);

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_HTML_CHARTS_H_
