// PrefixSet: longest-prefix match of IP addresses against a large, static set of CIDR prefixes
// (block lists, allow lists, ASN and geo tables), built once and then looked up on hot paths.
#ifndef SECKIT_PREFIX_SET_H_
#define SECKIT_PREFIX_SET_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "seckit/ip.h"

namespace seckit {

// Usage: Add() every prefix with an id of the caller's choosing (an index into its own table),
// Build() once, then Lookup()/Contains() from any number of threads.
//
// Lookup returns the id of the most specific prefix that contains the address. When the same
// prefix was added more than once, the id given first wins. IPv4 and IPv6 are separate:
// an IPv4-mapped IPv6 address only matches IPv6 prefixes (call IpAddress::Unmapped() first to
// match it against IPv4 prefixes).
//
// Cost: Build is O(n log n) time; memory is at most about 32 bytes per IPv4 prefix and 96 per
// IPv6 prefix (the added prefixes are kept for later Builds) plus an index of up to 4 MiB. A
// lookup is one index probe and a branch-free binary search over the segment boundaries in one
// index bucket: a few cache misses when prefixes spread over the space they share, O(log n)
// when they crowd into a small part of it (numbers: bench/micro/prefix_set_bench.cc).
class PrefixSet {
 public:
  // Ids are any value but this one, which the table uses to mean "no prefix here".
  static constexpr uint32_t kNoId = 0xffffffff;

  PrefixSet();
  ~PrefixSet();
  // A moved-from set may only be assigned to or destroyed.
  PrefixSet(PrefixSet&&) noexcept;
  PrefixSet& operator=(PrefixSet&&) noexcept;

  // Records a prefix. Requires id != kNoId (such an Add is ignored and counted in
  // rejected_count()). Takes effect at the next Build().
  void Add(const Cidr& prefix, uint32_t id);

  // Builds the lookup tables from every prefix added so far (earlier Builds included). Lookups
  // before the first Build find nothing.
  void Build();

  // The id of the most specific prefix containing `address`, or nullopt.
  std::optional<uint32_t> Lookup(const IpAddress& address) const;
  bool Contains(const IpAddress& address) const { return Lookup(address).has_value(); }

  // Prefixes added (duplicates included) and Adds ignored because the id was kNoId.
  size_t size() const;
  size_t rejected_count() const { return rejected_; }
  // Disjoint address ranges the last Build produced (for tests and diagnostics).
  size_t segment_count() const;

 private:
  struct Tables;
  std::unique_ptr<Tables> tables_;
  size_t rejected_ = 0;
};

}  // namespace seckit

#endif  // SECKIT_PREFIX_SET_H_
