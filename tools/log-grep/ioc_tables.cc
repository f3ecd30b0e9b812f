// The open-addressing tables behind IocMatcher: sizing, insertion and growth.
#include "ioc_tables.h"

#include <bit>

namespace seckit::log_grep::ioc_internal {
namespace {

// The number of slots for `count` keys at most half full (a power of two, at least 16).
size_t SlotsFor(size_t count) { return std::bit_ceil(std::max<size_t>(16, count * 2)); }

}  // namespace

void V4Table::Reset(size_t expected) {
  const size_t slots = SlotsFor(expected);
  keys_.assign(slots, 0);
  ids_.assign(slots, kNoId);
  mask_ = static_cast<uint32_t>(slots - 1);
  shift_ = static_cast<uint32_t>(32 - std::countr_zero(slots));
  filter_.Reset(slots);
  zero_id_ = kNoId;
  size_ = 0;
}

bool V4Table::Insert(uint32_t address, uint32_t id) {
  if (address == 0) {
    if (zero_id_ != kNoId) return false;
    zero_id_ = id;
    ++size_;
    return true;
  }
  if (Find(address) != kNoId) return false;
  if ((size_ + 1) * 2 > keys_.size()) Grow();
  uint32_t slot = Slot(address);
  while (keys_[slot] != 0) slot = (slot + 1) & mask_;
  keys_[slot] = address;
  ids_[slot] = id;
  filter_.Add(FilterHash(address));
  ++size_;
  return true;
}

void V4Table::Grow() {
  std::vector<uint32_t> keys = std::move(keys_), ids = std::move(ids_);
  const uint32_t zero_id = zero_id_;
  Reset(keys.size());  // twice the slots: SlotsFor doubles
  zero_id_ = zero_id;
  size_ = zero_id != kNoId ? 1 : 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] != 0) Insert(keys[i], ids[i]);
  }
}

void StringTable::Reset(size_t expected) {
  const size_t slots = SlotsFor(expected);
  slots_.assign(slots, Slot{});
  mask_ = slots - 1;
  size_ = 0;
  filter_.Reset(slots);
}

void StringTable::Place(uint64_t hash, uint32_t id) {
  size_t slot = hash & mask_;
  while (slots_[slot].id != kNoId) slot = (slot + 1) & mask_;
  const auto tag = static_cast<uint32_t>(hash >> 32);
  slots_[slot] = {tag, id, static_cast<uint32_t>(hash)};
  filter_.Add(tag);
}

void StringTable::Grow() {
  std::vector<Slot> old = std::move(slots_);
  const size_t size = size_;
  Reset(old.size());
  size_ = size;
  for (const Slot& s : old) {
    if (s.id != kNoId) Place((uint64_t{s.tag} << 32) | s.low, s.id);
  }
}

}  // namespace seckit::log_grep::ioc_internal
