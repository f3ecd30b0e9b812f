// CountByte: SSE2 where the target has it (every x86-64), a plain loop elsewhere.
#include "seckit/text.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace seckit {

size_t CountByte(std::string_view text, char byte) {
  const char* p = text.data();
  const char* const end = p + text.size();
  size_t count = 0;
#if defined(__SSE2__)
  const __m128i wanted = _mm_set1_epi8(byte);
  // Each byte lane counts its matches (a match is -1; subtracting it adds one). A lane holds at
  // most 255, so the lanes are summed (psadbw against zero) every 255 blocks.
  while (end - p >= 16) {
    const size_t blocks = std::min<size_t>(static_cast<size_t>(end - p) / 16, 255);
    __m128i lanes = _mm_setzero_si128();
    for (size_t i = 0; i < blocks; ++i, p += 16) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(chunk, wanted));
    }
    const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    count += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
  }
#endif
  return count + static_cast<size_t>(std::count(p, end, byte));
}

}  // namespace seckit
