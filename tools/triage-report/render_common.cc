// Helpers the renderers share.
#include "report.h"

namespace seckit::triage_report {

std::string TimeText(TimeNs t) { return FormatRfc3339(t, 0); }

std::string CitationText(const Citation& c) {
  std::string text = (c.input == "-" ? std::string("stdin") : c.input) + ":" + std::to_string(c.line);
  if (!c.origin.empty()) text += " (" + c.origin + ")";
  return text;
}

std::string Printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f ? '?' : c);
  }
  return out;
}

std::string Thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace seckit::triage_report
