// FeedIndex: the lookup tables over a FeedStore: exact values in an open-addressing hash table,
// network entries in a PrefixSet with each network's enclosing network, so that every listed
// network containing an address is found from one longest-prefix match.
#ifndef SECKIT_IOC_ENRICH_FEED_INDEX_H_
#define SECKIT_IOC_ENRICH_FEED_INDEX_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "feed_store.h"
#include "seckit/ip.h"
#include "seckit/prefix_set.h"

namespace seckit::ioc_enrich::feeds {

class FeedIndex {
 public:
  static constexpr uint32_t kNone = 0xffffffff;

  // A listed network (a CIDR that is not a single host) and the entries that list it.
  struct Network {
    Cidr cidr;
    uint32_t first_entry = kNone;  // then next()
    uint32_t parent = kNone;       // the most specific other listed network containing it
  };

  // Indexes every entry of `store`: CIDR entries by network, all others by value.
  void Build(const FeedStore& store);

  // The first entry whose value is exactly `value` (then next()), or kNone. No allocation.
  uint32_t FindExact(const FeedStore& store, std::string_view value) const;
  // The most specific listed network containing `address` (then Network::parent), or kNone.
  uint32_t FindNetwork(const IpAddress& address) const;

  uint32_t next(uint32_t entry) const { return next_[entry]; }
  const Network& network(uint32_t index) const { return networks_[index]; }
  bool has_networks() const { return !networks_.empty(); }

 private:
  struct Slot {
    uint32_t tag = 0;       // high hash bits, to skip most unequal values unread
    uint32_t head = kNone;  // first entry with this value
  };

  void BuildValues(const std::vector<uint32_t>& ids, const FeedStore& store);
  void BuildNetworks(const std::vector<uint32_t>& network_entries, const FeedStore& store);

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<uint32_t> next_;  // per entry: the next entry with the same value or network
  std::vector<Network> networks_;
  PrefixSet prefixes_;  // id = index into networks_
};

}  // namespace seckit::ioc_enrich::feeds

#endif  // SECKIT_IOC_ENRICH_FEED_INDEX_H_
