// ResolutionTable: linear probing over slots that carry the full hash and, when it is short, the
// key, so a probe reads an entry only for a long key that almost surely is the one asked for.
#include "resolution_table.h"

#include <cstring>
#include <functional>

namespace seckit::ioc_enrich {
namespace {

constexpr size_t kInitialSlots = 1024;

uint64_t Hash(std::string_view key) { return std::hash<std::string_view>()(key); }

}  // namespace

std::pair<Resolution&, bool> ResolutionTable::FindOrAdd(std::string_view key) {
  const uint64_t hash = Hash(key);
  if (2 * (entries_.size() + 1) > slots_.size()) Grow();
  Slot& slot = Probe(key, hash);
  if (slot.entry != kEmpty) return {entries_[slot.entry].resolution, false};
  slot.hash = hash;
  slot.entry = static_cast<uint32_t>(entries_.size());
  if (key.size() <= kInlineKey) {
    slot.key_size = static_cast<uint8_t>(key.size());
    std::memcpy(slot.key, key.data(), key.size());
  } else {
    slot.key_size = kLongKey;
  }
  entries_.push_back({std::string(key), {}});
  return {entries_.back().resolution, true};
}

void ResolutionTable::Clear() {
  slots_ = {};
  entries_ = {};
}

ResolutionTable::Slot& ResolutionTable::Probe(std::string_view key, uint64_t hash) {
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.entry == kEmpty || (slot.hash == hash && Holds(slot, key))) return slot;
  }
}

bool ResolutionTable::Holds(const Slot& slot, std::string_view key) const {
  if (key.size() > kInlineKey) return slot.key_size == kLongKey && entries_[slot.entry].key == key;
  return slot.key_size == key.size() && std::memcmp(slot.key, key.data(), key.size()) == 0;
}

void ResolutionTable::Grow() {
  static_assert(sizeof(Slot) == 32, "two slots to a cache line");
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? kInitialSlots : 2 * old.size(), Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& moved : old) {
    if (moved.entry == kEmpty) continue;
    size_t i = moved.hash & mask;
    while (slots_[i].entry != kEmpty) i = (i + 1) & mask;
    slots_[i] = moved;
  }
}

}  // namespace seckit::ioc_enrich
