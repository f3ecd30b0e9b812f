// FrequentCounter: counts per key, exact up to a fixed number of distinct keys and approximate
// beyond it, in bounded memory (Misra-Gries "frequent items" with median purges, as Apache
// DataSketches' frequent-items sketch does).
//
// While fewer than `capacity` distinct keys have been seen, every count is exact. When a new key
// arrives at a full table, the median count m is subtracted from every counter and the counters
// that reach zero (at least half of them) are dropped; the sum of all medians subtracted so far is
// max_error(). Guarantee, for every key: true - max_error() <= count() <= true, and
// max_error() <= 2 * total_weight / capacity (each purge removes m from at least capacity/2
// counters, and no more weight than was added can ever be removed). So any key whose true weight
// exceeds 2 * total / capacity is still in the table, and the top-k it reports are the heavy
// hitters within that bound. A payload (first/last time, per-source counts) rides along with each
// key and is lost with it when it is purged.
#ifndef SECKIT_TRIAGE_REPORT_FREQUENT_COUNTER_H_
#define SECKIT_TRIAGE_REPORT_FREQUENT_COUNTER_H_

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "seckit/flat_table.h"

namespace seckit::triage_report {

struct NoPayload {};

template <typename Payload = NoPayload>
class FrequentCounter {
 public:
  struct Entry {
    uint64_t count = 0;
    Payload payload{};
  };
  // Looked up by string_view without building a std::string; iterated as {key, value} pairs.
  using Map = FlatTable<std::string, Entry, StringHash, std::equal_to<>>;

  explicit FrequentCounter(size_t capacity) : capacity_(std::max<size_t>(capacity, 2)) {}

  // Adds `weight` to `key` and returns its entry (valid until the next Add).
  Entry& Add(std::string_view key, uint64_t weight = 1) {
    total_ += weight;
    typename Map::Entry* found = nullptr;
    if (map_.size() < capacity_) {
      found = map_.TryEmplace(key).first;  // one lookup, whether the key is new or not
    } else if ((found = map_.Find(key)) == nullptr) {
      Purge();  // a new key and a full table
      found = map_.TryEmplace(key).first;
    }
    found->value.count += weight;
    return found->value;
  }

  const Entry* Find(std::string_view key) const {
    const auto* found = map_.Find(key);
    return found == nullptr ? nullptr : &found->value;
  }

  // The `n` largest counts, largest first; ties by key, so the output is deterministic.
  std::vector<std::pair<std::string, uint64_t>> Top(size_t n) const {
    std::vector<std::pair<std::string, uint64_t>> all;
    all.reserve(map_.size());
    for (const auto& [key, entry] : map_) all.emplace_back(key, entry.count);
    auto order = [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    if (all.size() > n) {
      std::partial_sort(all.begin(), all.begin() + static_cast<ptrdiff_t>(n), all.end(), order);
      all.resize(n);
    } else {
      std::sort(all.begin(), all.end(), order);
    }
    return all;
  }

  const Map& entries() const { return map_; }
  size_t size() const { return map_.size(); }
  size_t capacity() const { return capacity_; }
  uint64_t total() const { return total_; }
  bool approximate() const { return max_error_ > 0; }
  uint64_t max_error() const { return max_error_; }

 private:
  void Purge() {
    std::vector<uint64_t> counts;
    counts.reserve(map_.size());
    for (const auto& [key, entry] : map_) counts.push_back(entry.count);
    auto mid = counts.begin() + static_cast<ptrdiff_t>(counts.size() / 2);
    std::nth_element(counts.begin(), mid, counts.end());
    const uint64_t median = std::max<uint64_t>(*mid, 1);
    std::vector<uint32_t> dropped;  // positions, ascending
    for (size_t i = 0; i < map_.size(); ++i) {
      Entry& entry = map_.at(i).value;
      if (entry.count <= median) {
        dropped.push_back(static_cast<uint32_t>(i));
      } else {
        entry.count -= median;
      }
    }
    map_.EraseSorted(dropped);
    max_error_ += median;
  }

  size_t capacity_;
  Map map_;
  uint64_t total_ = 0;
  uint64_t max_error_ = 0;
};

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_FREQUENT_COUNTER_H_
