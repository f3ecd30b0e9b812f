// PE: "MZ", e_lfanew to "PE\0\0", then the furthest of the headers (SizeOfHeaders), each section's
// raw data and the certificate table (which sits after the sections, addressed by file offset).
#include <algorithm>

#include "carve_bytes.h"
#include "carve_formats.h"

namespace seckit::disk_carve {

std::optional<Measured> MeasurePe(std::span<const uint8_t> d) {
  if (!Has(d, 0, 64) || d[0] != 'M' || d[1] != 'Z') return std::nullopt;
  const uint64_t pe = Le32(d, 0x3c);
  if (pe < 0x40 || pe > 0x10000 || !Has(d, pe, 24)) return std::nullopt;
  if (d[pe] != 'P' || d[pe + 1] != 'E' || d[pe + 2] != 0 || d[pe + 3] != 0) return std::nullopt;
  const uint64_t sections = Le16(d, pe + 6);
  const uint64_t optional_size = Le16(d, pe + 20);
  const uint64_t opt = pe + 24;
  if (sections == 0 || sections > 96 || optional_size < 96 || !Has(d, opt, optional_size)) {
    return std::nullopt;
  }
  const uint16_t magic = Le16(d, opt);
  if (magic != 0x10b && magic != 0x20b) return std::nullopt;
  const bool plus = magic == 0x20b;
  uint64_t end = Le32(d, opt + 60);  // SizeOfHeaders
  const uint64_t dir_count_at = plus ? opt + 108 : opt + 92;
  const uint64_t dirs = plus ? opt + 112 : opt + 96;
  // Data directory entries are 8 bytes; the fifth (index 4) is the certificate table.
  constexpr uint64_t kDirEntry = 8;
  if (Le32(d, dir_count_at) > 4 && dirs + 5 * kDirEntry <= opt + optional_size) {
    const uint64_t cert_offset = Le32(d, dirs + 4 * kDirEntry);
    const uint64_t cert_size = Le32(d, dirs + 4 * kDirEntry + 4);
    if (cert_offset != 0 && cert_size != 0) end = std::max(end, cert_offset + cert_size);
  }
  const uint64_t table = opt + optional_size;
  if (!Has(d, table, sections * 40)) {
    Measured m;
    m.length = d.size();
    m.needs_more = true;
    return m;
  }
  for (uint64_t i = 0; i < sections; ++i) {
    const uint64_t s = table + i * 40;
    const uint64_t raw_size = Le32(d, s + 16);
    const uint64_t raw_at = Le32(d, s + 20);
    if (raw_size != 0) end = std::max(end, raw_at + raw_size);
  }
  Measured m;
  m.needs_more = end > d.size();
  m.valid = !m.needs_more;
  m.length = std::min<uint64_t>(end, d.size());
  return m;
}

}  // namespace seckit::disk_carve
