// FieldIndex: every field the report looks at, found in one walk over a record instead of one
// search per lookup — the hot path of triage-report.
//
// Fields are registered once, before reading, with their ECS dotted names (Field::Of). The
// registry keeps them in a trie of key names that also holds every dotted spelling of a path
// ({"source":{"ip":..}}, {"source.ip":..}, and for Zeek {"id.orig_h":..}), so one walk over a
// parsed record visits only the keys some field needs and files each value under its field.
// Arrays are expanded: an array of scalars gives one value per element, an array of objects is
// walked element by element (threat.enrichments[].matched.atomic). A field registered after a
// record was indexed is looked up in that record the slow way (CollectTexts), so lookups are
// always correct.
#ifndef SECKIT_TRIAGE_REPORT_FIELD_INDEX_H_
#define SECKIT_TRIAGE_REPORT_FIELD_INDEX_H_

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/path_trie.h"
#include "seckit/records.h"

namespace seckit::triage_report {

// A registered field: its slot in every FieldIndex, and its name.
struct Field {
  int slot = -1;
  FieldPath path{""};
  static Field Of(std::string_view dotted);  // registers the name once; thread-compatible
};

class FieldRegistry {
 public:
  static FieldRegistry& Global();

  int Register(std::string_view dotted);
  int size() const { return static_cast<int>(names_.size()); }
  // Every registered field in all its spellings, with its slot.
  const PathTrie& trie() const { return trie_; }

 private:
  FieldRegistry() = default;

  std::vector<std::string> names_;
  PathTrie trie_;
};

class FieldIndex;

// Starts loading `bytes` bytes from `start` into the cache, a line at a time (a hint: addresses
// need not be valid).
inline void PrefetchBytes(const void* start, size_t bytes) {
  const char* p = static_cast<const char*>(start);
  for (size_t i = 0; i < bytes; i += 64) __builtin_prefetch(p + i);
}

// The values of one field in one record, in the record's order: a chain through the FieldIndex.
class FieldValues {
 public:
  class Iterator {
   public:
    using value_type = simdjson::dom::element;
    using difference_type = std::ptrdiff_t;
    Iterator() = default;
    Iterator(const FieldIndex* index, uint32_t at) : index_(index), at_(at) {}
    simdjson::dom::element operator*() const;
    Iterator& operator++();
    Iterator operator++(int) {
      Iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const Iterator& other) const { return at_ == other.at_; }

   private:
    const FieldIndex* index_ = nullptr;
    uint32_t at_ = 0;  // 1 + the value's position, 0 at the end
  };

  FieldValues(const FieldIndex* index, uint32_t first) : index_(index), first_(first) {}
  Iterator begin() const { return {index_, first_}; }
  Iterator end() const { return {index_, 0}; }
  bool empty() const { return first_ == 0; }
  simdjson::dom::element front() const { return *begin(); }

 private:
  const FieldIndex* index_;
  uint32_t first_;
};

class FieldIndex {
 public:
  // Indexes `root` (an object) for every field registered so far.
  void Build(simdjson::dom::element root);

  // The values filed under `field` (elements of arrays already expanded), in the record's order.
  // Empty when absent. Valid until the next Build.
  FieldValues Values(const Field& field) const;
  // Starts loading the arrays Values reads (with --threads 2 they were written on the other
  // core).
  void Prefetch() const;
  // Whether `field` was registered before Build (else Values is not authoritative).
  bool Covers(const Field& field) const { return field.slot >= 0 && field.slot < covered_; }

  // Scalar as text: strings as they are, numbers and booleans in JSON form (kept in a pool that
  // lives until the next Build). False for null, objects and arrays.
  bool AsText(simdjson::dom::element value, std::string_view& out) const;

 private:
  friend class FieldValues::Iterator;
  void Walk(simdjson::dom::object object, int node);
  void File(int slot, simdjson::dom::element value);

  // Every value filed, in walk order, each with the position of the next value of its field
  // (1 + position, 0 for none), and by slot where each field's chain starts and ends (1 +
  // position, 0 when absent). Filing and lookup are O(1) and a FieldIndex stays small, which
  // matters when a thousand of them are in flight between triage-report's threads.
  std::vector<simdjson::dom::element> values_;
  std::vector<uint32_t> next_;
  std::vector<int> slots_;  // the slot of each value, to clear first_ for the next record
  std::vector<uint32_t> first_, last_;
  int covered_ = 0;
  mutable std::deque<std::string> numbers_;
  mutable size_t numbers_used_ = 0;
};

inline simdjson::dom::element FieldValues::Iterator::operator*() const {
  return index_->values_[at_ - 1];
}
inline FieldValues::Iterator& FieldValues::Iterator::operator++() {
  at_ = index_->next_[at_ - 1];
  return *this;
}

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_FIELD_INDEX_H_
