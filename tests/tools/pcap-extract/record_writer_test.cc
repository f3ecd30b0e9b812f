// Tests for the record writer's parts: the cached capture-time formatter must write exactly what
// AppendCaptureTime writes, whatever order the times come in.
#include "record_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace seckit::pcap_extract {
namespace {

std::string Expected(int64_t time_ns) {
  std::string out;
  AppendCaptureTime(out, time_ns);
  return out;
}

std::string Cached(CaptureTimeFormatter& formatter, int64_t time_ns) {
  std::string out = "x";  // appends, never overwrites
  formatter.Append(out, time_ns);
  return out.substr(1);
}

TEST(CaptureTimeFormatter, MatchesAppendCaptureTimeAtEdges) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kLeapDay2000 = 951'782'400'000'000'000;  // 2000-02-29T00:00:00Z
  const std::vector<int64_t> times = {0,
                                      1,
                                      999,
                                      1000,
                                      999'999'999,
                                      1'000'000'000,
                                      -1,
                                      -1000,
                                      -999'999'999,
                                      -1'000'000'000,
                                      -1'000'000'001,
                                      1'700'000'000'123'456'000,
                                      1'700'000'000'123'456'789,
                                      1'700'000'000'000'000'000,
                                      1'700'000'000'999'999'999,
                                      kLeapDay2000,
                                      kLeapDay2000 - 1,
                                      kMin,
                                      kMin + 1,
                                      kMin + 999'999'999,
                                      kMax,
                                      kMax - 1,
                                      kMax - 999'999'999};
  CaptureTimeFormatter formatter;
  for (int64_t t : times) {
    EXPECT_EQ(Cached(formatter, t), Expected(t)) << t;
    EXPECT_EQ(Cached(formatter, t), Expected(t)) << t << " (from the cache)";
  }
}

// Times in capture order (the cache hits) and jumping around (it misses), both signs.
TEST(CaptureTimeFormatter, MatchesAppendCaptureTimeInAnyOrder) {
  std::mt19937_64 rng(3);
  CaptureTimeFormatter formatter;
  int64_t t = 1'700'000'000'000'000'000;
  for (int i = 0; i < 20000; ++i) {
    t += static_cast<int64_t>(rng() % 50'000'000);
    if (i % 3 == 0) t -= t % 1000;  // microsecond captures: 6 digits
    ASSERT_EQ(Cached(formatter, t), Expected(t)) << t;
    int64_t anywhere = static_cast<int64_t>(rng());
    ASSERT_EQ(Cached(formatter, anywhere), Expected(anywhere)) << anywhere;
    int64_t near_epoch = static_cast<int64_t>(rng() % 4'000'000'000) - 2'000'000'000;
    ASSERT_EQ(Cached(formatter, near_epoch), Expected(near_epoch)) << near_epoch;
  }
}

}  // namespace
}  // namespace seckit::pcap_extract
