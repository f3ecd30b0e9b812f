// SQLite: page size times the page count of the header, trusted when the header says that count
// is current (version-valid-for equals the change counter).
#include <cstring>

#include "carve_bytes.h"
#include "carve_formats.h"

namespace seckit::disk_carve {

std::optional<Measured> MeasureSqlite(std::span<const uint8_t> d) {
  if (!Has(d, 0, 100) || std::memcmp(d.data(), "SQLite format 3\0", 16) != 0) return std::nullopt;
  uint64_t page = Be16(d, 16);
  if (page == 1) page = 65536;
  if (page < 512 || (page & (page - 1)) != 0) return std::nullopt;
  if (d[21] != 64 || d[22] != 32 || d[23] != 32) return std::nullopt;  // payload fractions
  const uint64_t pages = Be32(d, 28);
  Measured m;
  if (pages == 0 || Be32(d, 24) != Be32(d, 92)) {
    m.length = page > d.size() ? d.size() : page;  // only the first page is certain
    return m;
  }
  const uint64_t size = page * pages;
  m.needs_more = size > d.size();
  m.valid = !m.needs_more;
  m.length = m.needs_more ? d.size() : size;
  return m;
}

}  // namespace seckit::disk_carve
