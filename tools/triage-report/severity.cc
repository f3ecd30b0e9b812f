// Severity names and scales.
#include "severity.h"

#include <array>
#include <charconv>
#include <string>

namespace seckit::triage_report {
namespace {

constexpr std::array<std::string_view, 5> kNames = {"info", "low", "medium", "high", "critical"};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::optional<double> Number(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Severity FromThresholds(double v, double critical, double high, double medium, double low) {
  if (v >= critical) return Severity::kCritical;
  if (v >= high) return Severity::kHigh;
  if (v >= medium) return Severity::kMedium;
  if (v >= low) return Severity::kLow;
  return Severity::kInfo;
}

}  // namespace

std::string_view SeverityName(Severity s) { return kNames[static_cast<size_t>(s)]; }

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (EqualsIgnoreCase(name, kNames[i])) return static_cast<Severity>(i);
  }
  return std::nullopt;
}

std::optional<SeverityScale> ParseSeverityScale(std::string_view name) {
  if (name == "ecs") return SeverityScale::kEcs;
  if (name == "risk_score") return SeverityScale::kRiskScore;
  if (name == "suricata") return SeverityScale::kSuricata;
  if (name == "confidence") return SeverityScale::kConfidence;
  if (name == "name") return SeverityScale::kName;
  return std::nullopt;
}

std::optional<Severity> SeverityOn(SeverityScale scale, std::string_view text) {
  const std::optional<double> number = Number(text);
  switch (scale) {
    case SeverityScale::kEcs:
      if (!number) return std::nullopt;
      return FromThresholds(*number, 99, 73, 47, 21);
    case SeverityScale::kRiskScore:
      if (!number) return std::nullopt;
      return FromThresholds(*number, 90, 70, 40, 1);
    case SeverityScale::kSuricata:
      if (!number || *number < 1) return std::nullopt;
      if (*number < 2) return Severity::kHigh;
      if (*number < 3) return Severity::kMedium;
      return Severity::kLow;
    case SeverityScale::kConfidence:
      if (number) return FromThresholds(*number, 90, 70, 40, 1);
      if (EqualsIgnoreCase(text, "high")) return Severity::kHigh;
      if (EqualsIgnoreCase(text, "medium")) return Severity::kMedium;
      if (EqualsIgnoreCase(text, "low")) return Severity::kLow;
      if (EqualsIgnoreCase(text, "none")) return Severity::kInfo;
      return std::nullopt;
    case SeverityScale::kName:
      return ParseSeverity(text);
  }
  return std::nullopt;
}

}  // namespace seckit::triage_report
