// The address table behind --ioc against std::unordered_map: every address put in is found with
// its id, through growth from the smallest size, and an address never put in is never found.
#include "ioc_tables.h"

#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

namespace seckit::log_grep::ioc_internal {
namespace {

TEST(V4Table, AgreesWithAMapThroughGrowth) {
  std::mt19937 random(11);
  for (size_t count : {1u, 15u, 1000u, 100000u}) {
    V4Table table;
    table.Reset(1);  // grows many times on the way
    std::unordered_map<uint32_t, uint32_t> reference;
    for (uint32_t id = 0; reference.size() < count; ++id) {
      const uint32_t address = static_cast<uint32_t>(random());
      const bool added = table.Insert(address, id);
      EXPECT_EQ(added, reference.emplace(address, id).second) << address;
    }
    EXPECT_TRUE(table.Insert(0, 7));  // 0.0.0.0 is kept aside: 0 marks a free slot
    EXPECT_EQ(table.Find(0), 7u);
    EXPECT_EQ(table.size(), count + 1);
    for (const auto& [address, id] : reference) ASSERT_EQ(table.Find(address), id) << address;
    for (int i = 0; i < 200000; ++i) {
      const uint32_t address = static_cast<uint32_t>(random());
      auto it = reference.find(address);
      ASSERT_EQ(table.Find(address), it == reference.end() ? kNoId : it->second) << address;
    }
  }
}

}  // namespace
}  // namespace seckit::log_grep::ioc_internal
