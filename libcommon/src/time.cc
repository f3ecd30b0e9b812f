// Calendar arithmetic, the clock and RFC 3339 formatting behind seckit/time.h.
#include "seckit/time.h"

#include <time.h>

#include <algorithm>
#include <cstring>
#include <cstdint>

namespace seckit {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;
// Days from 0000-03-01 to 1970-01-01 in the March-based calendar below.
constexpr int64_t kEpochShiftDays = 719'468;
constexpr int64_t kDaysPer400Years = 146'097;
// TimeFromCivil refuses years this far out before multiplying, so nothing can overflow.
constexpr int64_t kMaxAbsYear = 1'000'000;

// Floor division: -1 ns is in the day before the epoch, not in day 0.
int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

char* PutDigits(char* out, int64_t value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

}  // namespace

bool IsLeapYear(int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return (month == 2 && IsLeapYear(year)) ? 29 : kDays[month - 1];
}

// The year is counted from March so that the leap day falls last and every month's offset in the
// year is a fixed linear formula; 400-year eras repeat exactly (146097 days each).
int64_t DaysFromCivil(int64_t year, int month, int day) {
  const int64_t march_year = month <= 2 ? year - 1 : year;
  const int64_t era = FloorDiv(march_year, 400);
  const int64_t year_of_era = march_year - era * 400;  // 0..399
  const int64_t month_from_march = (month + 9) % 12;   // March 0 .. February 11
  // 153 days per 5 months (31+30+31+30+31) spreads the 30/31 pattern from March on.
  const int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * kDaysPer400Years + day_of_era - kEpochShiftDays;
}

CivilTime CivilFromDays(int64_t days) {
  const int64_t shifted = days + kEpochShiftDays;
  const int64_t era = FloorDiv(shifted, kDaysPer400Years);
  const int64_t day_of_era = shifted - era * kDaysPer400Years;  // 0..146096
  // Remove the leap days accumulated so far (every 4th year, not the 100th, but the 400th) to get
  // a count of 365-day years.
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_from_march = (5 * day_of_year + 2) / 153;
  CivilTime civil;
  civil.day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  civil.month =
      static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  civil.year = year_of_era + era * 400 + (civil.month <= 2 ? 1 : 0);
  return civil;
}

std::optional<TimeNs> TimeFromCivil(const CivilTime& c, int utc_offset_seconds) {
  if (c.year < -kMaxAbsYear || c.year > kMaxAbsYear || c.month < 1 || c.month > 12 || c.day < 1 ||
      c.day > DaysInMonth(c.year, c.month) || c.hour < 0 || c.hour > 23 || c.minute < 0 ||
      c.minute > 59 || c.second < 0 || c.second > 59 || c.nanosecond < 0 ||
      c.nanosecond >= kNsPerSecond) {
    return std::nullopt;
  }
  int64_t seconds = DaysFromCivil(c.year, c.month, c.day) * kSecondsPerDay +
                    int64_t{c.hour} * 3600 + int64_t{c.minute} * 60 + c.second - utc_offset_seconds;
  int64_t nanos = c.nanosecond;
  // Borrow a second so the earliest instants (seconds * 10^9 alone below INT64_MIN) still fit.
  if (seconds < 0 && nanos > 0) {
    seconds += 1;
    nanos -= kNsPerSecond;
  }
  TimeNs result;
  if (__builtin_mul_overflow(seconds, kNsPerSecond, &result) ||
      __builtin_add_overflow(result, nanos, &result)) {
    return std::nullopt;
  }
  return result;
}

CivilTime CivilFromTime(TimeNs time) {
  // From the remainder, not time - days * kNsPerDay: in the range's first day (1677-09-21) that
  // product is below INT64_MIN.
  int64_t days = time / kNsPerDay;
  int64_t in_day = time % kNsPerDay;
  if (in_day < 0) {
    in_day += kNsPerDay;  // 0 .. kNsPerDay-1
    --days;
  }
  CivilTime civil = CivilFromDays(days);
  const int64_t seconds = in_day / kNsPerSecond;
  civil.hour = static_cast<int>(seconds / 3600);
  civil.minute = static_cast<int>(seconds / 60 % 60);
  civil.second = static_cast<int>(seconds % 60);
  civil.nanosecond = static_cast<int>(in_day % kNsPerSecond);
  return civil;
}

TimeNs Now() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<TimeNs>(ts.tv_sec) * kNsPerSecond + ts.tv_nsec;
}

namespace {

// The text "YYYY-MM-DDTHH:MM:SS" of the second formatted last, per thread: records come many to
// a second (log lines, packets), and the civil-date arithmetic was most of the formatting time.
struct SecondText {
  int64_t second = INT64_MIN;  // floor(time / kNsPerSecond) of `text`
  char text[19] = {};
};
thread_local SecondText last_second;

}  // namespace

size_t FormatRfc3339To(TimeNs time, int fraction_digits, char* out) {
  fraction_digits = std::clamp(fraction_digits, 0, 9);
  // Floor division and remainder, without forming second * kNsPerSecond (below INT64_MIN in
  // the range's first second).
  int64_t nanosecond = time % kNsPerSecond;
  int64_t second = time / kNsPerSecond;
  if (nanosecond < 0) {
    nanosecond += kNsPerSecond;
    --second;
  }
  SecondText& cached = last_second;
  if (cached.second != second) {
    const CivilTime c = CivilFromTime(time);
    char* p = cached.text;
    p = PutDigits(p, c.year, 4);  // always 1677..2262 for a TimeNs
    *p++ = '-';
    p = PutDigits(p, c.month, 2);
    *p++ = '-';
    p = PutDigits(p, c.day, 2);
    *p++ = 'T';
    p = PutDigits(p, c.hour, 2);
    *p++ = ':';
    p = PutDigits(p, c.minute, 2);
    *p++ = ':';
    PutDigits(p, c.second, 2);
    cached.second = second;
  }
  std::memcpy(out, cached.text, sizeof cached.text);
  char* p = out + sizeof cached.text;
  if (fraction_digits > 0) {
    *p++ = '.';
    int64_t fraction = nanosecond;
    for (int i = fraction_digits; i < 9; ++i) fraction /= 10;  // truncate, never round up
    p = PutDigits(p, fraction, fraction_digits);
  }
  *p++ = 'Z';
  return static_cast<size_t>(p - out);
}

void AppendRfc3339(std::string& out, TimeNs time, int fraction_digits) {
  char buffer[kMaxRfc3339Size];
  out.append(buffer, FormatRfc3339To(time, fraction_digits, buffer));
}

std::string FormatRfc3339(TimeNs time, int fraction_digits) {
  std::string out;
  AppendRfc3339(out, time, fraction_digits);
  return out;
}

}  // namespace seckit
