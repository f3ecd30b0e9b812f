// The statistics under the detectors: HyperLogLog accuracy, median/MAD, periodicity, entropy.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "beacon.h"
#include "distinct_counter.h"
#include "name_entropy.h"
#include "robust_stats.h"

namespace seckit::anomaly_detect {
namespace {

TEST(DistinctCounter, ExactWhileSmall) {
  DistinctCounter c;
  for (int round = 0; round < 3; ++round) {
    for (uint64_t i = 0; i < 100; ++i) c.Add(Mix64(i));
  }
  EXPECT_EQ(c.Estimate(), 100u);
}

TEST(DistinctCounter, HyperLogLogWithinFourSigmaAndFixedSize) {
  for (uint64_t n : {1000u, 20000u, 1000000u}) {
    DistinctCounter c;
    for (uint64_t i = 0; i < n; ++i) c.Add(Mix64(i * 7919 + 1));
    const double error = std::fabs(static_cast<double>(c.Estimate()) - n) / n;
    EXPECT_LT(error, 4 * 1.04 / 32) << n;  // standard error 1.04/sqrt(1024)
    EXPECT_LE(c.MemoryBytes(), 1024u + 128u);
  }
}

TEST(RobustStats, MedianAndMad) {
  std::vector<double> v = {1, 2, 3, 4, 1000};
  EXPECT_EQ(Median(v), 3);
  v = {1, 2, 3, 4, 1000};
  EXPECT_EQ(MedianAbsoluteDeviation(v, 3), 1);
  v = {4, 1, 3, 2};
  EXPECT_EQ(Median(v), 2.5);
  v = {};
  EXPECT_EQ(Median(v), 0);
  EXPECT_NEAR(RobustZ(130, 100, 10), 30 / 14.826, 1e-9);
  EXPECT_NEAR(RobustZ(130, 100, 0), 30 / 14.826, 1e-9);  // MAD floored at 10% of the median
}

TEST(Periodicity, JitterAndMissedBeats) {
  std::mt19937_64 rng(42);
  std::vector<TimeNs> times;
  TimeNs t = 0;
  for (int i = 0; i < 200; ++i) {
    const double jitter = 0.9 + 0.2 * static_cast<double>(rng() >> 11) * 0x1.0p-53;
    t += static_cast<TimeNs>(60 * jitter * kNsPerSecond);
    if (i % 10 == 3) continue;  // a missed beat
    times.push_back(t);
  }
  const Periodicity p = MeasurePeriodicity(times);
  EXPECT_NEAR(p.period_seconds, 60, 2);
  EXPECT_LT(p.jitter, 0.08);
  EXPECT_NEAR(p.missed_share, 0.1, 0.03);
}

TEST(Periodicity, RandomArrivalsAreNotPeriodic) {
  std::mt19937_64 rng(7);
  std::vector<TimeNs> times;
  TimeNs t = 0;
  for (int i = 0; i < 200; ++i) {
    const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    t += static_cast<TimeNs>(-std::log(1 - u) * 60 * kNsPerSecond);
    times.push_back(t);
  }
  EXPECT_GT(MeasurePeriodicity(times).jitter, 0.15);
}

// Found by fuzz_anomaly_records: times from 1713 and 2026 are further apart than int64_t holds.
TEST(Periodicity, TimesFurtherApartThanInt64AreOneLongGap) {
  const TimeNs early = -8'110'108'640'000'000'000;
  const std::vector<TimeNs> times = {early, early + 60 * kNsPerSecond,
                                     early + 120 * kNsPerSecond, 1'767'229'360'000'000'000};
  const Periodicity p = MeasurePeriodicity(times);
  EXPECT_EQ(p.period_seconds, 60);
  EXPECT_NEAR(p.missed_share, 1.0 / 3, 1e-9);  // the long gap is missed beats, not a negative one
}

TEST(NameEntropy, EntropyAndGeneratedLabels) {
  EXPECT_EQ(ShannonEntropy("aaaa"), 0);
  EXPECT_EQ(ShannonEntropy("abcd"), 2);
  // a twice, b three times, c once, the bytes spread through the text:
  // -(2/6 log2 2/6 + 3/6 log2 3/6 + 1/6 log2 1/6).
  EXPECT_NEAR(ShannonEntropy("babcba"),
              -(std::log2(2.0 / 6) * 2 / 6 + std::log2(3.0 / 6) * 3 / 6 + std::log2(1.0 / 6) / 6),
              1e-12);
  EXPECT_NEAR(ShannonEntropy("\xff\x01\xff"), -(std::log2(2.0 / 3) * 2 / 3 + std::log2(1.0 / 3) / 3),
              1e-12);
  EXPECT_EQ(SubdomainPart("a.b.example.com", "example.com"), "a.b");
  EXPECT_EQ(SubdomainPart("example.com", "example.com"), "");
  EXPECT_EQ(SubdomainPart("xexample.com", "example.com"), "");
  EXPECT_TRUE(LooksGenerated("xjwqkrtzvbnmpl"));
  EXPECT_TRUE(LooksGenerated("a8f3k2m9x7q1z"));
  EXPECT_FALSE(LooksGenerated("wikipedia"));
  EXPECT_FALSE(LooksGenerated("stackoverflow"));
  EXPECT_FALSE(LooksGenerated("newsportal"));
}

}  // namespace
}  // namespace seckit::anomaly_detect
