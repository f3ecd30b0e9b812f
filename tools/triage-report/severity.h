// Finding severities (info < low < medium < high < critical) and the scales that map what other
// tools say onto them.
#ifndef SECKIT_TRIAGE_REPORT_SEVERITY_H_
#define SECKIT_TRIAGE_REPORT_SEVERITY_H_

#include <optional>
#include <string_view>

namespace seckit::triage_report {

enum class Severity { kInfo = 0, kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4 };

std::string_view SeverityName(Severity s);  // "critical", "high", ...
std::optional<Severity> ParseSeverity(std::string_view name);  // case-insensitive

// How a field's value becomes a severity (rules' `severity_scale`).
enum class SeverityScale {
  kEcs,         // ECS event.severity, Elastic's convention: >=99 critical, >=73 high, >=47
                // medium, >=21 low, else info
  kRiskScore,   // 0-100 score (event.risk_score, ioc.score): >=90 critical, >=70 high, >=40
                // medium, >=1 low, else info
  kSuricata,    // Suricata alert.severity: 1 high, 2 medium, 3 and above low
  kConfidence,  // threat.enrichments confidence: "High" high, "Medium" medium, "Low" low, "None"
                // info; a number is read as a 0-100 score
  kName,        // the value is a severity name
};
std::optional<SeverityScale> ParseSeverityScale(std::string_view name);

// The severity `text` (a field's value, as text) means on `scale`; nullopt when it means nothing.
std::optional<Severity> SeverityOn(SeverityScale scale, std::string_view text);

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_SEVERITY_H_
