// Fuzzes the timestamp parsers of seckit/time.h on the input as text, and checks each instant
// they return against the formatter and the civil-time conversions.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "seckit/time.h"

namespace seckit {
namespace {

// 2027-01-03T00:00:00Z: a year boundary a week away, where syslog's year inference is busiest.
constexpr TimeNs kReference = 1'798'934'400 * kNsPerSecond;

void CheckPrefix(const std::optional<ParsedTime>& parsed, const std::optional<TimeNs>& whole,
                 std::string_view text) {
  if (parsed) SECKIT_FUZZ_CHECK(parsed->consumed > 0 && parsed->consumed <= text.size());
  // The whole-text parser is the prefix parser that consumed everything.
  const bool all = parsed && parsed->consumed == text.size();
  SECKIT_FUZZ_CHECK(whole.has_value() == all);
  if (all) SECKIT_FUZZ_CHECK(*whole == parsed->time);
}

// Formatting `time` with every fraction width and parsing it back gives the instant truncated to
// that width (nullopt only where the truncation falls before the start of the TimeNs range).
void CheckRoundTrip(TimeNs time) {
  const CivilTime civil = CivilFromTime(time);
  SECKIT_FUZZ_CHECK(TimeFromCivil(civil) == time);
  int64_t unit = 1;  // of the last digit written, in ns
  for (int digits = 9; digits >= 0; --digits, unit *= 10) {
    char buffer[kMaxRfc3339Size];
    const size_t length = FormatRfc3339To(time, digits, buffer);
    SECKIT_FUZZ_CHECK(length <= kMaxRfc3339Size);
    const std::string_view text(buffer, length);
    SECKIT_FUZZ_CHECK(text == FormatRfc3339(time, digits));
    TimeNs expected;
    const bool in_range = !__builtin_sub_overflow(time, civil.nanosecond % unit, &expected);
    const std::optional<TimeNs> back = ParseRfc3339(text);
    SECKIT_FUZZ_CHECK(in_range ? back == expected : !back.has_value());
    SECKIT_FUZZ_CHECK(ParseRfc5424Timestamp(text) == back);
  }
}

}  // namespace
}  // namespace seckit

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const std::optional<TimeNs> rfc3339 = ParseRfc3339(text);
  CheckPrefix(ParseRfc3339Prefix(text), rfc3339, text);
  // RFC 5424 is the strict subset of the lenient RFC 3339 parser.
  const std::optional<TimeNs> rfc5424 = ParseRfc5424Timestamp(text);
  if (rfc5424) SECKIT_FUZZ_CHECK(rfc3339 == rfc5424);
  const std::optional<TimeNs> common = ParseCommonLog(text);
  CheckPrefix(ParseCommonLogPrefix(text), common, text);
  const std::optional<TimeNs> epoch = ParseEpoch(text);
  // The first eight bytes also serve as a reference instant, so the year inference sees every
  // part of the range, its ends included.
  TimeNs reference = kReference;
  if (size >= sizeof reference) std::memcpy(&reference, data, sizeof reference);
  const std::optional<ParsedTime> syslog = ParseSyslog3164(text, kReference);
  for (const std::optional<ParsedTime>& parsed : {syslog, ParseSyslog3164(text, reference)}) {
    if (!parsed) continue;
    SECKIT_FUZZ_CHECK(parsed->consumed > 0 && parsed->consumed <= size);
    CheckRoundTrip(parsed->time);
  }

  // ParseAny is one of the whole-text parsers (syslog only with a year, which ignores the
  // reference).
  const std::optional<TimeNs> any = ParseAny(text);
  if (any) {
    SECKIT_FUZZ_CHECK(any == rfc3339 || any == common ||
                      (syslog && syslog->consumed == size && syslog->time == *any));
  }

  for (const std::optional<TimeNs>& time : {rfc3339, rfc5424, common, epoch, any}) {
    if (time) CheckRoundTrip(*time);
  }
  CheckRoundTrip(reference);
  return 0;
}
