// Exact-then-HyperLogLog distinct counting (Flajolet et al. 2007, with the small-range linear
// counting correction).
#include "distinct_counter.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>

namespace seckit::anomaly_detect {
namespace {
constexpr size_t kRegisters = size_t{1} << DistinctCounter::kPrecision;

void AddToRegisters(uint8_t* registers, uint64_t hash) {
  const size_t index = hash >> (64 - DistinctCounter::kPrecision);
  const uint64_t rest = (hash << DistinctCounter::kPrecision) | (uint64_t{1} << 9);
  const auto rank = static_cast<uint8_t>(std::countl_zero(rest) + 1);
  registers[index] = std::max(registers[index], rank);
}
}  // namespace

uint64_t HashText(std::string_view text) { return Mix64(std::hash<std::string_view>()(text)); }

void DistinctCounter::Add(uint64_t hash) {
  if (registers_) {
    AddToRegisters(registers_.get(), hash);
    return;
  }
  if (std::find(exact_.begin(), exact_.end(), hash) != exact_.end()) return;
  exact_.push_back(hash);
  if (exact_.size() > kExactLimit) Promote();
}

void DistinctCounter::Promote() {
  registers_ = std::make_unique<uint8_t[]>(kRegisters);
  for (uint64_t h : exact_) AddToRegisters(registers_.get(), h);
  exact_.Release();
}

uint64_t DistinctCounter::Estimate() const {
  if (!registers_) return exact_.size();
  const double m = static_cast<double>(kRegisters);
  double sum = 0;
  int zeros = 0;
  for (size_t i = 0; i < kRegisters; ++i) {
    sum += std::ldexp(1.0, -registers_[i]);
    zeros += registers_[i] == 0;
  }
  const double alpha = 0.7213 / (1 + 1.079 / m);
  double estimate = alpha * m * m / sum;
  if (estimate <= 2.5 * m && zeros > 0) estimate = m * std::log(m / zeros);
  return static_cast<uint64_t>(std::llround(estimate));
}

size_t DistinctCounter::MemoryBytes() const {
  return sizeof(*this) + exact_.HeapBytes() + (registers_ ? kRegisters : 0);
}

}  // namespace seckit::anomaly_detect
