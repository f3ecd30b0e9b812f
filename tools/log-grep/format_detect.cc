// DetectFormat: a majority vote of the line parsers over the first lines of a file.
#include <array>
#include <string_view>

#include "log_parsers.h"
#include "log_scan.h"

namespace seckit::log_grep {
namespace {

// Any fixed instant will do: the year only matters for the event time, not for recognition.
constexpr TimeNs kDetectReference = 1'767'225'600 * kNsPerSecond;  // 2026-01-01T00:00:00Z

// `trimmed` is `line` without leading whitespace, and not empty.
LogFormat Classify(std::string_view line, std::string_view trimmed, LogEvent& scratch) {
  if (trimmed[0] == '{') return LogFormat::kJson;
  if (ParseSyslogLine(line, kDetectReference, scratch)) return LogFormat::kSyslog;
  if (ParseAccessLogLine(line, scratch)) return LogFormat::kAccess;
  return LogFormat::kText;
}

}  // namespace

LogFormat DetectFormat(std::span<const std::string_view> sample) {
  // Candidates in tie-break order.
  constexpr std::array<LogFormat, 3> kCandidates = {LogFormat::kJson, LogFormat::kSyslog,
                                                    LogFormat::kAccess};
  std::array<size_t, 3> votes{};
  size_t lines = 0;
  LogEvent scratch;
  for (std::string_view line : sample) {
    if (lines == kDetectSampleLines) break;
    const std::string_view trimmed = scan::TrimLeft(line);
    if (scan::TrimRight(trimmed).empty()) continue;
    ++lines;
    const LogFormat format = Classify(line, trimmed, scratch);
    for (size_t i = 0; i < kCandidates.size(); ++i) {
      if (kCandidates[i] == format) ++votes[i];
    }
  }
  size_t best = 0;
  for (size_t i = 1; i < kCandidates.size(); ++i) {
    if (votes[i] > votes[best]) best = i;
  }
  if (lines == 0 || votes[best] * 2 < lines) return LogFormat::kText;
  return kCandidates[best];
}

}  // namespace seckit::log_grep
