// Backoff bounds and Retry-After parsing (seconds and the three HTTP-date forms).
#include "retry_policy.h"

#include <gtest/gtest.h>

namespace seckit::ioc_enrich {
namespace {

constexpr TimeNs kSec = kNsPerSecond;
// 2026-10-21T07:28:00Z
constexpr TimeNs kWhen = 1792567680LL * kSec;

TEST(RetryPolicy, RetryableStatuses) {
  for (long s : {408L, 429L, 500L, 502L, 503L, 504L}) EXPECT_TRUE(IsRetryableStatus(s)) << s;
  for (long s : {200L, 204L, 301L, 400L, 401L, 403L, 404L, 501L}) {
    EXPECT_FALSE(IsRetryableStatus(s)) << s;
  }
  EXPECT_TRUE(HonoursRetryAfter(429));
  EXPECT_TRUE(HonoursRetryAfter(503));
  EXPECT_FALSE(HonoursRetryAfter(500));
}

TEST(RetryPolicy, BackoffDoublesWithFullJitterUpToTheCap) {
  std::mt19937_64 rng(7);
  const TimeNs base = 100 * kNsPerMillisecond;
  for (int retry = 1; retry <= 12; ++retry) {
    const TimeNs ceiling = std::min<TimeNs>(base << (retry - 1), 2 * kSec);
    TimeNs largest = 0;
    for (int i = 0; i < 2000; ++i) {
      const TimeNs d = BackoffDelay(retry, base, 2 * kSec, rng);
      ASSERT_GE(d, 0);
      ASSERT_LE(d, ceiling);
      largest = std::max(largest, d);
    }
    EXPECT_GT(largest, ceiling / 2) << "jitter spans the range, retry " << retry;
  }
  EXPECT_EQ(BackoffDelay(3, 0, kSec, rng), 0);
  EXPECT_LE(BackoffDelay(1000, base, 2 * kSec, rng), 2 * kSec);  // no overflow
}

TEST(RetryPolicy, RetryAfterSeconds) {
  EXPECT_EQ(ParseRetryAfter("120", kWhen), 120 * kSec);
  EXPECT_EQ(ParseRetryAfter(" 0 ", kWhen), 0);
  EXPECT_EQ(ParseRetryAfter("7\r\n", kWhen), 7 * kSec);
  EXPECT_EQ(ParseRetryAfter("99999999999999999999", kWhen), 100LL * 365 * 86400 * kSec);
}

TEST(RetryPolicy, RetryAfterHttpDates) {
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2026 07:28:30 GMT", kWhen), 30 * kSec);      // IMF-fixdate
  EXPECT_EQ(ParseRetryAfter("Wednesday, 21-Oct-26 07:29:00 GMT", kWhen), 60 * kSec);  // RFC 850
  EXPECT_EQ(ParseRetryAfter("Wed Oct 21 07:28:05 2026", kWhen), 5 * kSec);            // asctime
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2026 07:27:00 GMT", kWhen), 0);  // already past
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", kWhen + 500 * kNsPerMillisecond), 0);
}

TEST(RetryPolicy, RetryAfterGarbage) {
  EXPECT_EQ(ParseRetryAfter("", kWhen), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("soon", kWhen), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("-5", kWhen), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("1.5", kWhen), std::nullopt);
}

}  // namespace
}  // namespace seckit::ioc_enrich
