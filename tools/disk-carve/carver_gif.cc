// GIF: header, logical screen descriptor and colour table, then extension and image blocks (each
// a chain of sub-blocks) up to the trailer byte 0x3B.
#include "carve_bytes.h"
#include "carve_formats.h"

namespace seckit::disk_carve {
namespace {

// Skips a chain of sub-blocks at `pos`; the position after the terminator, or 0 when cut short.
uint64_t SkipSubBlocks(std::span<const uint8_t> d, uint64_t pos) {
  while (pos < d.size()) {
    const uint8_t n = d[pos];
    pos += 1 + n;
    if (n == 0) return pos;
  }
  return 0;
}

}  // namespace

std::optional<Measured> MeasureGif(std::span<const uint8_t> d) {
  if (!Has(d, 0, 13) || d[0] != 'G' || d[1] != 'I' || d[2] != 'F' || d[3] != '8' ||
      (d[4] != '7' && d[4] != '9') || d[5] != 'a') {
    return std::nullopt;
  }
  uint64_t pos = 13;
  if (d[10] & 0x80) pos += 3ull << ((d[10] & 7) + 1);
  Measured m;
  while (true) {
    if (pos >= d.size()) {
      m.needs_more = true;
      break;
    }
    const uint8_t block = d[pos];
    if (block == 0x3b) {
      m.length = pos + 1;
      m.valid = true;
      return m;
    }
    uint64_t next = 0;
    if (block == 0x21 && Has(d, pos, 2)) {
      next = SkipSubBlocks(d, pos + 2);
    } else if (block == 0x2c && Has(d, pos, 10)) {
      uint64_t p = pos + 10;
      if (d[pos + 9] & 0x80) p += 3ull << ((d[pos + 9] & 7) + 1);
      next = p + 1 < d.size() ? SkipSubBlocks(d, p + 1) : 0;
    } else if (block != 0x21 && block != 0x2c) {
      break;
    }
    if (next == 0) {
      m.needs_more = true;
      break;
    }
    pos = next;
  }
  m.length = pos < d.size() ? pos : d.size();
  return m;
}

}  // namespace seckit::disk_carve
