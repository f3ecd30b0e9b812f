// FrequentCounter against exact counts (a std::map): exact below capacity, within the documented
// bound above it, heavy hitters never lost.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "frequent_counter.h"

namespace seckit::triage_report {
namespace {

TEST(TriageFrequentCounter, ExactWhileUnderCapacity) {
  FrequentCounter<> c(100);
  std::map<std::string, uint64_t> truth;
  for (int i = 0; i < 5000; ++i) {
    const std::string key = "k" + std::to_string(i % 97);
    c.Add(key);
    ++truth[key];
  }
  EXPECT_FALSE(c.approximate());
  EXPECT_EQ(c.max_error(), 0u);
  for (const auto& [key, n] : truth) {
    ASSERT_NE(c.Find(key), nullptr) << key;
    EXPECT_EQ(c.Find(key)->count, n);
  }
  auto top = c.Top(3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_GE(top[0].second, top[1].second);
}

TEST(TriageFrequentCounter, ApproximateWithinTheBound) {
  constexpr size_t kCapacity = 64;
  FrequentCounter<> c(kCapacity);
  std::map<std::string, uint64_t> truth;
  std::mt19937_64 random(42);
  std::uniform_int_distribution<int> noise(0, 99'999);
  uint64_t total = 0;
  for (int i = 0; i < 200'000; ++i) {
    // 30 % of the stream goes to five heavy keys, the rest spreads over 100,000 rare ones.
    std::string key = (i % 10 < 3) ? "heavy" + std::to_string((i / 10) % 5) : "rare" + std::to_string(noise(random));
    c.Add(key);
    ++truth[key];
    ++total;
  }
  EXPECT_TRUE(c.approximate());
  EXPECT_LE(c.size(), kCapacity);
  EXPECT_LE(c.max_error(), 2 * total / kCapacity);
  for (const auto& [key, entry] : c.entries()) {
    EXPECT_LE(entry.count, truth[key]) << key;
    EXPECT_GE(entry.count + c.max_error(), truth[key]) << key;
  }
  auto top = c.Top(5);
  ASSERT_EQ(top.size(), 5u);
  for (const auto& [key, n] : top) EXPECT_EQ(key.rfind("heavy", 0), 0u) << key;
}

TEST(TriageFrequentCounter, WeightedCounts) {
  FrequentCounter<> c(4);
  c.Add("a", 1000);
  for (int i = 0; i < 50; ++i) c.Add("x" + std::to_string(i), 3);
  ASSERT_NE(c.Find("a"), nullptr);
  EXPECT_GE(c.Find("a")->count + c.max_error(), 1000u);
  EXPECT_EQ(c.Top(1)[0].first, "a");
}

}  // namespace
}  // namespace seckit::triage_report
