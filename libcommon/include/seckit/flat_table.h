// FlatTable: a hash map from a key to a value without a heap node per entry, for the tables a
// tool updates once or more per record (anomaly-detect's windows, triage-report's counts).
// std::unordered_map allocates (and frees) one node per entry and chases a pointer per bucket;
// with an entry opened and closed for nearly every record that was much of anomaly-detect's time.
// Here the entries (key and value inline) sit in one dense array, in the
// order they were inserted until an erase moves the last one into the gap, and a separate index
// of power-of-two size maps hashes to positions in it by linear probing. The index is kept at
// most half full and an erase shifts the entries of its probe run back (backward-shift
// deletion), so there are no tombstones and a lookup stops at the first empty slot. Each index
// slot keeps 32 bits of the key's hash, so a lookup compares keys only when those agree.
//
// Iterating is walking the dense array by position. EraseAt(p) moves the last entry to p, so a
// loop that erases while it walks visits p again and otherwise sees every entry exactly once.
// EraseSorted erases a list of positions at once: one by one when they are few, else by
// compacting the array and rebuilding the index (closing the older half of a full table).
//
// Find and TryEmplace take any type the Hash and Equal accept (a std::string_view for a
// std::string key, with transparent functors), so a lookup need not build a Key.
#ifndef SECKIT_FLAT_TABLE_H_
#define SECKIT_FLAT_TABLE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace seckit {

// Hashes a std::string and a std::string_view of the same text alike: with std::equal_to<>, a
// FlatTable<std::string, V, StringHash, std::equal_to<>> is looked up by string_view, and so is a
// std::unordered_map with the same functors (is_transparent enables that lookup there).
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>()(text);
  }
};

template <typename Key, typename Value, typename Hash = std::hash<Key>,
          typename Equal = std::equal_to<Key>>
class FlatTable {
 public:
  struct Entry {
    Key key;
    Value value;
  };

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  Entry& at(size_t position) { return entries_[position]; }
  const Entry& at(size_t position) const { return entries_[position]; }
  Entry* begin() { return entries_.data(); }
  Entry* end() { return entries_.data() + entries_.size(); }
  const Entry* begin() const { return entries_.data(); }
  const Entry* end() const { return entries_.data() + entries_.size(); }
  // Slots of the index (a power of two, 0 before the first insert).
  size_t capacity() const { return index_.size(); }

  // The entry of `key`, or nullptr.
  template <typename K>
  Entry* Find(const K& key) {
    return const_cast<Entry*>(std::as_const(*this).Find(key));
  }
  template <typename K>
  const Entry* Find(const K& key) const {
    if (entries_.empty()) return nullptr;
    const uint32_t tag = Tag(key);
    for (size_t slot = tag & mask_;; slot = (slot + 1) & mask_) {
      const uint64_t s = index_[slot];
      if (s == 0) return nullptr;
      if (SlotTag(s) == tag && Equal()(entries_[SlotPosition(s)].key, key)) {
        return &entries_[SlotPosition(s)];
      }
    }
  }

  // The entry of `key`, inserted with a default value if there was none, and whether it was
  // inserted. References to entries stay valid until the next insert or erase.
  template <typename K>
  std::pair<Entry*, bool> TryEmplace(const K& key) {
    if ((entries_.size() + 1) * 2 > index_.size()) Grow();
    const uint32_t tag = Tag(key);
    size_t slot = tag & mask_;
    for (;; slot = (slot + 1) & mask_) {
      const uint64_t s = index_[slot];
      if (s == 0) break;
      if (SlotTag(s) == tag && Equal()(entries_[SlotPosition(s)].key, key)) {
        return {&entries_[SlotPosition(s)], false};
      }
    }
    index_[slot] = MakeSlot(tag, entries_.size());
    entries_.push_back(Entry{Key(key), Value{}});
    tags_.push_back(tag);
    return {&entries_.back(), true};
  }

  // Removes the entry at `position`; the last entry takes its place.
  void EraseAt(size_t position) {
    const size_t last = entries_.size() - 1;
    RemoveFromIndex(FindSlot(tags_[position], position));
    if (position != last) {
      index_[FindSlot(tags_[last], last)] = MakeSlot(tags_[last], position);
      entries_[position] = std::move(entries_[last]);
      tags_[position] = tags_[last];
    }
    entries_.pop_back();
    tags_.pop_back();
  }

  // Removes the entries at `positions` (ascending, distinct). The others keep their order
  // relative to each other only when more than a quarter go.
  void EraseSorted(std::span<const uint32_t> positions) {
    if (positions.size() * 4 <= entries_.size()) {
      // From the highest down: the last entry, moved into each gap, is never one still to go.
      for (size_t i = positions.size(); i-- > 0;) EraseAt(positions[i]);
      return;
    }
    size_t kept = 0;
    size_t next = 0;  // the next position to erase
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (next < positions.size() && positions[next] == i) {
        ++next;
        continue;
      }
      if (kept != i) {
        entries_[kept] = std::move(entries_[i]);
        tags_[kept] = tags_[i];
      }
      ++kept;
    }
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(kept), entries_.end());
    tags_.resize(kept);
    std::fill(index_.begin(), index_.end(), 0);
    for (size_t i = 0; i < kept; ++i) index_[FreeSlot(tags_[i])] = MakeSlot(tags_[i], i);
  }

  template <typename K>
  bool Erase(const K& key) {
    Entry* e = Find(key);
    if (e == nullptr) return false;
    EraseAt(static_cast<size_t>(e - entries_.data()));
    return true;
  }

  // Removes every entry for which `remove(entry)` is true.
  template <typename Predicate>
  void EraseIf(Predicate remove) {
    for (size_t i = 0; i < entries_.size();) {
      if (remove(entries_[i])) {
        EraseAt(i);  // the last entry is now at i: look at it next
      } else {
        ++i;
      }
    }
  }

 private:
  // An index slot holds the upper 32 bits of the key's hash (the tag, whose low bits are also
  // its home slot) and its position + 1; 0 is an empty slot.
  static uint64_t MakeSlot(uint32_t tag, size_t position) {
    return (uint64_t{tag} << 32) | (static_cast<uint64_t>(position) + 1);
  }
  static uint32_t SlotTag(uint64_t slot) { return static_cast<uint32_t>(slot >> 32); }
  static size_t SlotPosition(uint64_t slot) { return static_cast<size_t>(slot & 0xffffffffu) - 1; }
  template <typename K>
  static uint32_t Tag(const K& key) {
    return static_cast<uint32_t>(static_cast<uint64_t>(Hash()(key)) >> 32);
  }

  // The first empty slot of the probe run from `tag`'s home.
  size_t FreeSlot(uint32_t tag) const {
    size_t slot = tag & mask_;
    while (index_[slot] != 0) slot = (slot + 1) & mask_;
    return slot;
  }

  // The index slot that points at `position`, whose key has `tag`.
  size_t FindSlot(uint32_t tag, size_t position) const {
    const uint64_t wanted = MakeSlot(tag, position);
    size_t slot = tag & mask_;
    while (index_[slot] != wanted) slot = (slot + 1) & mask_;
    return slot;
  }

  // Empties `hole` and moves back each later slot of the probe run whose home is not between
  // the hole and itself, so every key stays reachable from its home without a gap.
  void RemoveFromIndex(size_t hole) {
    for (size_t j = (hole + 1) & mask_; index_[j] != 0; j = (j + 1) & mask_) {
      const size_t home = SlotTag(index_[j]) & mask_;
      if (((j - home) & mask_) >= ((j - hole) & mask_)) {
        index_[hole] = index_[j];
        hole = j;
      }
    }
    index_[hole] = 0;
  }

  void Grow() {
    std::vector<uint64_t> old;
    old.swap(index_);
    index_.assign(old.empty() ? 16 : old.size() * 2, 0);
    mask_ = index_.size() - 1;
    for (uint64_t s : old) {
      if (s != 0) index_[FreeSlot(SlotTag(s))] = s;
    }
  }

  std::vector<uint64_t> index_;
  size_t mask_ = 0;
  std::vector<Entry> entries_;
  std::vector<uint32_t> tags_;  // each entry's tag, by position (no hashing to move or erase it)
};

}  // namespace seckit

#endif  // SECKIT_FLAT_TABLE_H_
