// DistinctCounter: how many distinct values were added — exact while small (a short list of
// 64-bit hashes), then a HyperLogLog sketch of fixed size (1 KiB, about 3% standard error), so a
// scanner touching every port of every host costs no more memory than one touching 200.
#ifndef SECKIT_ANOMALY_DETECT_DISTINCT_COUNTER_H_
#define SECKIT_ANOMALY_DETECT_DISTINCT_COUNTER_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "small_vector.h"

namespace seckit::anomaly_detect {

// A 64-bit mix of `x` (SplitMix64's finaliser): spreads any key over all bits.
inline uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
uint64_t HashText(std::string_view text);

class DistinctCounter {
 public:
  // Values are added as well-mixed 64-bit hashes (Mix64, HashText).
  void Add(uint64_t hash);
  uint64_t Estimate() const;
  // Exact below this many distinct values.
  static constexpr size_t kExactLimit = 128;
  static constexpr int kPrecision = 10;  // 2^10 registers

  size_t MemoryBytes() const;

 private:
  void Promote();

  SmallVector<uint64_t, 4> exact_;  // unsorted distinct hashes while small
  std::unique_ptr<uint8_t[]> registers_;
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_DISTINCT_COUNTER_H_
