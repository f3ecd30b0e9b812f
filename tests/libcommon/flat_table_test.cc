// FlatTable against std::unordered_map under random operations (insert, find, erase, erase
// while iterating, erasing a list of positions, growth), with a hash weak enough that probe runs
// are long and wrap around the index; lookups by a key of another type (a string_view for a
// std::string key).
#include "seckit/flat_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>


namespace seckit {
namespace {

// Few distinct tags and homes in the last slots of the index: collisions and wrap-around.
struct CrowdedHash {
  size_t operator()(uint64_t key) const noexcept {
    return static_cast<size_t>((key % 7 + 0xfffffff8ULL) << 32);
  }
};

template <typename Table>
void ExpectSame(Table& table, const std::unordered_map<uint64_t, uint64_t>& reference) {
  ASSERT_EQ(table.size(), reference.size());
  for (const auto& [key, value] : reference) {
    auto* e = table.Find(key);
    ASSERT_NE(e, nullptr) << key;
    EXPECT_EQ(e->value, value) << key;
  }
  std::unordered_map<uint64_t, uint64_t> walked;
  for (const auto& e : table) EXPECT_TRUE(walked.emplace(e.key, e.value).second) << e.key;
  EXPECT_EQ(walked, reference);
}

template <typename Hash>
void RandomOperations(uint32_t seed, uint64_t key_range) {
  std::mt19937_64 random(seed);
  FlatTable<uint64_t, uint64_t, Hash> table;
  std::unordered_map<uint64_t, uint64_t> reference;
  for (int step = 0; step < 20000; ++step) {
    const uint64_t key = random() % key_range;
    switch (random() % 9) {
      case 0:
      case 1:
      case 2: {
        auto [e, inserted] = table.TryEmplace(key);
        EXPECT_EQ(inserted, reference.count(key) == 0) << key;
        if (inserted) {
          EXPECT_EQ(e->value, 0u);
        }
        e->value = step;
        reference[key] = step;
        break;
      }
      case 3:
      case 4: {
        auto* e = table.Find(key);
        ASSERT_EQ(e != nullptr, reference.count(key) == 1) << key;
        if (e != nullptr) {
          EXPECT_EQ(e->value, reference[key]);
        }
        break;
      }
      case 5:
        EXPECT_EQ(table.Erase(key), reference.erase(key) == 1) << key;
        break;
      case 6: {
        // Erase while iterating: every entry visited once, exactly the chosen ones gone.
        const uint64_t modulus = 2 + random() % 5;
        std::map<uint64_t, int> visits;
        table.EraseIf([&](const auto& e) {
          ++visits[e.key];
          return e.key % modulus == 0;
        });
        for (const auto& [k, n] : visits) EXPECT_EQ(n, 1) << k;
        EXPECT_EQ(visits.size(), reference.size());
        std::erase_if(reference, [&](const auto& kv) { return kv.first % modulus == 0; });
        break;
      }
      case 7: {
        // Erase a sorted list of positions: a few (one by one) or many (by compacting).
        const uint64_t share = random() % 2 == 0 ? 10 : 2;
        std::vector<uint32_t> positions;
        for (size_t i = 0; i < table.size(); ++i) {
          if (random() % share == 0) {
            positions.push_back(static_cast<uint32_t>(i));
            reference.erase(table.at(i).key);
          }
        }
        table.EraseSorted(positions);
        ExpectSame(table, reference);
        break;
      }
      default:
        break;
    }
  }
  ExpectSame(table, reference);
  // Index at most half full, and a power of two.
  EXPECT_GE(table.capacity(), 2 * table.size());
  EXPECT_EQ(table.capacity() & (table.capacity() - 1), 0u);
}

TEST(FlatTable, MatchesUnorderedMapWithAGoodHash) {
  for (uint32_t seed = 1; seed <= 4; ++seed) RandomOperations<std::hash<uint64_t>>(seed, 3000);
}

TEST(FlatTable, MatchesUnorderedMapWithCollidingWrappingHashes) {
  for (uint32_t seed = 1; seed <= 4; ++seed) RandomOperations<CrowdedHash>(seed, 300);
}

TEST(FlatTable, GrowsAndKeepsEveryEntry) {
  FlatTable<std::string, int> table;
  for (int i = 0; i < 100000; ++i) table.TryEmplace("key" + std::to_string(i)).first->value = i;
  ASSERT_EQ(table.size(), 100000u);
  EXPECT_EQ(table.capacity(), 262144u);
  for (int i = 0; i < 100000; ++i) {
    auto* e = table.Find("key" + std::to_string(i));
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->value, i);
  }
  EXPECT_EQ(table.Find("key100000"), nullptr);
  table.EraseIf([](const auto& e) { return e.value % 2 == 1; });
  EXPECT_EQ(table.size(), 50000u);
  EXPECT_EQ(table.Find("key7"), nullptr);
  ASSERT_NE(table.Find("key8"), nullptr);
}

TEST(FlatTable, StringKeysAreFoundByStringView) {
  FlatTable<std::string, int, StringHash, std::equal_to<>> table;
  const std::string text = "10.0.0.1 and more";
  auto [entry, inserted] = table.TryEmplace(std::string_view(text).substr(0, 8));
  EXPECT_TRUE(inserted);
  EXPECT_EQ(entry->key, "10.0.0.1");  // a copy: the key does not refer to `text`
  entry->value = 7;
  EXPECT_FALSE(table.TryEmplace(std::string_view("10.0.0.1")).second);
  ASSERT_NE(table.Find(std::string_view("10.0.0.1")), nullptr);
  EXPECT_EQ(table.Find(std::string_view("10.0.0.1"))->value, 7);
  EXPECT_EQ(table.Find(std::string_view("10.0.0.10")), nullptr);
  EXPECT_TRUE(table.Erase(std::string_view("10.0.0.1")));
  EXPECT_EQ(table.size(), 0u);
}

}  // namespace
}  // namespace seckit
