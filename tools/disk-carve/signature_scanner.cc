// The scan loop is the carver's hot path: random data almost never matches a two-byte pair, so
// each step is a handful of vector compares and one test of the combined mask.
#include "signature_scanner.h"

#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace seckit::disk_carve {
namespace {

#if defined(__x86_64__)
__attribute__((target("avx2"))) uint64_t FindAvx2(const uint8_t* p, uint64_t from, uint64_t end,
                                                  const std::vector<uint8_t>& a,
                                                  const std::vector<uint8_t>& b) {
  __m256i fa[16], fb[16];
  const size_t n = a.size() < 16 ? a.size() : 16;
  for (size_t k = 0; k < n; ++k) {
    fa[k] = _mm256_set1_epi8(static_cast<char>(a[k]));
    fb[k] = _mm256_set1_epi8(static_cast<char>(b[k]));
  }
  uint64_t i = from;
  while (i + 33 <= end) {
    const __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 1));
    __m256i any = _mm256_setzero_si256();
    for (size_t k = 0; k < n; ++k) {
      any = _mm256_or_si256(
          any, _mm256_and_si256(_mm256_cmpeq_epi8(v0, fa[k]), _mm256_cmpeq_epi8(v1, fb[k])));
    }
    const auto mask = static_cast<uint32_t>(_mm256_movemask_epi8(any));
    if (mask != 0) return i + static_cast<uint64_t>(__builtin_ctz(mask));
    i += 32;
  }
  return i;
}

uint64_t FindSse2(const uint8_t* p, uint64_t from, uint64_t end, const std::vector<uint8_t>& a,
                  const std::vector<uint8_t>& b) {
  __m128i fa[16], fb[16];
  const size_t n = a.size() < 16 ? a.size() : 16;
  for (size_t k = 0; k < n; ++k) {
    fa[k] = _mm_set1_epi8(static_cast<char>(a[k]));
    fb[k] = _mm_set1_epi8(static_cast<char>(b[k]));
  }
  uint64_t i = from;
  while (i + 17 <= end) {
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    __m128i any = _mm_setzero_si128();
    for (size_t k = 0; k < n; ++k) {
      any = _mm_or_si128(any, _mm_and_si128(_mm_cmpeq_epi8(v0, fa[k]), _mm_cmpeq_epi8(v1, fb[k])));
    }
    const auto mask = static_cast<uint32_t>(_mm_movemask_epi8(any));
    if (mask != 0) return i + static_cast<uint64_t>(__builtin_ctz(mask));
    i += 16;
  }
  return i;
}
#endif

}  // namespace

SignatureScanner::SignatureScanner(std::vector<const CarveFormat*> formats)
    : formats_(std::move(formats)) {
  std::memset(pair_, 0, sizeof pair_);
  for (const CarveFormat* f : formats_) {
    if (!pair_[f->magic[0]][f->magic[1]]) {
      first_.push_back(f->magic[0]);
      second_.push_back(f->magic[1]);
    }
    pair_[f->magic[0]][f->magic[1]] = true;
  }
#if defined(__x86_64__)
  avx2_ = __builtin_cpu_supports("avx2");
#endif
}

uint64_t SignatureScanner::FindNext(std::span<const uint8_t> data, uint64_t from) const {
  const uint8_t* p = data.data();
  const uint64_t end = data.size();
  uint64_t i = from;
#if defined(__x86_64__)
  if (first_.size() <= 16) {
    // The vector loop stops early on a block with a hit, or near the end; the scalar loop
    // below confirms the exact offset and finishes the tail.
    i = avx2_ ? FindAvx2(p, i, end, first_, second_) : FindSse2(p, i, end, first_, second_);
  }
#endif
  for (; i + 1 < end; ++i) {
    if (pair_[p[i]][p[i + 1]]) return i;
  }
  return end;
}

void SignatureScanner::FormatsAt(std::span<const uint8_t> data, uint64_t offset,
                                 std::vector<const CarveFormat*>& out) const {
  out.clear();
  if (offset + 1 >= data.size()) return;
  for (const CarveFormat* f : formats_) {
    if (data[offset] == f->magic[0] && data[offset + 1] == f->magic[1]) out.push_back(f);
  }
}

}  // namespace seckit::disk_carve
