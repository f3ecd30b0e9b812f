// ZIP: the end-of-central-directory record that points back to this archive's start (its central
// directory ends right before it, and begins with a central header), ZIP64 included; OOXML
// documents are told apart by their part names.
#include <cstring>
#include <string_view>

#include "carve_bytes.h"
#include "carve_formats.h"

namespace seckit::disk_carve {
namespace {

bool SigAt(std::span<const uint8_t> d, uint64_t p, uint8_t a, uint8_t b) {
  return Has(d, p, 4) && d[p] == 'P' && d[p + 1] == 'K' && d[p + 2] == a && d[p + 3] == b;
}

// The central directory's span when the EOCD at `e` belongs to an archive starting at 0.
bool CentralDirectory(std::span<const uint8_t> d, uint64_t e, uint64_t* cd_offset) {
  uint64_t size = Le32(d, e + 12);
  uint64_t offset = Le32(d, e + 16);
  uint64_t directory_end = e;
  if (offset == 0xffffffffu || size == 0xffffffffu) {
    if (e < 20 || !SigAt(d, e - 20, 6, 7)) return false;
    const uint64_t z64 = Le64(d, e - 20 + 8);
    if (!SigAt(d, z64, 6, 6) || !Has(d, z64, 56)) return false;
    size = Le64(d, z64 + 40);
    offset = Le64(d, z64 + 48);
    directory_end = z64;
  }
  if (offset > directory_end || directory_end - offset != size) return false;
  if (size > 0 && !SigAt(d, offset, 1, 2)) return false;
  *cd_offset = offset;
  return true;
}

// "docx", "xlsx", "pptx" from the central directory's part names; "" for a plain ZIP.
std::string_view OoxmlKind(std::span<const uint8_t> d, uint64_t pos, uint64_t end) {
  bool content_types = false;
  std::string_view kind;
  while (pos + 46 <= end && SigAt(d, pos, 1, 2)) {
    const uint16_t name_size = Le16(d, pos + 28);
    if (!Has(d, pos + 46, name_size)) break;
    std::string_view name(reinterpret_cast<const char*>(d.data() + pos + 46), name_size);
    if (name == "[Content_Types].xml") content_types = true;
    if (name.rfind("word/", 0) == 0) kind = "docx";
    if (name.rfind("xl/", 0) == 0) kind = "xlsx";
    if (name.rfind("ppt/", 0) == 0) kind = "pptx";
    pos += 46ull + name_size + Le16(d, pos + 30) + Le16(d, pos + 32);
  }
  return content_types ? kind : std::string_view();
}

// How far the local file entries check out, for an archive whose end was not found.
uint64_t LocalEntriesEnd(std::span<const uint8_t> d) {
  uint64_t pos = 0;
  while (SigAt(d, pos, 3, 4) && Has(d, pos, 30)) {
    if (Le16(d, pos + 6) & 0x8) break;  // sizes in a data descriptor after the data
    const uint64_t next = pos + 30 + Le16(d, pos + 26) + Le16(d, pos + 28) + Le32(d, pos + 18);
    if (next > d.size()) break;
    pos = next;
  }
  return pos;
}

}  // namespace

std::optional<Measured> MeasureZip(std::span<const uint8_t> d) {
  if (!SigAt(d, 0, 3, 4) || !Has(d, 0, 30)) return std::nullopt;
  const uint16_t method = Le16(d, 8);
  const uint16_t name_size = Le16(d, 26);
  if (Le16(d, 4) > 100 || name_size == 0 || name_size > 4096) return std::nullopt;
  if (method != 0 && method != 8 && method != 9 && method != 12 && method != 14 && method != 93 &&
      method != 95 && method != 98 && method != 99) {
    return std::nullopt;
  }
  static constexpr uint8_t kEocd[4] = {'P', 'K', 5, 6};
  uint64_t pos = 30;
  while (pos < d.size()) {
    const void* hit = memmem(d.data() + pos, d.size() - pos, kEocd, 4);
    if (hit == nullptr) break;
    const uint64_t e = static_cast<uint64_t>(static_cast<const uint8_t*>(hit) - d.data());
    uint64_t cd = 0;
    if (Has(d, e, 22) && CentralDirectory(d, e, &cd)) {
      Measured m;
      m.length = e + 22 + Le16(d, e + 20);
      m.needs_more = m.length > d.size();
      m.valid = !m.needs_more;
      if (m.length > d.size()) m.length = d.size();
      m.extension = OoxmlKind(d, cd, e);
      return m;
    }
    pos = e + 1;
  }
  Measured m;
  m.length = LocalEntriesEnd(d);
  if (m.length == 0) m.length = d.size() < 30ull + name_size ? d.size() : 30ull + name_size;
  m.needs_more = true;
  return m;
}

}  // namespace seckit::disk_carve
