// PrefixSet: prefixes become nested [lo, hi] intervals; one sweep cuts the key space into
// disjoint segments labelled with the innermost prefix, and a radix index over the bits right
// below the prefixes' common leading bits narrows each lookup to a handful of segment starts.
#include "seckit/prefix_set.h"

#include <algorithm>
#include <bit>

namespace seckit {
namespace {

__extension__ typedef unsigned __int128 Uint128;

// Index buckets: about one per segment, at most 2^20 (4 MiB) so the index stays cache-friendly
// and its construction cheap for small sets.
constexpr int kMaxIndexBits = 20;

template <typename Key>
constexpr int kKeyBits = static_cast<int>(sizeof(Key) * 8);

template <typename Key>
Key ShiftLeft(Key k, int n) {
  return n >= kKeyBits<Key> ? Key{0} : static_cast<Key>(k << n);
}

template <typename Key>
Key ShiftRight(Key k, int n) {
  return n >= kKeyBits<Key> ? Key{0} : static_cast<Key>(k >> n);
}

// The host bits of a prefix of `len` bits.
template <typename Key>
Key HostMask(int len) {
  return ShiftRight<Key>(static_cast<Key>(~Key{0}), len);
}

template <typename Key>
int CountLeadingZeros(Key k) {
  if constexpr (sizeof(Key) == 16) {
    const auto high = static_cast<uint64_t>(k >> 64);
    return high != 0 ? std::countl_zero(high) : 64 + std::countl_zero(static_cast<uint64_t>(k));
  } else {
    return std::countl_zero(k);
  }
}

template <typename Key>
struct Pending {
  Key lo;
  uint32_t order;  // position in Add() order, so the first of equal prefixes wins
  uint32_t id;
  int len;
};

// The disjoint segments of one address family and the radix index over them.
template <typename Key>
class SegmentTable {
 public:
  // Sorts `prefixes` in place (their order field keeps the Add order for later Builds).
  void Build(std::vector<Pending<Key>>& prefixes);
  uint32_t Lookup(Key key) const;  // kNoId when no prefix contains key
  size_t segments() const { return segments_.size(); }

 private:
  void Sweep(const std::vector<Pending<Key>>& sorted);
  void BuildIndex();

  // A segment runs from its start to the next one's; starts are sorted, the first is 0. The id
  // sits beside the start so a lookup's last probe brings it into cache too.
  struct Segment {
    Key start;
    uint32_t id;  // the innermost prefix covering the segment, or kNoId
  };
  std::vector<Segment> segments_;
  Key block_ = 0;  // every prefix lies in block_/block_bits_
  int block_bits_ = 0;
  int index_bits_ = 0;           // buckets split the block by its next index_bits_ bits
  std::vector<uint32_t> index_;  // first segment touching each bucket, plus an end sentinel
};

template <typename Key>
void SegmentTable<Key>::Build(std::vector<Pending<Key>>& prefixes) {
  segments_.clear();
  index_.clear();
  if (prefixes.empty()) return;
  // Containers first (same lo: shorter first), so the sweep meets parents before children.
  std::sort(prefixes.begin(), prefixes.end(), [](const Pending<Key>& a, const Pending<Key>& b) {
    if (a.lo != b.lo) return a.lo < b.lo;
    if (a.len != b.len) return a.len < b.len;
    return a.order < b.order;
  });
  Sweep(prefixes);
  // Every prefix lies inside the block of the common leading bits of all network addresses,
  // cut to the shortest prefix length; addresses outside it cannot match anything.
  const Key spread = prefixes.front().lo ^ prefixes.back().lo;
  int bits = spread == 0 ? kKeyBits<Key> : CountLeadingZeros(spread);
  for (const Pending<Key>& p : prefixes) bits = std::min(bits, p.len);
  block_bits_ = bits;
  block_ = prefixes.front().lo & static_cast<Key>(~HostMask<Key>(bits));
  BuildIndex();
}

template <typename Key>
void SegmentTable<Key>::Sweep(const std::vector<Pending<Key>>& sorted) {
  // A boundary at the same key as the previous one replaces it: the later one is more specific.
  auto emit = [this](Key at, uint32_t id) {
    if (!segments_.empty() && segments_.back().start == at) {
      segments_.back().id = id;
    } else {
      segments_.push_back({at, id});
    }
  };
  struct Open {
    Key hi;
    uint32_t id;
  };
  std::vector<Open> open;  // the prefixes containing the sweep position, innermost last
  segments_.reserve(2 * sorted.size() + 1);  // each prefix opens and closes at most one
  emit(0, PrefixSet::kNoId);
  const Pending<Key>* previous = nullptr;
  for (const Pending<Key>& p : sorted) {
    if (previous != nullptr && previous->lo == p.lo && previous->len == p.len) continue;
    previous = &p;
    while (!open.empty() && open.back().hi < p.lo) {  // hi < p.lo, so hi + 1 cannot wrap
      const Key end = open.back().hi;
      open.pop_back();
      emit(end + 1, open.empty() ? PrefixSet::kNoId : open.back().id);
    }
    emit(p.lo, p.id);
    open.push_back({static_cast<Key>(p.lo | HostMask<Key>(p.len)), p.id});
  }
  while (!open.empty()) {
    const Key end = open.back().hi;
    open.pop_back();
    if (end == static_cast<Key>(~Key{0})) break;  // the enclosing ones end there too
    emit(end + 1, open.empty() ? PrefixSet::kNoId : open.back().id);
  }
  // Neighbours with the same label (a parent resuming between children) become one segment.
  size_t kept = 0;
  for (const Segment& segment : segments_) {
    if (kept > 0 && segments_[kept - 1].id == segment.id) continue;
    segments_[kept++] = segment;
  }
  segments_.resize(kept);
  segments_.shrink_to_fit();
}

template <typename Key>
void SegmentTable<Key>::BuildIndex() {
  const int free_bits = kKeyBits<Key> - block_bits_;
  index_bits_ =
      std::min({kMaxIndexBits, free_bits, static_cast<int>(std::bit_width(segments_.size())) - 1});
  const size_t buckets = size_t{1} << index_bits_;
  const int bucket_shift = free_bits - index_bits_;
  index_.resize(buckets + 1);
  size_t segment = 0;
  auto advance_to = [&](Key key) {
    while (segment + 1 < segments_.size() && segments_[segment + 1].start <= key) ++segment;
    return static_cast<uint32_t>(segment);
  };
  for (size_t b = 0; b < buckets; ++b) {
    index_[b] = advance_to(block_ | ShiftLeft<Key>(static_cast<Key>(b), bucket_shift));
  }
  index_[buckets] = advance_to(block_ | HostMask<Key>(block_bits_));
}

template <typename Key>
uint32_t SegmentTable<Key>::Lookup(Key key) const {
  if (segments_.empty()) return PrefixSet::kNoId;
  const int shift = kKeyBits<Key> - block_bits_;
  if (ShiftRight<Key>(key ^ block_, shift) != 0) return PrefixSet::kNoId;
  const auto bucket = static_cast<size_t>(
      ShiftRight<Key>(ShiftLeft<Key>(key, block_bits_), kKeyBits<Key> - index_bits_));
  // The answer is the last start <= key among segments index_[bucket] .. index_[bucket + 1];
  // the first of them is <= key by construction. Branch-free halving.
  const Segment* base = segments_.data() + index_[bucket];
  size_t n = index_[bucket + 1] - index_[bucket] + 1;
  while (n > 1) {
    const size_t half = n / 2;
    base = base[half].start <= key ? base + half : base;
    n -= half;
  }
  return base->id;
}

Uint128 Key6(const IpAddress& a) { return static_cast<Uint128>(a.high()) << 64 | a.low(); }

}  // namespace

struct PrefixSet::Tables {
  std::vector<Pending<uint32_t>> pending4;
  std::vector<Pending<Uint128>> pending6;
  SegmentTable<uint32_t> table4;
  SegmentTable<Uint128> table6;
};

PrefixSet::PrefixSet() : tables_(std::make_unique<Tables>()) {}
PrefixSet::~PrefixSet() = default;
PrefixSet::PrefixSet(PrefixSet&&) noexcept = default;
PrefixSet& PrefixSet::operator=(PrefixSet&&) noexcept = default;

void PrefixSet::Add(const Cidr& prefix, uint32_t id) {
  if (id == kNoId) {
    ++rejected_;
    return;
  }
  const auto order = static_cast<uint32_t>(size());
  if (prefix.is_v4()) {
    tables_->pending4.push_back({prefix.network().v4(), order, id, prefix.prefix_len()});
  } else {
    tables_->pending6.push_back({Key6(prefix.network()), order, id, prefix.prefix_len()});
  }
}

void PrefixSet::Build() {
  tables_->table4.Build(tables_->pending4);
  tables_->table6.Build(tables_->pending6);
}

std::optional<uint32_t> PrefixSet::Lookup(const IpAddress& address) const {
  const uint32_t id = address.is_v4() ? tables_->table4.Lookup(address.v4())
                                      : tables_->table6.Lookup(Key6(address));
  if (id == kNoId) return std::nullopt;
  return id;
}

size_t PrefixSet::size() const { return tables_->pending4.size() + tables_->pending6.size(); }

size_t PrefixSet::segment_count() const {
  return tables_->table4.segments() + tables_->table6.segments();
}

}  // namespace seckit
