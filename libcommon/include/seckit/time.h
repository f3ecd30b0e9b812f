// Time for seckit: instants as nanoseconds since the Unix epoch (UTC), allocation-free parsers for
// the timestamp formats found in logs, and RFC 3339 formatting for the records' @timestamp.
//
// Range: an int64_t of nanoseconds covers 1677-09-21T00:12:43.145224192Z to
// 2262-04-11T23:47:16.854775807Z. Every parser returns nullopt for an instant outside that range;
// nothing overflows silently.
//
// Rules shared by every parser, decided once here:
// - Dates are proleptic Gregorian; invalid dates (Feb 30, Feb 29 of a common year, month 13) and
//   invalid times (hour 24, minute 60, second 61) are rejected.
// - A leap second (second 60, any minute) is accepted and folded onto the last nanosecond of
//   second 59 of the same minute (its fraction is dropped): the record keeps its minute, sorts
//   after every earlier instant and before the next minute, and is never dropped for it.
// - Fractions keep at most 9 digits (nanoseconds); further digits are accepted and truncated.
// - UTC offsets are "+hh:mm" / "-hh:mm" (also "+hhmm"), hours 00-23, minutes 00-59.
// - Parsers never allocate, never use the locale and never read past the view they are given.
// "Whole text" parsers accept exactly the timestamp (no surrounding spaces); "Prefix" parsers
// accept a timestamp at the start of the text and say how many bytes it took, so a log parser can
// go on from there.
#ifndef SECKIT_TIME_H_
#define SECKIT_TIME_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seckit {

// Nanoseconds since 1970-01-01T00:00:00Z, leap seconds not counted (POSIX time).
using TimeNs = int64_t;

inline constexpr TimeNs kNsPerMicrosecond = 1'000;
inline constexpr TimeNs kNsPerMillisecond = 1'000'000;
inline constexpr TimeNs kNsPerSecond = 1'000'000'000;
inline constexpr TimeNs kNsPerDay = 86'400 * kNsPerSecond;

// A broken-down UTC instant.
struct CivilTime {
  int64_t year = 1970;
  int month = 1;       // 1..12
  int day = 1;         // 1..31
  int hour = 0;        // 0..23
  int minute = 0;      // 0..59
  int second = 0;      // 0..59
  int nanosecond = 0;  // 0..999'999'999
};

bool IsLeapYear(int64_t year);
// Days in `month` (1..12) of `year`; 0 for a month outside 1..12.
int DaysInMonth(int64_t year, int month);
// Days from 1970-01-01 to the given date (negative before it). Needs month 1..12, day 1..31 and
// |year| < 2^40; does not check that the day exists in the month.
int64_t DaysFromCivil(int64_t year, int month, int day);
// The date `days` after 1970-01-01 (hour, minute, second and nanosecond are zero).
CivilTime CivilFromDays(int64_t days);

// The instant of a broken-down time, read as UTC or as local time `utc_offset_seconds` east of
// UTC; nullopt when a field is out of range, the date does not exist, or the instant is outside
// the TimeNs range (the check is on the UTC instant, so local fields may lie just beyond it).
// Second 60 is rejected here.
std::optional<TimeNs> TimeFromCivil(const CivilTime& civil, int utc_offset_seconds = 0);
// The broken-down UTC time of an instant (any TimeNs, including negative ones).
CivilTime CivilFromTime(TimeNs time);

// The current time from CLOCK_REALTIME.
TimeNs Now();

// A timestamp found at the start of a text and the number of bytes it spans.
struct ParsedTime {
  TimeNs time = 0;
  size_t consumed = 0;
};

// RFC 3339: "2026-11-24T11:44:15.123456789Z", "2026-11-24T12:44:15+01:00". Also accepted: a
// lowercase 't'/'z', a single space instead of 'T', 0 to 9 (or more, truncated) fraction digits,
// and "+hhmm" offsets. The offset is required (a zone-less local time is ambiguous); "-00:00" is
// UTC. The year has exactly four digits.
std::optional<TimeNs> ParseRfc3339(std::string_view text);
std::optional<ParsedTime> ParseRfc3339Prefix(std::string_view text);

// An RFC 5424 TIMESTAMP field: the NILVALUE "-" gives nullopt (as does anything invalid; compare
// the text with "-" to tell them apart). Stricter than ParseRfc3339 where RFC 5424 is (uppercase
// 'T' and 'Z', no space separator, no "+hhmm"), more lenient in accepting up to 9 fraction digits
// (RFC 5424 allows 6; some senders write 9).
std::optional<TimeNs> ParseRfc5424Timestamp(std::string_view text);

// The BSD syslog (RFC 3164) timestamp at the start of `text`: "Nov 24 11:44:15", "Nov  4 ...",
// also "Nov 4 ..." and "Nov 04 ...", an optional fraction ("Nov 24 11:44:15.123"), and an optional
// year after the day ("Nov 24 2026 11:44:15", as Cisco devices write). Month names ignore case.
// `consumed` ends right after the seconds (or fraction), so `text.substr(consumed)` starts at the
// space before the host name. The wall-clock time is taken as UTC (the format carries no zone).
//
// Without a year in the text, the year is inferred from `reference` (normally the time the log is
// read, or the file's mtime): the stamp gets the latest year for which it falls no more than 7
// days after `reference`. So reading on 2027-01-03, "Dec 31 ..." is 2026-12-31, "Jan  9 ..." is
// 2027-01-09 (clock skew and late reads are tolerated for a week) and "Jan 11 ..." is
// 2026-01-11. "Feb 29" goes back to the latest leap year satisfying the rule. The candidate
// years are the reference's UTC year + 1 down to - 8.
std::optional<ParsedTime> ParseSyslog3164(std::string_view text, TimeNs reference);

// The Apache/nginx access-log time "24/Nov/2026:11:44:15 +0000", with or without the surrounding
// brackets (both or neither). The day may have one or two digits; the offset is required.
std::optional<TimeNs> ParseCommonLog(std::string_view text);
std::optional<ParsedTime> ParseCommonLogPrefix(std::string_view text);

// A number of seconds, milliseconds, microseconds or nanoseconds since the epoch, optionally
// negative and with a fraction ("1732448655", "1732448655.123", "1732448655123"). The unit is
// chosen by the magnitude of the integer part n, each unit taking 10 digits (years 1970-2286,
// the part of them that TimeNs can hold, i.e. until 2262; larger values give nullopt):
//   |n| < 10^10  seconds
//   |n| < 10^13  milliseconds  (so milliseconds before 1970-04-26 would read as seconds)
//   |n| < 10^16  microseconds
//   otherwise    nanoseconds
// A fraction counts in the chosen unit ("1732448655123.5" is 1732448655123.5 ms).
std::optional<TimeNs> ParseEpoch(std::string_view text);

// Tries the formats that carry a full date, whole text: RFC 3339 (so RFC 5424 too), the access-log
// format, and syslog with a year ("Nov 24 2026 11:44:15"). Not bare numbers (is "2026" a year or a
// second?) nor yearless syslog (needs a reference); call ParseEpoch / ParseSyslog3164 for those.
std::optional<TimeNs> ParseAny(std::string_view text);

// The longest RFC 3339 text FormatRfc3339To writes: "2026-11-24T11:44:15.123456789Z".
inline constexpr size_t kMaxRfc3339Size = 30;

// Writes `time` as RFC 3339 in UTC with 'Z' and `fraction_digits` (clamped to 0..9) digits of
// fraction, truncated, not rounded: "2026-11-24T11:44:15.123456Z" for 6. Writes no NUL; returns
// the number of bytes written (at most kMaxRfc3339Size) to `out`.
size_t FormatRfc3339To(TimeNs time, int fraction_digits, char* out);
// Appends the same text to `out` (no allocation beyond the string's own growth).
void AppendRfc3339(std::string& out, TimeNs time, int fraction_digits = 6);
std::string FormatRfc3339(TimeNs time, int fraction_digits = 6);

}  // namespace seckit

#endif  // SECKIT_TIME_H_
