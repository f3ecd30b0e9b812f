// The tables behind --ioc against std::unordered_map: everything put in is found with its id,
// through growth from the smallest size, and nothing never put in is found.
#include "ioc_tables.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

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

// The same for the table of strings (domains, URLs, e-mail addresses, hashes), with hashes that
// collide on purpose in their low bits (the slot) and in their high bits (the tag and filter).
TEST(StringTable, AgreesWithAMapThroughGrowth) {
  std::mt19937_64 random(12);
  std::vector<std::string> strings;
  std::unordered_map<std::string, uint32_t> reference;
  StringTable table;
  table.Reset(1);
  auto hash_of = [](const std::string& text) {
    const uint64_t h = std::hash<std::string>()(text);
    return text.size() % 3 == 0 ? h & 0xffff'0000'0000'00ffu : h;  // a third collide often
  };
  for (uint32_t id = 0; id < 50000; ++id) {
    strings.push_back("name" + std::to_string(random() % 100000) + ".example");
    const std::string& text = strings.back();
    const bool added =
        table.Insert(hash_of(text), id, [&](uint32_t other) { return strings[other] == text; });
    EXPECT_EQ(added, reference.emplace(text, id).second) << text;
  }
  EXPECT_EQ(table.size(), reference.size());
  for (int i = 0; i < 200000; ++i) {
    const std::string text = "name" + std::to_string(random() % 200000) + ".example";
    auto it = reference.find(text);
    const uint32_t found =
        table.Find(hash_of(text), [&](uint32_t other) { return strings[other] == text; });
    ASSERT_EQ(found, it == reference.end() ? kNoId : it->second) << text;
  }
}

}  // namespace
}  // namespace seckit::log_grep::ioc_internal
