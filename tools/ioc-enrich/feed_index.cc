// FeedIndex: building the hash table and the network tree, and the allocation-free probes.
#include "feed_index.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <thread>

namespace seckit::ioc_enrich::feeds {
namespace {

uint64_t Hash(std::string_view value) { return std::hash<std::string_view>()(value); }

// Below this many entries of either kind a second thread costs more than it saves.
constexpr size_t kMinParallelBuild = 4096;

}  // namespace

void FeedIndex::Build(const FeedStore& store) {
  const size_t n = store.size();
  next_.assign(n, kNone);
  networks_.clear();
  prefixes_ = PrefixSet();
  std::vector<uint32_t> values, network_entries;
  values.reserve(n);
  for (uint32_t id = 0; id < n; ++id) {
    (store.entry(id).type == IndicatorType::kCidr ? network_entries : values).push_back(id);
  }
  // The two tables take about as long to build and share only next_, where each writes the
  // links of its own entries: large ones are built side by side.
  if (values.size() < kMinParallelBuild || network_entries.size() < kMinParallelBuild) {
    BuildValues(values, store);
    BuildNetworks(network_entries, store);
    return;
  }
  std::jthread networks([&] { BuildNetworks(network_entries, store); });
  BuildValues(values, store);
}

void FeedIndex::BuildValues(const std::vector<uint32_t>& ids, const FeedStore& store) {
  // At most half full, so probe sequences stay short.
  const size_t capacity = std::bit_ceil(std::max<size_t>(16, 2 * ids.size()));
  mask_ = capacity - 1;
  slots_.assign(capacity, Slot{});
  // The table is far larger than the caches and every insert lands somewhere else in it:
  // hashing ahead and prefetching the slot a few inserts early overlaps those misses.
  std::vector<uint64_t> hashes(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) hashes[i] = Hash(store.Value(ids[i]));
  constexpr size_t kAhead = 16;
  // Last entry first: a repeated value's chain then grows at its head and ends up in load
  // order, with no chain tail to keep per slot.
  for (size_t i = ids.size(); i-- > 0;) {
    if (i >= kAhead) __builtin_prefetch(&slots_[hashes[i - kAhead] & mask_], 1);
    const uint32_t id = ids[i];
    const uint32_t tag = static_cast<uint32_t>(hashes[i] >> 32);
    for (size_t s = hashes[i] & mask_;; s = (s + 1) & mask_) {
      Slot& slot = slots_[s];
      if (slot.head == kNone) {
        slot = {tag, id};
        break;
      }
      if (slot.tag == tag && store.Value(slot.head) == store.Value(id)) {
        next_[id] = slot.head;
        slot.head = id;
        break;
      }
    }
  }
}

void FeedIndex::BuildNetworks(const std::vector<uint32_t>& network_entries,
                              const FeedStore& store) {
  struct Listed {
    Cidr cidr;
    uint32_t id;
  };
  std::vector<Listed> listed;
  listed.reserve(network_entries.size());
  for (uint32_t id : network_entries) {
    // Values were normalised from a Cidr, so they parse.
    if (const std::optional<Cidr> cidr = Cidr::Parse(store.Value(id)))
      listed.push_back({*cidr, id});
  }
  // In Cidr order a network comes before every network it contains (and equal ones are
  // adjacent, in load order), so a stack of the open enclosing networks gives each its parent.
  std::sort(listed.begin(), listed.end(), [](const Listed& a, const Listed& b) {
    return a.cidr != b.cidr ? a.cidr < b.cidr : a.id < b.id;
  });
  std::vector<uint32_t> open;
  uint32_t tail = kNone;
  for (const Listed& l : listed) {
    if (!networks_.empty() && networks_.back().cidr == l.cidr) {
      next_[tail] = l.id;
      tail = l.id;
      continue;
    }
    while (!open.empty() && !networks_[open.back()].cidr.Contains(l.cidr)) open.pop_back();
    const auto index = static_cast<uint32_t>(networks_.size());
    networks_.push_back({l.cidr, l.id, open.empty() ? kNone : open.back()});
    open.push_back(index);
    prefixes_.Add(l.cidr, index);
    tail = l.id;
  }
  prefixes_.Build();
}

uint32_t FeedIndex::FindExact(const FeedStore& store, std::string_view value) const {
  if (slots_.empty()) return kNone;
  const uint64_t h = Hash(value);
  const uint32_t tag = static_cast<uint32_t>(h >> 32);
  for (size_t i = h & mask_;; i = (i + 1) & mask_) {
    const Slot& slot = slots_[i];
    if (slot.head == kNone) return kNone;
    if (slot.tag == tag && store.Value(slot.head) == value) return slot.head;
  }
}

uint32_t FeedIndex::FindNetwork(const IpAddress& address) const {
  if (networks_.empty()) return kNone;
  return prefixes_.Lookup(address).value_or(kNone);
}

}  // namespace seckit::ioc_enrich::feeds
