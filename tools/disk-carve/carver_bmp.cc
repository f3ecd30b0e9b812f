// BMP: the file header's size, trusted only when the DIB header is sane and the pixel array it
// describes fits inside it.
#include <cstdlib>

#include "carve_bytes.h"
#include "carve_formats.h"

namespace seckit::disk_carve {

std::optional<Measured> MeasureBmp(std::span<const uint8_t> d) {
  if (!Has(d, 0, 30) || d[0] != 'B' || d[1] != 'M') return std::nullopt;
  const uint32_t size = Le32(d, 2);
  const uint32_t data_offset = Le32(d, 10);
  const uint32_t dib = Le32(d, 14);
  if (Le32(d, 6) != 0) return std::nullopt;
  if (dib != 12 && dib != 40 && dib != 52 && dib != 56 && dib != 64 && dib != 108 && dib != 124) {
    return std::nullopt;
  }
  if (data_offset < 14 + dib || data_offset >= size) return std::nullopt;
  uint64_t width = 0, height = 0, bpp = 0, compression = 0;
  if (dib == 12) {
    width = Le16(d, 18);
    height = Le16(d, 20);
    if (Le16(d, 22) != 1) return std::nullopt;
    bpp = Le16(d, 24);
  } else {
    if (!Has(d, 0, 34)) return std::nullopt;
    const auto w = static_cast<int32_t>(Le32(d, 18));
    const auto h = static_cast<int32_t>(Le32(d, 22));
    if (w <= 0 || h == 0 || w > 65535 || h > 65535 || h < -65535) return std::nullopt;
    width = static_cast<uint64_t>(w);
    height = static_cast<uint64_t>(std::abs(h));
    if (Le16(d, 26) != 1) return std::nullopt;
    bpp = Le16(d, 28);
    compression = Le32(d, 30);
  }
  if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32) return std::nullopt;
  if (compression == 0) {
    const uint64_t row = (bpp * width + 31) / 32 * 4;
    if (static_cast<uint64_t>(data_offset) + row * height > size) return std::nullopt;
  } else if (compression > 6) {
    return std::nullopt;
  }
  Measured m;
  if (size > d.size()) {
    m.length = d.size();
    m.needs_more = true;
    return m;
  }
  m.length = size;
  m.valid = true;
  return m;
}

}  // namespace seckit::disk_carve
