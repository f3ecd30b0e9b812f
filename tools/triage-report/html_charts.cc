// Inline SVG charts for the HTML report: the event-time histogram and top-N bars. Plain SVG
// elements only, no script, no external resource.
#include "html_charts.h"

#include <algorithm>

namespace seckit::triage_report {

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Controls other than tab and newline are not allowed in HTML text.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
          out += "&#xFFFD;";
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

void HistogramSvg(const TimeHistogram& all, const TimeHistogram& notable, std::string& out) {
  constexpr int kWidth = 900, kHeight = 160, kBars = 120, kBottom = 140;
  if (all.buckets().empty()) {
    out += "<p>No timed records.</p>\n";
    return;
  }
  const TimeNs start = all.buckets().begin()->first;
  const TimeNs end = std::prev(all.buckets().end())->first + all.width();
  const TimeNs step = std::max<TimeNs>((end - start + kBars - 1) / kBars, 1);
  std::vector<uint64_t> counts(kBars, 0), marks(kBars, 0);
  auto bin = [&](TimeNs t) {
    return static_cast<size_t>(std::clamp<TimeNs>((t - start) / step, 0, kBars - 1));
  };
  for (const auto& [t, n] : all.buckets()) counts[bin(t)] += n;
  for (const auto& [t, n] : notable.buckets()) marks[bin(t)] += n;
  const uint64_t peak = std::max<uint64_t>(*std::max_element(counts.begin(), counts.end()), 1);
  const double bar = static_cast<double>(kWidth) / kBars;
  out += "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + std::to_string(kWidth) + " " +
         std::to_string(kHeight) + "\" width=\"100%\" aria-label=\"Records over time\">\n";
  for (int i = 0; i < kBars; ++i) {
    if (counts[i] == 0) continue;
    const int h = static_cast<int>(120.0 * static_cast<double>(counts[i]) / static_cast<double>(peak)) + 1;
    const std::string x = std::to_string(static_cast<int>(i * bar));
    const std::string w = std::to_string(std::max(1, static_cast<int>(bar) - 1));
    out += "<rect x=\"" + x + "\" y=\"" + std::to_string(kBottom - h) + "\" width=\"" + w +
           "\" height=\"" + std::to_string(h) + "\" class=\"" + (marks[i] ? "hot" : "bar") +
           "\"><title>" + HtmlEscape(FormatRfc3339(start + i * step, 0)) + ": " +
           std::to_string(counts[i]) + " records, " + std::to_string(marks[i]) +
           " in findings</title></rect>\n";
  }
  out += "<line x1=\"0\" y1=\"140\" x2=\"900\" y2=\"140\" class=\"axis\"/>\n";
  out += "<text x=\"0\" y=\"156\" class=\"label\">" + HtmlEscape(FormatRfc3339(start, 0)) + "</text>\n";
  out += "<text x=\"900\" y=\"156\" text-anchor=\"end\" class=\"label\">" +
         HtmlEscape(FormatRfc3339(end, 0)) + "</text>\n</svg>\n";
}

void BarsSvg(const std::vector<std::pair<std::string, uint64_t>>& items, std::string& out) {
  if (items.empty()) {
    out += "<p>None.</p>\n";
    return;
  }
  constexpr int kRow = 20, kLabel = 260, kMaxBar = 300;
  const uint64_t peak = std::max<uint64_t>(items.front().second, 1);
  const int height = static_cast<int>(items.size()) * kRow;
  out += "<svg class=\"bars\" role=\"img\" viewBox=\"0 0 640 " + std::to_string(height) +
         "\" width=\"640\" height=\"" + std::to_string(height) + "\">\n";
  for (size_t i = 0; i < items.size(); ++i) {
    const int y = static_cast<int>(i) * kRow;
    const int w = std::max(1, static_cast<int>(kMaxBar * static_cast<double>(items[i].second) /
                                               static_cast<double>(peak)));
    std::string label = items[i].first;
    if (label.size() > 40) {
      size_t cut = 39;  // not inside a UTF-8 sequence
      while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
      label.resize(cut);
      label += "…";
    }
    out += "<text x=\"" + std::to_string(kLabel - 6) + "\" y=\"" + std::to_string(y + 14) +
           "\" text-anchor=\"end\" class=\"label\">" + HtmlEscape(label) + "</text>";
    out += "<rect x=\"" + std::to_string(kLabel) + "\" y=\"" + std::to_string(y + 3) +
           "\" width=\"" + std::to_string(w) + "\" height=\"14\" class=\"bar\"/>";
    out += "<text x=\"" + std::to_string(kLabel + w + 6) + "\" y=\"" + std::to_string(y + 14) +
           "\" class=\"label\">" + std::to_string(items[i].second) + "</text>\n";
  }
  out += "</svg>\n";
}

}  // namespace seckit::triage_report
