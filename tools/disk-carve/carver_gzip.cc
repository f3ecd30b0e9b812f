// GZIP: one member, measured by inflating it (zlib checks the CRC-32 and length in the trailer).
#include <zlib.h>

#include <vector>

#include "carve_bytes.h"
#include "carve_formats.h"

namespace seckit::disk_carve {

std::optional<Measured> MeasureGzip(std::span<const uint8_t> d) {
  if (!Has(d, 0, 18) || d[0] != 0x1f || d[1] != 0x8b || d[2] != 8 || (d[3] & 0xe0) != 0) {
    return std::nullopt;
  }
  if (d[9] > 13 && d[9] != 255) return std::nullopt;  // OS byte
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return std::nullopt;
  std::vector<uint8_t> sink(size_t{256} * 1024);
  uint64_t fed = 0;
  int rc = Z_OK;
  while (rc == Z_OK) {
    if (z.avail_in == 0) {
      if (fed >= d.size()) break;
      const uint64_t step = d.size() - fed > (1u << 30) ? (1u << 30) : d.size() - fed;
      z.next_in = const_cast<Bytef*>(d.data() + fed);
      z.avail_in = static_cast<uInt>(step);
      fed += step;
    }
    z.next_out = sink.data();
    z.avail_out = static_cast<uInt>(sink.size());
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) rc = Z_OK;
  }
  const uint64_t used = z.total_in;
  inflateEnd(&z);
  Measured m;
  if (rc == Z_STREAM_END) {
    m.length = used;
    m.valid = true;
    return m;
  }
  if (used < 64 && rc != Z_OK) return std::nullopt;  // not a deflate stream at all
  m.length = used;
  m.needs_more = rc == Z_OK;  // the data ran out before the stream ended
  return m;
}

}  // namespace seckit::disk_carve
