// Linear probing with backward-shift deletion (Knuth 6.4, Algorithm R).
#include "flow_index.h"

#include <algorithm>

namespace seckit::pcap_extract {
namespace {

constexpr size_t kInitialCapacity = 1024;  // a power of two

}  // namespace

FlowIndex::FlowIndex() : entries_(kInitialCapacity), mask_(kInitialCapacity - 1) {}

void FlowIndex::Insert(uint32_t hash, uint32_t slot) {
  if ((size_ + 1) * 2 > entries_.size()) Grow();
  size_t pos = hash & mask_;
  while (entries_[pos].slot != kEmpty) pos = (pos + 1) & mask_;
  entries_[pos] = Entry{hash, slot};
  ++size_;
}

void FlowIndex::Erase(uint32_t hash, uint32_t slot) {
  size_t hole = hash & mask_;
  while (entries_[hole].slot != slot) {
    if (entries_[hole].slot == kEmpty) return;  // not present
    hole = (hole + 1) & mask_;
  }
  --size_;
  // Move back each later entry of the run that may sit at the hole: one whose home position
  // is not between the hole and where it is now, so that every entry stays reachable from
  // its home without crossing an empty position.
  for (size_t pos = (hole + 1) & mask_; entries_[pos].slot != kEmpty; pos = (pos + 1) & mask_) {
    size_t home = entries_[pos].hash & mask_;
    if (((pos - home) & mask_) >= ((pos - hole) & mask_)) {
      entries_[hole] = entries_[pos];
      hole = pos;
    }
  }
  entries_[hole] = Entry{};
}

void FlowIndex::Clear() {
  std::fill(entries_.begin(), entries_.end(), Entry{});
  size_ = 0;
}

void FlowIndex::Grow() {
  std::vector<Entry> old(entries_.size() * 2);
  old.swap(entries_);
  mask_ = entries_.size() - 1;
  for (const Entry& e : old) {
    if (e.slot == kEmpty) continue;
    size_t pos = e.hash & mask_;
    while (entries_[pos].slot != kEmpty) pos = (pos + 1) & mask_;
    entries_[pos] = e;
  }
}

}  // namespace seckit::pcap_extract
