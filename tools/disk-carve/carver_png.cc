// PNG: the 8-byte signature, then chunks (length, type, data, CRC-32 checked) up to IEND.
#include <zlib.h>

#include "carve_bytes.h"
#include "carve_formats.h"

namespace seckit::disk_carve {
namespace {

bool IsChunkType(std::span<const uint8_t> d, uint64_t p) {
  for (int i = 0; i < 4; ++i) {
    const uint8_t c = d[p + i];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
}

uint32_t Crc(std::span<const uint8_t> d, uint64_t pos, uint64_t n) {
  uLong crc = crc32(0L, Z_NULL, 0);
  while (n > 0) {
    const uInt step = n > (1u << 30) ? (1u << 30) : static_cast<uInt>(n);
    crc = crc32(crc, d.data() + pos, step);
    pos += step;
    n -= step;
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace

std::optional<Measured> MeasurePng(std::span<const uint8_t> d) {
  static constexpr uint8_t kSig[8] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
  if (!Has(d, 0, 33)) return std::nullopt;
  for (int i = 0; i < 8; ++i) {
    if (d[i] != kSig[i]) return std::nullopt;
  }
  if (Be32(d, 8) != 13 || d[12] != 'I' || d[13] != 'H' || d[14] != 'D' || d[15] != 'R') {
    return std::nullopt;
  }
  Measured m;
  uint64_t pos = 8;
  while (true) {
    if (!Has(d, pos, 8)) {
      m.needs_more = true;
      break;
    }
    const uint64_t size = Be32(d, pos);
    if (size > 0x7fffffffu || !IsChunkType(d, pos + 4)) break;
    if (!Has(d, pos, 12 + size)) {
      m.needs_more = true;
      break;
    }
    if (Crc(d, pos + 4, 4 + size) != Be32(d, pos + 8 + size)) {
      // A damaged chunk is kept: its data may still be mostly right (a truncated IDAT).
      pos += 12 + size;
      break;
    }
    const bool end =
        d[pos + 4] == 'I' && d[pos + 5] == 'E' && d[pos + 6] == 'N' && d[pos + 7] == 'D';
    pos += 12 + size;
    if (end) {
      m.length = pos;
      m.valid = true;
      return m;
    }
  }
  m.length = pos;
  return m;
}

}  // namespace seckit::disk_carve
