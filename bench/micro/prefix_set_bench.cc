// PrefixSet benchmarks: Build time and lookup latency with a million random IPv4 and IPv6
// prefixes, for random addresses (mostly misses) and for addresses inside listed prefixes.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "seckit/prefix_set.h"

namespace seckit {
namespace {

constexpr int kPrefixCount = 1000000;
constexpr size_t kQueryCount = 1 << 20;  // a power of two so the loop can wrap with a mask

// Block-list-like IPv4 prefixes: mostly hosts and /24s, some shorter networks.
std::vector<Cidr> RandomV4Prefixes(std::mt19937_64& rng) {
  std::vector<Cidr> out;
  out.reserve(kPrefixCount);
  for (int i = 0; i < kPrefixCount; ++i) {
    const uint64_t r = rng();
    const int len = r % 100 < 60 ? 32 : r % 100 < 85 ? 24 : 8 + static_cast<int>(r >> 32) % 24;
    out.push_back(*Cidr::Make(IpAddress::V4(static_cast<uint32_t>(rng())), len));
  }
  return out;
}

// Routing-table-like IPv6 prefixes in 2000::/3: /16 to /64, some /128 hosts.
std::vector<Cidr> RandomV6Prefixes(std::mt19937_64& rng) {
  std::vector<Cidr> out;
  out.reserve(kPrefixCount);
  for (int i = 0; i < kPrefixCount; ++i) {
    const uint64_t r = rng();
    const int len = r % 100 < 10 ? 128 : 16 + static_cast<int>(r >> 32) % 49;
    const uint64_t high = (rng() >> 3) | 0x2000000000000000;
    out.push_back(*Cidr::Make(IpAddress::V6(high, rng()), len));
  }
  return out;
}

struct Fixture {
  PrefixSet set;
  std::vector<IpAddress> random_queries;  // uniform over the family's space
  std::vector<IpAddress> listed_queries;  // inside a listed prefix
};

const Fixture& GetFixture(bool v4) {
  static const Fixture* fixtures[2] = {nullptr, nullptr};
  const Fixture*& slot = fixtures[v4 ? 0 : 1];
  if (slot != nullptr) return *slot;
  auto* f = new Fixture;
  std::mt19937_64 rng(v4 ? 1 : 2);
  const std::vector<Cidr> prefixes = v4 ? RandomV4Prefixes(rng) : RandomV6Prefixes(rng);
  for (size_t i = 0; i < prefixes.size(); ++i) f->set.Add(prefixes[i], static_cast<uint32_t>(i));
  f->set.Build();
  for (size_t i = 0; i < kQueryCount; ++i) {
    f->random_queries.push_back(v4 ? IpAddress::V4(static_cast<uint32_t>(rng()))
                                   : IpAddress::V6((rng() >> 3) | 0x2000000000000000, rng()));
    const Cidr& p = prefixes[rng() % prefixes.size()];
    const IpAddress first = p.first(), last = p.last();
    f->listed_queries.push_back(
        v4 ? IpAddress::V4(first.v4() | (static_cast<uint32_t>(rng()) & (first.v4() ^ last.v4())))
           : IpAddress::V6(first.high() | (rng() & (first.high() ^ last.high())),
                           first.low() | (rng() & (first.low() ^ last.low()))));
  }
  slot = f;
  return *f;
}

void Lookup(benchmark::State& state, bool v4, bool listed) {
  const Fixture& f = GetFixture(v4);
  const std::vector<IpAddress>& queries = listed ? f.listed_queries : f.random_queries;
  size_t i = 0, found = 0;
  for (auto _ : state) {
    found += f.set.Lookup(queries[i++ & (kQueryCount - 1)]).has_value();
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(state.iterations());
  state.counters["segments"] = static_cast<double>(f.set.segment_count());
}

void BM_LookupV4Random(benchmark::State& state) { Lookup(state, true, false); }
void BM_LookupV4Listed(benchmark::State& state) { Lookup(state, true, true); }
void BM_LookupV6Random(benchmark::State& state) { Lookup(state, false, false); }
void BM_LookupV6Listed(benchmark::State& state) { Lookup(state, false, true); }
BENCHMARK(BM_LookupV4Random);
BENCHMARK(BM_LookupV4Listed);
BENCHMARK(BM_LookupV6Random);
BENCHMARK(BM_LookupV6Listed);

void Build(benchmark::State& state, bool v4) {
  std::mt19937_64 rng(3);
  const std::vector<Cidr> prefixes = v4 ? RandomV4Prefixes(rng) : RandomV6Prefixes(rng);
  for (auto _ : state) {
    PrefixSet set;
    for (size_t i = 0; i < prefixes.size(); ++i) set.Add(prefixes[i], static_cast<uint32_t>(i));
    set.Build();
    benchmark::DoNotOptimize(set.segment_count());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(prefixes.size()));
}

void BM_BuildV4(benchmark::State& state) { Build(state, true); }
void BM_BuildV6(benchmark::State& state) { Build(state, false); }
BENCHMARK(BM_BuildV4)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildV6)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace seckit
