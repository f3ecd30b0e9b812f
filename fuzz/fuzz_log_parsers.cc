// Fuzzes log-grep's text log parsers (syslog, sshd messages, access logs) and format detection
// on the input split into lines, and checks the rules of log_parsers.h: a line not recognised
// leaves the event cleared, and a recognised one has no empty text field (absent is omitted).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "log_parsers.h"

namespace seckit::log_grep {
namespace {

// 2027-01-03T00:00:00Z: near a year boundary, where RFC 3164's year inference is busiest.
constexpr TimeNs kReference = 1'798'934'400 * kNsPerSecond;

void CheckEvent(bool parsed, const LogEvent& event) {
  if (!parsed) {
    SECKIT_FUZZ_CHECK(event.fields().empty() && !event.time.has_value());
    return;
  }
  for (const LogField& field : event.fields()) {
    SECKIT_FUZZ_CHECK(!field.key.empty());
    SECKIT_FUZZ_CHECK(field.is_number || !field.text.empty());
  }
}

}  // namespace
}  // namespace seckit::log_grep

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit::log_grep;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> lines;
  LogEvent event;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    lines.push_back(line);
    CheckEvent(ParseSyslogLine(line, kReference, event), event);
    CheckEvent(ParseAccessLogLine(line, event), event);
    event.Clear();
    ParseSshdMessage(line, event);
    CheckEvent(true, event);
    start = end + 1;
  }
  const LogFormat format = DetectFormat(lines);
  SECKIT_FUZZ_CHECK(format != LogFormat::kAuto);
  return 0;
}
