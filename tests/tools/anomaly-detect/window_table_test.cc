// WindowTable (anomaly-detect's windows over seckit::FlatTable): the order it closes windows in,
// and its eviction bound.
#include "window_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace seckit::anomaly_detect {
namespace {

using Closed = std::vector<std::pair<TimeNs, uint64_t>>;  // start, key, in the order closed

TEST(WindowTable, ClosesOnePassInOrderOfStartThenKey) {
  Closed closed;
  WindowTable<uint64_t, int> table(100, 1000, [&](const uint64_t& key, Window<int>& w) {
    closed.emplace_back(w.start, key);
  });
  // Keys inserted in an order unlike both the key order and the hash order.
  const std::vector<std::pair<uint64_t, TimeNs>> touches = {
      {50, 10}, {7, 5}, {900, 10}, {3, 5}, {42, 1}, {8, 10}, {1000, 200}};
  for (const auto& [key, t] : touches) table.Touch(key, t);
  table.Expire(150);  // closes every window that started at or before 50
  const Closed expected = {{1, 42}, {5, 3}, {5, 7}, {10, 8}, {10, 50}, {10, 900}};
  EXPECT_EQ(closed, expected);
  EXPECT_EQ(table.size(), 1u);
  table.CloseAll();
  EXPECT_EQ(closed.back(), std::make_pair(TimeNs{200}, uint64_t{1000}));
  EXPECT_EQ(table.size(), 0u);
}

TEST(WindowTable, EvictsTheOlderHalfInOrderAndStaysBounded) {
  Closed closed;
  WindowTable<uint64_t, int> table(1'000'000, 100, [&](const uint64_t& key, Window<int>& w) {
    closed.emplace_back(w.start, key);
  });
  size_t largest = 0;
  for (uint64_t key = 0; key < 1000; ++key) {
    Window<int>& w = table.Touch(key * 7919 % 1000, static_cast<TimeNs>(key));
    ++w.state;  // the reference returned after an eviction is the new key's window
    EXPECT_EQ(w.start, static_cast<TimeNs>(key));
    largest = std::max(largest, table.size());
  }
  EXPECT_LE(largest, 101u);
  EXPECT_GT(table.evicted(), 800u);
  EXPECT_TRUE(std::is_sorted(closed.begin(), closed.end()));  // starts rise with every key here
  EXPECT_EQ(closed.size(), table.evicted());
}

}  // namespace
}  // namespace seckit::anomaly_detect
