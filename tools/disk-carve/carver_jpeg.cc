// JPEG: marker segments from SOI, entropy-coded data after each SOS scanned for the next marker
// (0xFF followed by neither 0x00 stuffing nor a restart marker), up to EOI.
#include <cstring>

#include "carve_bytes.h"
#include "carve_formats.h"

namespace seckit::disk_carve {
namespace {

bool IsSegmentMarker(uint8_t m) {
  return (m >= 0xc0 && m <= 0xcf) || (m >= 0xdb && m <= 0xdf) || (m >= 0xe0 && m <= 0xef) ||
         m == 0xfe || m == 0xda;
}

// Position of the marker ending the entropy-coded data that starts at `pos`, or data.size().
uint64_t SkipEntropyData(std::span<const uint8_t> d, uint64_t pos) {
  while (pos + 1 < d.size()) {
    const void* ff = std::memchr(d.data() + pos, 0xff, d.size() - pos - 1);
    if (ff == nullptr) return d.size();
    pos = static_cast<uint64_t>(static_cast<const uint8_t*>(ff) - d.data());
    const uint8_t next = d[pos + 1];
    if (next == 0x00 || (next >= 0xd0 && next <= 0xd7) || next == 0xff) {
      pos += next == 0xff ? 1 : 2;
      continue;
    }
    return pos;
  }
  return d.size();
}

}  // namespace

std::optional<Measured> MeasureJpeg(std::span<const uint8_t> d) {
  if (!Has(d, 0, 4) || d[0] != 0xff || d[1] != 0xd8 || d[2] != 0xff) return std::nullopt;
  if (!IsSegmentMarker(d[3])) return std::nullopt;
  uint64_t pos = 2;
  bool frame = false;
  bool scan = false;
  Measured m;
  while (true) {
    if (!Has(d, pos, 2)) break;
    if (d[pos] != 0xff) break;  // the structure is broken here
    const uint8_t marker = d[pos + 1];
    if (marker == 0xff) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0xd9) {
      m.length = pos + 2;
      m.valid = frame && scan;
      return m;
    }
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    if (!IsSegmentMarker(marker) || !Has(d, pos + 2, 2)) break;
    const uint16_t size = Be16(d, pos + 2);
    if (size < 2) break;
    const bool is_frame =
        marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    // A frame header and a scan header have sizes fixed by their component counts.
    if (is_frame) {
      if (!Has(d, pos, 10) || d[pos + 9] == 0 || d[pos + 9] > 4 || size != 8 + 3 * d[pos + 9])
        break;
      frame = true;
    }
    if (marker == 0xda) {
      if (!frame || !Has(d, pos, 5) || d[pos + 4] == 0 || d[pos + 4] > 4 ||
          size != 6 + 2 * d[pos + 4]) {
        break;
      }
    }
    if (!Has(d, pos + 2, size)) {
      pos = d.size();
      break;
    }
    pos += 2 + size;
    if (marker == 0xda) {
      scan = true;
      pos = SkipEntropyData(d, pos);
    }
  }
  // Without a start of scan there is no picture, and random bytes after FF D8 FF Ex look like
  // that often enough: not a JPEG.
  if (!scan) return std::nullopt;
  m.length = pos < d.size() ? pos : d.size();
  m.needs_more = pos >= d.size();
  return m;
}

}  // namespace seckit::disk_carve
