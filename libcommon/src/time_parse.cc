// The timestamp parsers of seckit/time.h: hand-written scanners over string_view for the log hot
// path (no regex, locale, strptime or allocation).
#include <cstdint>
#include <cstring>

#include "seckit/time.h"

namespace seckit {
namespace {

// A syslog stamp may be this far after the reference (clock skew, a log read a little late).
constexpr TimeNs kSyslogFutureSlack = 7 * kNsPerDay;

// A forward-only cursor over the text; every read is bounds-checked.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  size_t pos() const { return pos_; }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool PeekDigit(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() && IsDigit(text_[pos_ + ahead]);
  }
  bool Eat(char c) {
    if (AtEnd() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  // Exactly `count` decimal digits.
  bool Digits(int count, int& value) {
    if (pos_ + static_cast<size_t>(count) > text_.size()) return false;
    int v = 0;
    for (int i = 0; i < count; ++i) {
      const char c = text_[pos_ + static_cast<size_t>(i)];
      if (!IsDigit(c)) return false;
      v = v * 10 + (c - '0');
    }
    pos_ += static_cast<size_t>(count);
    value = v;
    return true;
  }
  // "." followed by one or more digits, as nanoseconds; digits past the ninth are truncated.
  // Absent (no '.') is 0 ns and succeeds.
  bool Fraction(int& nanos) {
    nanos = 0;
    if (!Eat('.')) return true;
    if (!PeekDigit()) return false;
    int digits = 0;
    while (PeekDigit()) {
      if (digits < 9) nanos = nanos * 10 + (text_[pos_] - '0');
      ++digits;
      ++pos_;
    }
    for (; digits < 9; ++digits) nanos *= 10;
    return true;
  }
  // "Jan".."Dec" in any case; 1..12.
  bool MonthName(int& month) {
    if (pos_ + 3 > text_.size()) return false;
    static constexpr char kNames[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    const char a = Lower(text_[pos_]), b = Lower(text_[pos_ + 1]), c = Lower(text_[pos_ + 2]);
    for (size_t m = 0; m < 12; ++m) {
      if (kNames[3 * m] == a && kNames[3 * m + 1] == b && kNames[3 * m + 2] == c) {
        month = static_cast<int>(m) + 1;
        pos_ += 3;
        return true;
      }
    }
    return false;
  }
  // "+hh:mm" / "-hh:mm", and "+hhmm" when `allow_compact`; the offset east of UTC in seconds.
  bool Offset(bool allow_compact, int& seconds) {
    const char sign = Peek();
    if (sign != '+' && sign != '-') return false;
    ++pos_;
    int hours = 0, minutes = 0;
    if (!Digits(2, hours)) return false;
    if (!Eat(':') && !allow_compact) return false;
    if (!Digits(2, minutes) || hours > 23 || minutes > 59) return false;
    seconds = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    return true;
  }

 private:
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
  static char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

  std::string_view text_;
  size_t pos_ = 0;
};

// Turns parsed fields into an instant: folds a leap second, validates, applies the UTC offset.
std::optional<TimeNs> Compose(CivilTime civil, int offset_seconds) {
  if (civil.second == 60) {
    civil.second = 59;
    civil.nanosecond = static_cast<int>(kNsPerSecond - 1);
  }
  return TimeFromCivil(civil, offset_seconds);
}

// "hh:mm:ss" with an optional fraction into `civil`.
bool ClockTime(Scanner& in, CivilTime& civil) {
  return in.Digits(2, civil.hour) && in.Eat(':') && in.Digits(2, civil.minute) && in.Eat(':') &&
         in.Digits(2, civil.second) && in.Fraction(civil.nanosecond);
}

struct Rfc3339Rules {
  bool lenient;  // lowercase t/z, ' ' for 'T', "+hhmm"
};

std::optional<ParsedTime> ScanRfc3339(std::string_view text, Rfc3339Rules rules) {
  Scanner in(text);
  CivilTime civil;
  int year = 0;
  if (!in.Digits(4, year) || !in.Eat('-') || !in.Digits(2, civil.month) || !in.Eat('-') ||
      !in.Digits(2, civil.day)) {
    return std::nullopt;
  }
  civil.year = year;
  if (!in.Eat('T') && !(rules.lenient && (in.Eat('t') || in.Eat(' ')))) return std::nullopt;
  if (!ClockTime(in, civil)) return std::nullopt;
  int offset = 0;
  if (!in.Eat('Z') && !(rules.lenient && in.Eat('z')) && !in.Offset(rules.lenient, offset)) {
    return std::nullopt;
  }
  std::optional<TimeNs> time = Compose(civil, offset);
  if (!time) return std::nullopt;
  return ParsedTime{*time, in.pos()};
}

std::optional<TimeNs> Whole(std::optional<ParsedTime> parsed, std::string_view text) {
  if (!parsed || parsed->consumed != text.size()) return std::nullopt;
  return parsed->time;
}

// The fields of a syslog stamp; `has_year` says whether the text gave civil.year.
struct SyslogFields {
  CivilTime civil;
  bool has_year = false;
  size_t consumed = 0;
};

bool ScanSyslog(std::string_view text, SyslogFields& fields) {
  Scanner in(text);
  CivilTime& civil = fields.civil;
  if (!in.MonthName(civil.month) || !in.Eat(' ')) return false;
  if (in.Eat(' ')) {  // space-padded day: "Nov  4"
    if (!in.Digits(1, civil.day)) return false;
  } else if (!in.Digits(in.PeekDigit(1) ? 2 : 1, civil.day)) {
    return false;
  }
  if (!in.Eat(' ')) return false;
  // "Nov 24 2026 11:44:15": four digits then a space is a year; "11:" is the clock.
  if (in.PeekDigit(2) && in.PeekDigit(3)) {
    int year = 0;
    if (!in.Digits(4, year) || !in.Eat(' ')) return false;
    civil.year = year;
    fields.has_year = true;
  }
  if (!ClockTime(in, civil)) return false;
  fields.consumed = in.pos();
  return true;
}

}  // namespace

std::optional<ParsedTime> ParseRfc3339Prefix(std::string_view text) {
  return ScanRfc3339(text, Rfc3339Rules{true});
}

std::optional<TimeNs> ParseRfc3339(std::string_view text) {
  return Whole(ParseRfc3339Prefix(text), text);
}

std::optional<TimeNs> ParseRfc5424Timestamp(std::string_view text) {
  if (text == "-") return std::nullopt;
  return Whole(ScanRfc3339(text, Rfc3339Rules{false}), text);
}

std::optional<ParsedTime> ParseSyslog3164(std::string_view text, TimeNs reference) {
  SyslogFields fields;
  if (!ScanSyslog(text, fields)) return std::nullopt;
  if (fields.has_year) {
    std::optional<TimeNs> time = Compose(fields.civil, 0);
    if (!time) return std::nullopt;
    return ParsedTime{*time, fields.consumed};
  }
  TimeNs latest;  // the latest acceptable instant
  if (__builtin_add_overflow(reference, kSyslogFutureSlack, &latest)) latest = INT64_MAX;
  const int64_t reference_year = CivilFromTime(reference).year;
  // Newest candidate first; eight years back always reaches a leap year for "Feb 29".
  for (int64_t year = reference_year + 1; year >= reference_year - 8; --year) {
    fields.civil.year = year;
    std::optional<TimeNs> time = Compose(fields.civil, 0);
    if (time && *time <= latest) return ParsedTime{*time, fields.consumed};
  }
  return std::nullopt;
}

namespace {

std::optional<ParsedTime> ParseCommonLogPrefixUncached(std::string_view text) {
  Scanner in(text);
  const bool bracketed = in.Eat('[');
  CivilTime civil;
  int year = 0;
  if (!in.Digits(in.PeekDigit(1) ? 2 : 1, civil.day) || !in.Eat('/') ||
      !in.MonthName(civil.month) || !in.Eat('/') || !in.Digits(4, year) || !in.Eat(':') ||
      !ClockTime(in, civil) || !in.Eat(' ')) {
    return std::nullopt;
  }
  civil.year = year;
  int offset = 0;
  if (!in.Offset(/*allow_compact=*/true, offset)) return std::nullopt;
  if (bracketed && !in.Eat(']')) return std::nullopt;
  std::optional<TimeNs> time = Compose(civil, offset);
  if (!time) return std::nullopt;
  return ParsedTime{*time, in.pos()};
}

// The last bracketed time read, per thread: an access log has many lines a second, and
// "[dd/Mon/yyyy:HH:MM:SS +zzzz]" then repeats byte for byte. The parse reads nothing past the
// closing ']', so the same bytes up to it always give the same time.
struct LastCommonLogTime {
  char text[40] = {};
  size_t size = 0;  // 0: nothing cached
  TimeNs time = 0;
};
thread_local LastCommonLogTime last_common_log_time;

}  // namespace

std::optional<ParsedTime> ParseCommonLogPrefix(std::string_view text) {
  LastCommonLogTime& last = last_common_log_time;
  if (last.size != 0 && text.size() >= last.size &&
      std::memcmp(text.data(), last.text, last.size) == 0) {
    return ParsedTime{last.time, last.size};
  }
  std::optional<ParsedTime> parsed = ParseCommonLogPrefixUncached(text);
  if (parsed && text[0] == '[' && parsed->consumed <= sizeof last.text) {
    std::memcpy(last.text, text.data(), parsed->consumed);
    last.size = parsed->consumed;
    last.time = parsed->time;
  }
  return parsed;
}

std::optional<TimeNs> ParseCommonLog(std::string_view text) {
  return Whole(ParseCommonLogPrefix(text), text);
}

std::optional<TimeNs> ParseAny(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const char first = text[0];
  if (first >= '0' && first <= '9') {
    if (text.size() > 4 && text[4] == '-') return ParseRfc3339(text);
    return ParseCommonLog(text);
  }
  if (first == '[') return ParseCommonLog(text);
  SyslogFields fields;
  if (!ScanSyslog(text, fields) || !fields.has_year || fields.consumed != text.size()) {
    return std::nullopt;
  }
  return Compose(fields.civil, 0);
}

std::optional<TimeNs> ParseEpoch(std::string_view text) {
  size_t pos = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++pos;
  uint64_t whole = 0;
  const size_t whole_start = pos;
  for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
    if (pos - whole_start >= 19) return std::nullopt;  // beyond any TimeNs
    whole = whole * 10 + static_cast<uint64_t>(text[pos] - '0');
  }
  if (pos == whole_start) return std::nullopt;
  uint64_t fraction = 0, fraction_scale = 1;
  if (pos < text.size() && text[pos] == '.') {
    const size_t fraction_start = ++pos;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
      if (fraction_scale < 1'000'000'000) {
        fraction = fraction * 10 + static_cast<uint64_t>(text[pos] - '0');
        fraction_scale *= 10;
      }
    }
    if (pos == fraction_start) return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  uint64_t unit = 1;  // nanoseconds per unit of the integer part
  if (whole < 10'000'000'000ULL) {
    unit = kNsPerSecond;
  } else if (whole < 10'000'000'000'000ULL) {
    unit = kNsPerMillisecond;
  } else if (whole < 10'000'000'000'000'000ULL) {
    unit = kNsPerMicrosecond;
  }
  uint64_t magnitude;
  if (__builtin_mul_overflow(whole, unit, &magnitude) ||
      __builtin_add_overflow(magnitude, fraction * unit / fraction_scale, &magnitude)) {
    return std::nullopt;
  }
  // INT64_MIN has no positive counterpart, so the negative limit is one larger.
  if (magnitude > static_cast<uint64_t>(INT64_MAX) + (negative ? 1 : 0)) return std::nullopt;
  return negative ? static_cast<TimeNs>(0 - magnitude) : static_cast<TimeNs>(magnitude);
}

}  // namespace seckit
