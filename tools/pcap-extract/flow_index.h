// FlowIndex: FlowTable's hash index from a flow's key to its slot — open addressing with linear
// probing over 8-byte entries, so a lookup usually touches one cache line of the index and one
// slot, where std::unordered_map chased a pointer per node and allocated per flow.
#ifndef SECKIT_PCAP_EXTRACT_FLOW_INDEX_H_
#define SECKIT_PCAP_EXTRACT_FLOW_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace seckit::pcap_extract {

// Holds (hash, slot) pairs; the keys themselves stay in the caller's slots, and Find() compares
// them through a callback. Hashes are 32 bits (the low bits pick the home position, all of
// them filter candidates before a key is compared). Deletion shifts later entries back
// instead of leaving tombstones, so probe sequences stay as short as the load allows. The
// table doubles when more than half full: 16 bytes per flow at most, plus the initial size.
class FlowIndex {
 public:
  static constexpr uint32_t kNotFound = UINT32_MAX;

  FlowIndex();

  // The slot whose key `matches(slot)` among those inserted with `hash`, or kNotFound.
  template <typename Matches>
  uint32_t Find(uint32_t hash, Matches matches) const {
    for (size_t pos = hash & mask_;; pos = (pos + 1) & mask_) {
      const Entry& e = entries_[pos];
      if (e.slot == kEmpty) return kNotFound;
      if (e.hash == hash && matches(e.slot)) return e.slot;
    }
  }
  // Adds `slot` under `hash`; the caller makes sure its key is not already present.
  void Insert(uint32_t hash, uint32_t slot);
  // Removes `slot`, which must have been inserted with `hash`.
  void Erase(uint32_t hash, uint32_t slot);
  // Removes every entry (keeping the table's size).
  void Clear();

  size_t size() const { return size_; }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Entry {
    uint32_t hash = 0;
    uint32_t slot = kEmpty;
  };

  void Grow();

  std::vector<Entry> entries_;
  size_t mask_;
  size_t size_ = 0;
};

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_FLOW_INDEX_H_
