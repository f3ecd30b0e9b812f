// RateLimiter with a hand-driven clock: N per window, slots held until a window after the end.
#include "rate_limiter.h"

#include <gtest/gtest.h>

namespace seckit::ioc_enrich {
namespace {

constexpr TimeNs kSec = kNsPerSecond;

TEST(RateLimiter, DefaultIsUnlimited) {
  RateLimiter limiter;
  EXPECT_TRUE(limiter.unlimited());
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(limiter.TrySend(0));
  EXPECT_EQ(limiter.NextSendTime(5), 5);
}

TEST(RateLimiter, ZeroOrNegativeRateIsUnlimited) {
  EXPECT_TRUE(RateLimiter(0, 60 * kSec).unlimited());
  EXPECT_TRUE(RateLimiter(-3, 60 * kSec).unlimited());
}

TEST(RateLimiter, PerWindowFromRateAndWindow) {
  EXPECT_EQ(RateLimiter(600, kSec).limit(), 10);
  EXPECT_EQ(RateLimiter(4, 60 * kSec).limit(), 4);
  EXPECT_EQ(RateLimiter(2.5, 60 * kSec).limit(), 2);  // never above the rate in any window
  // Too slow for one per window: one per 60/rate seconds instead.
  const RateLimiter slow(0.5, 60 * kSec);
  EXPECT_EQ(slow.limit(), 1);
  EXPECT_EQ(slow.window(), 120 * kSec);
}

TEST(RateLimiter, SlotIsHeldUntilAWindowAfterTheEnd) {
  RateLimiter limiter(120, kSec);  // 2 per second
  EXPECT_TRUE(limiter.TrySend(0));
  EXPECT_TRUE(limiter.TrySend(0));
  EXPECT_FALSE(limiter.TrySend(0));
  EXPECT_EQ(limiter.NextSendTime(0), std::nullopt);  // both still in flight
  limiter.OnEnd(300 * kNsPerMillisecond);
  EXPECT_EQ(limiter.NextSendTime(400 * kNsPerMillisecond), 1300 * kNsPerMillisecond);
  EXPECT_FALSE(limiter.TrySend(1299 * kNsPerMillisecond));
  EXPECT_TRUE(limiter.TrySend(1300 * kNsPerMillisecond));
  EXPECT_FALSE(limiter.TrySend(5 * kSec));  // both slots taken by requests in flight
}

TEST(RateLimiter, NextSendTimeWaitsForTheRightEnd) {
  RateLimiter limiter(180, kSec);  // 3 per second
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(limiter.TrySend(0));
  limiter.OnEnd(100);
  limiter.OnEnd(200);
  limiter.OnEnd(300);
  EXPECT_EQ(limiter.NextSendTime(400), kSec + 100);
  ASSERT_TRUE(limiter.TrySend(kSec + 100));
  EXPECT_EQ(limiter.NextSendTime(kSec + 100), kSec + 200);
}

TEST(RateLimiter, NeverMoreThanNInAnyWindowUnderRandomLatency) {
  RateLimiter limiter(300, kSec);               // 5 per second
  std::vector<std::pair<TimeNs, TimeNs>> sent;  // (sent, ended)
  TimeNs now = 0;
  uint64_t seed = 12345;
  auto next_random = [&seed] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<TimeNs>((seed >> 33) % 200) * kNsPerMillisecond;
  };
  while (sent.size() < 60) {
    if (limiter.TrySend(now)) {
      const TimeNs end = now + next_random();
      sent.push_back({now, end});
      limiter.OnEnd(end);  // one request at a time keeps the clock monotonic here
      now = end;
    } else {
      const std::optional<TimeNs> at = limiter.NextSendTime(now);
      ASSERT_TRUE(at.has_value());
      ASSERT_GT(*at, now);
      now = *at;
    }
  }
  // Whatever instant in [sent, ended] the server saw each request at, no 6 fall in one second:
  // the sixth was sent at least a window after the first ended.
  for (size_t i = 0; i + 5 < sent.size(); ++i) EXPECT_GE(sent[i + 5].first - sent[i].second, kSec);
}

}  // namespace
}  // namespace seckit::ioc_enrich
