// ResolutionTable: the Resolver's remembered answers by key, in an open-addressing table over
// stable storage. Every indicator of every record is looked up here, and std::unordered_map's
// chase through bucket and node pointers was the largest single cost of a fully cached run.
#ifndef SECKIT_IOC_ENRICH_RESOLUTION_TABLE_H_
#define SECKIT_IOC_ENRICH_RESOLUTION_TABLE_H_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "enrichment.h"

namespace seckit::ioc_enrich {

// What all sources said about one indicator.
struct Resolution {
  std::vector<Enrichment> enrichments;
  std::vector<std::pair<std::string, std::string>> errors;  // provider, what went wrong
  int pending = 0;                                          // online lookups not answered yet
  // The threat.enrichments entries written for this indicator found in one field, as JSON text
  // (field, entries): the same indicators recur in many records, so they are written once and
  // then copied. Filled by RecordBatch once nothing is pending, when the entries are final.
  mutable std::vector<std::pair<std::string, std::string>> json_by_field;
};

class ResolutionTable {
 public:
  // The resolution stored under `key` and false, or a new empty one and true. References stay
  // valid until Clear(), however many are added.
  std::pair<Resolution&, bool> FindOrAdd(std::string_view key);

  size_t size() const { return entries_.size(); }
  // Drops every resolution and frees the memory.
  void Clear();

 private:
  struct Entry {
    std::string key;
    Resolution resolution;
  };
  static constexpr uint32_t kEmpty = 0xffffffff;
  static constexpr size_t kInlineKey = 19;   // keys up to this long live in their slot
  static constexpr uint8_t kLongKey = 0xff;  // key_size of a key only its entry holds
  // 32 bytes. An address's key ("a" + IPv4 text) fits inline, so a probe for one reads one
  // cache line, not also the entry.
  struct Slot {
    uint64_t hash = 0;
    uint32_t entry = kEmpty;  // index into entries_
    uint8_t key_size = 0;
    char key[kInlineKey] = {};
  };
  bool Holds(const Slot& slot, std::string_view key) const;

  // The slot holding `key`, or the empty slot where it would go.
  Slot& Probe(std::string_view key, uint64_t hash);
  void Grow();

  std::vector<Slot> slots_;  // a power of two in size, at most half full
  std::deque<Entry> entries_;
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_RESOLUTION_TABLE_H_
