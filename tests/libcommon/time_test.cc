// Tests for seckit/time.h: table-driven parser cases, range edges, and random instants checked
// against glibc's timegm/gmtime_r and date(1), which share no code with our calendar arithmetic.
#include "seckit/time.h"

#include <gtest/gtest.h>
#include <time.h>

#include <cinttypes>
#include <cstdio>
#include <random>
#include <string>

#include "test_support.h"

namespace seckit {
namespace {

constexpr TimeNs S(int64_t seconds) { return seconds * kNsPerSecond; }
constexpr TimeNs k20261124 = S(1795520655);  // 2026-11-24T11:44:15Z (python calendar.timegm)

// The reference text for `t` built from gmtime_r alone.
std::string GlibcRfc3339(TimeNs t) {
  time_t seconds = static_cast<time_t>(t / kNsPerSecond);
  int64_t nanos = t % kNsPerSecond;
  if (nanos < 0) {
    nanos += kNsPerSecond;
    --seconds;
  }
  tm parts{};
  EXPECT_NE(gmtime_r(&seconds, &parts), nullptr);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%09" PRId64 "Z",
                parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min,
                parts.tm_sec, nanos);
  return text;
}

struct ParseCase {
  const char* text;
  std::optional<TimeNs> expected;
};

TEST(Rfc3339, Table) {
  const ParseCase cases[] = {
      {"2026-11-24T11:44:15Z", k20261124},
      {"2026-11-24T11:44:15.123456789Z", k20261124 + 123456789},
      {"2026-11-24T11:44:15.1Z", k20261124 + 100000000},
      {"2026-11-24T11:44:15.000001Z", k20261124 + 1000},
      {"2026-11-24T11:44:15.1234567891234Z", k20261124 + 123456789},  // truncated past ns
      {"2026-11-24t11:44:15z", k20261124},
      {"2026-11-24 11:44:15Z", k20261124},
      {"2026-11-24T12:44:15+01:00", k20261124},
      {"2026-11-24T12:44:15+0100", k20261124},
      {"2026-11-24T06:14:15-05:30", k20261124},
      {"2026-11-24T11:44:15-00:00", k20261124},
      {"2026-11-25T00:44:15+13:00", k20261124},
      {"1969-12-31T23:59:59Z", S(-1)},
      {"1969-12-31T23:59:59.999999999Z", -1},
      {"1900-03-01T00:00:00Z", S(-2203891200)},
      {"2000-02-29T12:00:00Z", S(951825600)},
      {"2100-03-01T00:00:00Z", S(4107542400)},
      {"2038-01-19T03:14:08Z", S(2147483648)},
      // Leap second: folded onto the last nanosecond of :59.
      {"2016-12-31T23:59:60Z", S(1483228799) + 999999999},
      {"2016-12-31T23:59:60.5Z", S(1483228799) + 999999999},
      // The edges of the TimeNs range.
      {"1677-09-21T00:12:43.145224192Z", INT64_MIN},
      {"2262-04-11T23:47:16.854775807Z", INT64_MAX},
      {"1677-09-21T00:12:43.145224191Z", std::nullopt},
      {"2262-04-11T23:47:16.854775808Z", std::nullopt},
      {"2262-04-12T00:47:16.854775807+01:00", INT64_MAX},
      {"2262-04-11T23:47:16.854775807-00:01", std::nullopt},
      {"9999-12-31T23:59:59Z", std::nullopt},
      {"0000-01-01T00:00:00Z", std::nullopt},
      // Invalid dates and times.
      {"2026-02-29T00:00:00Z", std::nullopt},
      {"1900-02-29T00:00:00Z", std::nullopt},
      {"2026-02-30T00:00:00Z", std::nullopt},
      {"2026-04-31T00:00:00Z", std::nullopt},
      {"2026-13-01T00:00:00Z", std::nullopt},
      {"2026-00-01T00:00:00Z", std::nullopt},
      {"2026-01-00T00:00:00Z", std::nullopt},
      {"2026-11-24T24:00:00Z", std::nullopt},
      {"2026-11-24T11:60:00Z", std::nullopt},
      {"2026-11-24T11:44:61Z", std::nullopt},
      {"2026-11-24T11:44:15+24:00", std::nullopt},
      {"2026-11-24T11:44:15+01:60", std::nullopt},
      // Malformed.
      {"", std::nullopt},
      {"2026-11-24T11:44:15", std::nullopt},  // no offset
      {"2026-11-24T11:44:15.Z", std::nullopt},
      {"2026-11-24T11:44Z", std::nullopt},
      {"2026-11-24X11:44:15Z", std::nullopt},
      {"2026-11-24  11:44:15Z", std::nullopt},
      {"26-11-24T11:44:15Z", std::nullopt},
      {"2026-1-24T11:44:15Z", std::nullopt},
      {"2026-11-24T11:44:15Z ", std::nullopt},
      {" 2026-11-24T11:44:15Z", std::nullopt},
      {"2026-11-24T11:44:15+01", std::nullopt},
      {"2026-11-24T11:44:15+01:0", std::nullopt},
      {"2026-11-24T1a:44:15Z", std::nullopt},
  };
  for (const ParseCase& c : cases) {
    EXPECT_EQ(ParseRfc3339(c.text), c.expected) << c.text;
  }
}

TEST(Rfc3339, PrefixReportsConsumedBytes) {
  const std::string line = "2026-11-24T12:44:15.5+01:00 host sshd[1]: Accepted";
  std::optional<ParsedTime> parsed = ParseRfc3339Prefix(line);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->time, k20261124 + 500000000);
  EXPECT_EQ(line.substr(parsed->consumed), " host sshd[1]: Accepted");
  // The view ends inside the timestamp: no reading past it.
  EXPECT_FALSE(ParseRfc3339Prefix(std::string_view(line).substr(0, 24)));
}

TEST(Rfc5424, SubsetAndNilValue) {
  EXPECT_EQ(ParseRfc5424Timestamp("2026-11-24T11:44:15.003Z"), k20261124 + 3000000);
  EXPECT_EQ(ParseRfc5424Timestamp("2026-11-24T04:44:15.000003-07:00"), k20261124 + 3000);
  EXPECT_EQ(ParseRfc5424Timestamp("2026-11-24T11:44:15.123456789Z"), k20261124 + 123456789);
  EXPECT_FALSE(ParseRfc5424Timestamp("-"));
  EXPECT_FALSE(ParseRfc5424Timestamp(""));
  EXPECT_FALSE(ParseRfc5424Timestamp("2026-11-24 11:44:15Z"));
  EXPECT_FALSE(ParseRfc5424Timestamp("2026-11-24t11:44:15Z"));
  EXPECT_FALSE(ParseRfc5424Timestamp("2026-11-24T11:44:15z"));
  EXPECT_FALSE(ParseRfc5424Timestamp("2026-11-24T12:44:15+0100"));
  EXPECT_FALSE(ParseRfc5424Timestamp("2026-11-24T11:44:15Z host"));
}

TEST(CommonLog, Table) {
  const ParseCase cases[] = {
      {"24/Nov/2026:11:44:15 +0000", k20261124},     {"[24/Nov/2026:11:44:15 +0000]", k20261124},
      {"[24/nov/2026:12:44:15 +0100]", k20261124},   {"24/Nov/2026:03:44:15 -0800", k20261124},
      {"24/Nov/2026:11:44:15 +00:00", k20261124},    {"4/Jan/1970:00:00:00 +0000", S(3 * 86400)},
      {"31/Dec/1969:23:59:59 +0000", S(-1)},         {"[24/Nov/2026:11:44:15 +0000", std::nullopt},
      {"24/Nov/2026:11:44:15 +0000]", std::nullopt}, {"24/Nov/2026:11:44:15", std::nullopt},
      {"31/Nov/2026:11:44:15 +0000", std::nullopt},  {"24/Nox/2026:11:44:15 +0000", std::nullopt},
      {"24-Nov-2026:11:44:15 +0000", std::nullopt},
  };
  for (const ParseCase& c : cases) {
    EXPECT_EQ(ParseCommonLog(c.text), c.expected) << c.text;
  }
  const std::string line = "[24/Nov/2026:11:44:15 +0000] \"GET / HTTP/1.1\" 200";
  std::optional<ParsedTime> parsed = ParseCommonLogPrefix(line);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(line.substr(parsed->consumed), " \"GET / HTTP/1.1\" 200");
}

// The last bracketed time is remembered: a repeat, a text that only shares a prefix with it, one
// cut before its ']', and a different time must each be read as on their own.
TEST(CommonLog, RepeatsAndNearMissesOfTheLastTime) {
  const std::string same = "[24/Nov/2026:11:44:15 +0000]";
  for (int round = 0; round < 3; ++round) {
    std::optional<ParsedTime> parsed = ParseCommonLogPrefix(same + " rest");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->time, k20261124);
    EXPECT_EQ(parsed->consumed, same.size());
    EXPECT_FALSE(ParseCommonLogPrefix("[24/Nov/2026:11:44:15 +0000"));
    EXPECT_FALSE(ParseCommonLogPrefix("[24/Nov/2026:11:44:1"));
    EXPECT_EQ(ParseCommonLog("[24/Nov/2026:11:44:16 +0000]"), k20261124 + S(1));
    EXPECT_EQ(ParseCommonLog("[24/Nov/2026:11:44:15 +0100]"), k20261124 - S(3600));
    EXPECT_EQ(ParseCommonLog(same), k20261124);
    EXPECT_FALSE(ParseCommonLog(same + " rest"));  // not whole
  }
}

TEST(Syslog3164, FormsAndConsumedBytes) {
  const TimeNs reference = k20261124 + S(3600);
  struct Case {
    const char* text;
    std::optional<TimeNs> expected;
    size_t consumed;
  };
  const TimeNs nov4 = k20261124 - S(20 * 86400);
  const Case cases[] = {
      {"Nov 24 11:44:15 host sshd[42]: x", k20261124, 15},
      {"nov 24 11:44:15 host", k20261124, 15},
      {"Nov  4 11:44:15 host", nov4, 15},
      {"Nov 4 11:44:15 host", nov4, 14},
      {"Nov 04 11:44:15 host", nov4, 15},
      {"Nov 24 11:44:15.250 host", k20261124 + 250000000, 19},
      {"Nov 24 2026 11:44:15: %SYS-5", k20261124, 20},
      {"Nov 24 1999 11:44:15 host", S(943443855), 20},
      {"Nov 24 11:44:15", k20261124, 15},
      {"Nov 31 11:44:15 host", std::nullopt, 0},
      {"Nov 24 24:44:15 host", std::nullopt, 0},
      {"Nov 24 11:44 host", std::nullopt, 0},
      {"Nov   4 11:44:15 host", std::nullopt, 0},
      {"Nov 24  11:44:15 host", std::nullopt, 0},
      {"Now 24 11:44:15 host", std::nullopt, 0},
      {"Nov 24 11:44:1", std::nullopt, 0},
  };
  for (const Case& c : cases) {
    std::optional<ParsedTime> parsed = ParseSyslog3164(c.text, reference);
    ASSERT_EQ(parsed.has_value(), c.expected.has_value()) << c.text;
    if (!parsed) continue;
    EXPECT_EQ(parsed->time, *c.expected) << c.text;
    EXPECT_EQ(parsed->consumed, c.consumed) << c.text;
  }
}

TimeNs Utc(int64_t year, int month, int day) {
  return *TimeFromCivil(CivilTime{year, month, day, 0, 0, 0, 0});
}

TEST(Syslog3164, YearInference) {
  const TimeNs jan3 = Utc(2027, 1, 3) + S(12 * 3600);
  struct Case {
    const char* text;
    TimeNs reference;
    TimeNs expected;
  };
  const Case cases[] = {
      {"Dec 31 00:00:00", jan3, Utc(2026, 12, 31)},  // last year's lines read in January
      {"Jan  3 00:00:00", jan3, Utc(2027, 1, 3)},
      {"Jan 10 00:00:00", jan3, Utc(2027, 1, 10)},  // 6.5 days ahead: clock skew, still this year
      {"Jan 11 00:00:00", jan3, Utc(2026, 1, 11)},  // 7.5 days ahead: a year ago
      {"Jan  1 00:00:00", Utc(2026, 12, 28), Utc(2027, 1, 1)},  // just ahead across New Year
      {"Jun 15 00:00:00", Utc(2026, 12, 28), Utc(2026, 6, 15)},
      {"Feb 29 00:00:00", Utc(2027, 1, 1), Utc(2024, 2, 29)},  // latest leap year
      {"Feb 29 00:00:00", Utc(2028, 3, 1), Utc(2028, 2, 29)},
      {"Feb 29 00:00:00", Utc(2104, 1, 1), Utc(2096, 2, 29)},  // 2100 is not a leap year
      {"Dec 31 23:59:59", Utc(1970, 1, 2), Utc(1969, 12, 31) + S(86399)},
  };
  for (const Case& c : cases) {
    std::optional<ParsedTime> parsed = ParseSyslog3164(c.text, c.reference);
    ASSERT_TRUE(parsed) << c.text;
    EXPECT_EQ(FormatRfc3339(parsed->time, 0), FormatRfc3339(c.expected, 0))
        << c.text << " read at " << FormatRfc3339(c.reference, 0);
  }
}

TEST(Epoch, UnitByMagnitude) {
  const ParseCase cases[] = {
      {"1732448655", S(1732448655)},
      {"1732448655.123", S(1732448655) + 123000000},
      {"1732448655.123456789999", S(1732448655) + 123456789},
      {"1732448655123", S(1732448655) + 123000000},        // ms
      {"1732448655123.5", S(1732448655) + 123500000},      // ms with a fraction
      {"1732448655123456", S(1732448655) + 123456000},     // µs
      {"1732448655123456789", S(1732448655) + 123456789},  // ns
      {"0", 0},
      {"9223372036", S(9223372036)},  // the last second TimeNs holds
      {"9223372037", std::nullopt},   // seconds past 2262
      {"9999999999", std::nullopt},
      {"10000000000", S(10000000)},  // smallest milliseconds value
      {"9223372036854", 9223372036854 * kNsPerMillisecond},
      {"9999999999999", std::nullopt},
      {"10000000000000", 10000000000000 * kNsPerMicrosecond},
      {"9999999999999999", std::nullopt},
      {"10000000000000000", 10000000000000000},  // smallest nanoseconds value
      {"-1", S(-1)},
      {"-1.5", -1500000000},
      {"-86400", S(-86400)},
      {"9223372036854775807", INT64_MAX},
      {"-9223372036854775808", INT64_MIN},
      {"9223372036854775808", std::nullopt},
      {"12345678901234567890", std::nullopt},
      {"", std::nullopt},
      {"-", std::nullopt},
      {".5", std::nullopt},
      {"1.", std::nullopt},
      {"+1", std::nullopt},
      {"1e9", std::nullopt},
      {" 1", std::nullopt},
  };
  for (const ParseCase& c : cases) {
    EXPECT_EQ(ParseEpoch(c.text), c.expected) << c.text;
  }
}

TEST(ParseAny, FullDateFormatsOnly) {
  EXPECT_EQ(ParseAny("2026-11-24T11:44:15Z"), k20261124);
  EXPECT_EQ(ParseAny("2026-11-24 12:44:15.000+01:00"), k20261124);
  EXPECT_EQ(ParseAny("[24/Nov/2026:11:44:15 +0000]"), k20261124);
  EXPECT_EQ(ParseAny("24/Nov/2026:11:44:15 +0000"), k20261124);
  EXPECT_EQ(ParseAny("Nov 24 2026 11:44:15"), k20261124);
  EXPECT_FALSE(ParseAny("Nov 24 11:44:15"));
  EXPECT_FALSE(ParseAny("1795520655"));
  EXPECT_FALSE(ParseAny("2026"));
  EXPECT_FALSE(ParseAny(""));
  EXPECT_FALSE(ParseAny("yesterday"));
}

TEST(Format, DigitsAndTruncation) {
  const TimeNs t = k20261124 + 123456789;
  EXPECT_EQ(FormatRfc3339(t), "2026-11-24T11:44:15.123456Z");
  EXPECT_EQ(FormatRfc3339(t, 9), "2026-11-24T11:44:15.123456789Z");
  EXPECT_EQ(FormatRfc3339(t, 3), "2026-11-24T11:44:15.123Z");
  EXPECT_EQ(FormatRfc3339(t, 0), "2026-11-24T11:44:15Z");
  EXPECT_EQ(FormatRfc3339(t, 42), "2026-11-24T11:44:15.123456789Z");
  EXPECT_EQ(FormatRfc3339(k20261124 + 999999999, 3), "2026-11-24T11:44:15.999Z");
  EXPECT_EQ(FormatRfc3339(-1, 9), "1969-12-31T23:59:59.999999999Z");
  EXPECT_EQ(FormatRfc3339(INT64_MIN, 9), "1677-09-21T00:12:43.145224192Z");
  EXPECT_EQ(FormatRfc3339(INT64_MAX, 9), "2262-04-11T23:47:16.854775807Z");
  std::string out = "@timestamp=";
  AppendRfc3339(out, 0);
  EXPECT_EQ(out, "@timestamp=1970-01-01T00:00:00.000000Z");
}

// The formatter keeps the text of the last second it wrote: times in the same second, the next,
// the one before, and on both sides of the epoch and of the range's ends must each come out as
// gmtime_r says, in whatever order they are asked.
TEST(Format, RepeatedAndNeighbouringSecondsAgreeWithGmtime) {
  const TimeNs times[] = {k20261124,     k20261124 + 1,  k20261124 + 999999999,
                          k20261124 - 1, k20261124 + S(1), k20261124,
                          -S(1),         -S(1) + 1,       -1,
                          0,             -1,              S(86400) - 1,
                          S(86400),      INT64_MIN,       INT64_MIN + 1,
                          INT64_MAX,     INT64_MAX - 1,   k20261124 + 5};
  for (int round = 0; round < 2; ++round) {
    for (TimeNs t : times) EXPECT_EQ(FormatRfc3339(t, 9), GlibcRfc3339(t)) << t;
  }
}

TEST(Civil, CalendarHelpers) {
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_FALSE(IsLeapYear(2026));
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2100, 2), 28);
  EXPECT_EQ(DaysInMonth(2026, 13), 0);
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_FALSE(TimeFromCivil(CivilTime{2026, 11, 24, 11, 44, 60, 0}));
  EXPECT_FALSE(TimeFromCivil(CivilTime{2026, 11, 24, 11, 44, 15, 1000000000}));
}

// Every day from 1600 to 2400 (century leap rules included) against gmtime_r and timegm. Fields
// are compared, not just day numbers: timegm would quietly normalize "2100-02-29" to March 1.
TEST(Civil, EveryDayAgainstGlibc) {
  for (int64_t days = DaysFromCivil(1600, 1, 1); days <= DaysFromCivil(2400, 12, 31); ++days) {
    const time_t seconds = static_cast<time_t>(days * 86400);
    tm parts{};
    ASSERT_NE(gmtime_r(&seconds, &parts), nullptr);
    const CivilTime c = CivilFromDays(days);
    ASSERT_EQ(c.year, parts.tm_year + 1900) << "day " << days;
    ASSERT_EQ(c.month, parts.tm_mon + 1) << "day " << days;
    ASSERT_EQ(c.day, parts.tm_mday) << "day " << days;
    ASSERT_EQ(DaysFromCivil(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday), days);
    ASSERT_EQ(timegm(&parts), seconds);
  }
}

TEST(Random, FormatAndParseAgainstGlibc) {
  std::mt19937_64 random(20261124);
  std::uniform_int_distribution<int64_t> any_time(INT64_MIN, INT64_MAX);
  std::uniform_int_distribution<int> any_offset(-(23 * 60 + 59), 23 * 60 + 59);
  for (int i = 0; i < 5000; ++i) {
    const TimeNs t = any_time(random);
    const std::string text = FormatRfc3339(t, 9);
    ASSERT_EQ(text, GlibcRfc3339(t));
    ASSERT_EQ(ParseRfc3339(text), t) << text;
    // The same instant written in a random zone: local fields from gmtime_r of t + offset.
    const int offset_minutes = any_offset(random);
    TimeNs shifted;
    if (__builtin_add_overflow(t, S(offset_minutes * 60), &shifted)) continue;
    std::string local = GlibcRfc3339(shifted);
    local.pop_back();  // 'Z'
    char zone[16];  // "+HH:MM"; room for what the compiler cannot prove a / 60 fits in
    const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
    ASSERT_EQ(ParseRfc3339(local + zone), t) << local + zone;
  }
}

TEST(Random, AgainstDateCommand) {
  if (!testing::HaveProgram("date")) GTEST_SKIP() << "date(1) not found";
  std::mt19937_64 random(42);
  // date's own range is narrower than TimeNs'; stay within years 1700..2250.
  std::uniform_int_distribution<int64_t> seconds(-8'520'000'000, 8'830'000'000);
  for (int i = 0; i < 8; ++i) {
    const int64_t s = seconds(random);
    testing::CommandResult date =
        testing::Run({"date", "-u", "-d", "@" + std::to_string(s), "+%Y-%m-%dT%H:%M:%SZ"});
    ASSERT_EQ(date.exit_code, 0) << date.err;
    EXPECT_EQ(date.out, FormatRfc3339(S(s), 0) + "\n");
    EXPECT_EQ(ParseRfc3339(date.out.substr(0, date.out.size() - 1)), S(s));
  }
}

TEST(Now, IsCurrent) {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  const TimeNs ours = Now();
  EXPECT_LE(ts.tv_sec * kNsPerSecond + ts.tv_nsec, ours);
  EXPECT_LT(ours - (ts.tv_sec * kNsPerSecond + ts.tv_nsec), S(5));
}

// Found by fuzz_time_parse: CivilFromTime overflowed (days * kNsPerDay below INT64_MIN, UBSan
// reports it) for any instant in the first day of the range, 1677-09-21.
TEST(Regression, CivilFromTimeInFirstDayOfRange) {
  const CivilTime first = CivilFromTime(INT64_MIN);
  EXPECT_EQ(first.year, 1677);
  EXPECT_EQ(first.month, 9);
  EXPECT_EQ(first.day, 21);
  EXPECT_EQ(first.hour, 0);
  EXPECT_EQ(first.minute, 12);
  EXPECT_EQ(first.second, 43);
  EXPECT_EQ(first.nanosecond, 145224192);
  EXPECT_EQ(TimeFromCivil(first), INT64_MIN);
  const std::optional<TimeNs> parsed = ParseRfc3339("1677-09-21T23:59:59.5Z");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(FormatRfc3339(*parsed, 1), "1677-09-21T23:59:59.5Z");
  EXPECT_EQ(FormatRfc3339(*parsed + kNsPerSecond / 2, 0), "1677-09-22T00:00:00Z");
}

}  // namespace
}  // namespace seckit
