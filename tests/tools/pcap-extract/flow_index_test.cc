// Tests for FlowIndex: random inserts and erases checked against a std::unordered_map model,
// with hash distributions chosen to build long probe runs, runs that wrap around the end of the
// table, and entries that share their whole hash.
#include "flow_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace seckit::pcap_extract {
namespace {

// A hash whose low 20 bits are all ones has its home at the last position of any table of up
// to 2^20 entries, so its probe run continues at position 0; one whose low 20 bits are zero has
// its home at position 0. Together they build runs that cross the wrap-around.
constexpr uint32_t kLowBits = (1u << 20) - 1;
constexpr uint32_t HomeAtEnd(uint32_t high) { return high << 20 | kLowBits; }
constexpr uint32_t HomeAtStart(uint32_t high) { return high << 20; }

// The index under test beside what it should hold: slot → the hash it was inserted with.
class Checked {
 public:
  void Insert(uint32_t hash, uint32_t slot) {
    index_.Insert(hash, slot);
    model_[slot] = hash;
  }
  void Erase(uint32_t slot) {
    index_.Erase(model_.at(slot), slot);
    erased_[slot] = model_.at(slot);
    model_.erase(slot);
  }
  void Clear() {
    index_.Clear();
    for (const auto& [slot, hash] : model_) erased_[slot] = hash;
    model_.clear();
  }
  bool Has(uint32_t slot) const { return model_.count(slot) != 0; }
  size_t size() const { return model_.size(); }

  // Every present slot is found under its hash, every erased one is not, and the index only
  // offers the key comparison slots that were inserted with the hash asked for.
  void ExpectConsistent() const {
    ASSERT_EQ(index_.size(), model_.size());
    for (const auto& [slot, hash] : model_) {
      ASSERT_EQ(Find(hash, slot), slot) << "slot " << slot << " hash " << std::hex << hash;
    }
    for (const auto& [slot, hash] : erased_) {
      if (Has(slot)) continue;  // inserted again since
      ASSERT_EQ(Find(hash, slot), FlowIndex::kNotFound) << "erased slot " << slot;
    }
  }

  // Find(), with a key comparison that matches only `wanted` and checks what it is offered.
  uint32_t Find(uint32_t hash, uint32_t wanted) const {
    return index_.Find(hash, [&](uint32_t candidate) {
      auto it = model_.find(candidate);
      EXPECT_TRUE(it != model_.end()) << "offered slot " << candidate << " is not in the index";
      if (it != model_.end()) {
        EXPECT_EQ(it->second, hash) << "offered slot " << candidate << " with another hash";
      }
      return candidate == wanted;
    });
  }

 private:
  FlowIndex index_;
  std::unordered_map<uint32_t, uint32_t> model_;
  std::unordered_map<uint32_t, uint32_t> erased_;  // slot → the hash it had when erased
};

TEST(FlowIndex, EmptyFindsNothing) {
  FlowIndex index;
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ(index.Find(0, [](uint32_t) { return true; }), FlowIndex::kNotFound);
  EXPECT_EQ(index.Find(UINT32_MAX, [](uint32_t) { return true; }), FlowIndex::kNotFound);
}

TEST(FlowIndex, SameHashFindsTheMatchingSlot) {
  Checked t;
  for (uint32_t slot = 0; slot < 20; ++slot) t.Insert(0xdeadbeef, slot);
  t.ExpectConsistent();
  t.Erase(0);   // the head of the run
  t.Erase(10);  // its middle
  t.Erase(19);  // its end
  t.ExpectConsistent();
}

// A run that starts at the last position and continues at the start of the table, with
// entries whose home is position 0 or 1 behind it: erasing from the run's head or middle must
// move the wrapped entries back across the end, and leave the ones already at home alone.
TEST(FlowIndex, EraseAcrossTheWrapAround) {
  for (uint32_t victim = 0; victim < 9; ++victim) {
    SCOPED_TRACE("erased slot " + std::to_string(victim));
    Checked t;
    // Slots 0-3 are homed at the last position and sit there and at 0, 1, 2; slots 4-6 are
    // homed at 0 and sit at 3, 4, 5; slot 7 is homed at 1 and sits at 6; slot 8 is at its home 7
    // and must not move.
    for (uint32_t slot = 0; slot < 4; ++slot) t.Insert(HomeAtEnd(slot + 1), slot);
    for (uint32_t slot = 4; slot < 7; ++slot) t.Insert(HomeAtStart(slot), slot);
    t.Insert(HomeAtStart(7) | 1, 7);
    t.Insert(HomeAtStart(8) | 7, 8);
    t.Erase(victim);
    t.ExpectConsistent();
    // Inserting again into the shortened run still finds a free position and keeps all.
    t.Insert(HomeAtEnd(9), 100);
    t.Insert(HomeAtStart(9), 101);
    t.ExpectConsistent();
  }
}

// An entry whose home lies between the hole and its position must stay where it is: here the
// entry homed at 2 follows entries homed at 0, and erasing one of those leaves it in place.
TEST(FlowIndex, EraseKeepsEntriesThatAreHome) {
  Checked t;
  t.Insert(HomeAtStart(1), 1);      // at 0
  t.Insert(HomeAtStart(2), 2);      // at 1
  t.Insert(HomeAtStart(3) | 2, 3);  // home 2, at 2
  t.Insert(HomeAtStart(4), 4);      // home 0, at 3
  t.Erase(1);
  t.ExpectConsistent();
  t.Erase(3);
  t.ExpectConsistent();
}

enum class Hashes { kRandom, kFewHomes, kFewHashes, kMixed };

// A hash drawn to make collisions likely: kFewHomes varies only the high bits over a handful of
// homes near both ends of the table; kFewHashes repeats a handful of whole hashes.
uint32_t DrawHash(Hashes kind, std::mt19937& rng) {
  static constexpr uint32_t kHomes[] = {0, 1, 2, 5, kLowBits - 2, kLowBits - 1, kLowBits};
  static constexpr uint32_t kWhole[] = {0, 1, 0x80000000u, 0xffffffffu, HomeAtEnd(3)};
  switch (kind) {
    case Hashes::kRandom:
      return static_cast<uint32_t>(rng());
    case Hashes::kFewHomes:
      return (static_cast<uint32_t>(rng()) & ~kLowBits) | kHomes[rng() % std::size(kHomes)];
    case Hashes::kFewHashes:
      return kWhole[rng() % std::size(kWhole)];
    case Hashes::kMixed:
      return DrawHash(static_cast<Hashes>(rng() % 3), rng);
  }
  return 0;
}

// Random inserts and erases, with the whole index checked after every operation. Slots are
// reused after erasure, with a new hash, as FlowTable reuses them.
void RunRandomOperations(Hashes kind, uint32_t seed, int steps, uint32_t max_slots) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  Checked t;
  std::vector<uint32_t> present;
  for (int step = 0; step < steps; ++step) {
    SCOPED_TRACE("step " + std::to_string(step));
    bool insert = present.empty() || (present.size() < max_slots && rng() % 100 < 55);
    if (insert) {
      uint32_t slot;
      do {
        slot = static_cast<uint32_t>(rng() % (2 * max_slots));
      } while (t.Has(slot));
      t.Insert(DrawHash(kind, rng), slot);
      present.push_back(slot);
    } else {
      size_t at = rng() % present.size();
      t.Erase(present[at]);
      present[at] = present.back();
      present.pop_back();
    }
    t.ExpectConsistent();
    if (testing::Test::HasFatalFailure()) return;
  }
}

TEST(FlowIndex, RandomOperationsRandomHashes) {
  for (uint32_t seed = 1; seed <= 4; ++seed) RunRandomOperations(Hashes::kRandom, seed, 2000, 300);
}

TEST(FlowIndex, RandomOperationsFewHomes) {
  for (uint32_t seed = 1; seed <= 8; ++seed) {
    RunRandomOperations(Hashes::kFewHomes, seed, 1500, 120);
  }
}

TEST(FlowIndex, RandomOperationsFewWholeHashes) {
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    RunRandomOperations(Hashes::kFewHashes, seed, 1000, 60);
  }
}

TEST(FlowIndex, RandomOperationsMixed) {
  for (uint32_t seed = 1; seed <= 8; ++seed) RunRandomOperations(Hashes::kMixed, seed, 2000, 200);
}

// Many more entries than the initial table holds, so it doubles several times with clusters
// (one entry in 50 collides on purpose) and wrapped runs in it, then erased in a random order;
// checked at every tenth of the way.
TEST(FlowIndex, GrowsAndShrinksBack) {
  constexpr uint32_t kCount = 40000;
  std::mt19937 rng(7);
  Checked t;
  for (uint32_t slot = 0; slot < kCount; ++slot) {
    Hashes kind = rng() % 50 != 0 ? Hashes::kRandom : Hashes::kMixed;
    t.Insert(DrawHash(kind, rng), slot);
    if (slot % (kCount / 10) == 0) {
      ASSERT_NO_FATAL_FAILURE(t.ExpectConsistent());
    }
  }
  std::vector<uint32_t> order(kCount);
  for (uint32_t slot = 0; slot < kCount; ++slot) order[slot] = slot;
  std::shuffle(order.begin(), order.end(), rng);
  for (uint32_t n = 0; n < kCount; ++n) {
    t.Erase(order[n]);
    if (n % (kCount / 10) == 0) {
      ASSERT_NO_FATAL_FAILURE(t.ExpectConsistent());
    }
  }
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(t.Find(DrawHash(Hashes::kMixed, rng), 0), FlowIndex::kNotFound);
}

TEST(FlowIndex, ClearEmptiesAndStaysUsable) {
  std::mt19937 rng(11);
  Checked t;
  for (uint32_t slot = 0; slot < 3000; ++slot) t.Insert(DrawHash(Hashes::kMixed, rng), slot);
  t.Clear();
  ASSERT_NO_FATAL_FAILURE(t.ExpectConsistent());
  for (uint32_t slot = 0; slot < 100; ++slot) t.Insert(DrawHash(Hashes::kMixed, rng), slot);
  t.Erase(50);
  t.ExpectConsistent();
}

}  // namespace
}  // namespace seckit::pcap_extract
