// ELF: the end of the furthest of the ELF header, program header table, section header table and
// the file contents of every segment and section (SHT_NOBITS takes no file space).
#include <algorithm>

#include "carve_bytes.h"
#include "carve_formats.h"

namespace seckit::disk_carve {
namespace {

constexpr uint64_t kMaxTable = 65535;

struct ElfLayout {
  uint64_t ph_offset, sh_offset, ph_size, sh_size, ph_count, sh_count, header;
};

std::optional<ElfLayout> ReadLayout(const EndianReader& r, bool wide) {
  ElfLayout l{};
  if (wide) {
    l.ph_offset = r.U64(0x20);
    l.sh_offset = r.U64(0x28);
    l.header = r.U16(0x34);
    l.ph_size = r.U16(0x36);
    l.ph_count = r.U16(0x38);
    l.sh_size = r.U16(0x3a);
    l.sh_count = r.U16(0x3c);
    if (l.header != 64 || (l.ph_count && l.ph_size != 56) || (l.sh_count && l.sh_size != 64)) {
      return std::nullopt;
    }
  } else {
    l.ph_offset = r.U32(0x1c);
    l.sh_offset = r.U32(0x20);
    l.header = r.U16(0x28);
    l.ph_size = r.U16(0x2a);
    l.ph_count = r.U16(0x2c);
    l.sh_size = r.U16(0x2e);
    l.sh_count = r.U16(0x30);
    if (l.header != 52 || (l.ph_count && l.ph_size != 32) || (l.sh_count && l.sh_size != 40)) {
      return std::nullopt;
    }
  }
  if (l.ph_count == 0 && l.sh_count == 0) return std::nullopt;
  if (l.ph_offset > (1ull << 40) || l.sh_offset > (1ull << 40)) return std::nullopt;
  return l;
}

}  // namespace

std::optional<Measured> MeasureElf(std::span<const uint8_t> d) {
  if (!Has(d, 0, 16) || d[0] != 0x7f || d[1] != 'E' || d[2] != 'L' || d[3] != 'F') {
    return std::nullopt;
  }
  if ((d[4] != 1 && d[4] != 2) || (d[5] != 1 && d[5] != 2) || d[6] != 1) return std::nullopt;
  const bool wide = d[4] == 2;
  if (!Has(d, 0, wide ? 64 : 52)) return std::nullopt;  // the ELF header itself
  const EndianReader r{d, d[5] == 2};
  std::optional<ElfLayout> l = ReadLayout(r, wide);
  if (!l) return std::nullopt;
  uint64_t end = l->header;
  end = std::max(end, l->ph_offset + l->ph_count * l->ph_size);
  end = std::max(end, l->sh_offset + l->sh_count * l->sh_size);
  Measured m;
  if (l->ph_count > kMaxTable || l->sh_count > kMaxTable) return std::nullopt;
  if (!Has(d, 0, end)) {
    m.length = d.size();
    m.needs_more = true;
    return m;
  }
  for (uint64_t i = 0; i < l->ph_count; ++i) {
    const uint64_t p = l->ph_offset + i * l->ph_size;
    const uint64_t offset = wide ? r.U64(p + 8) : r.U32(p + 4);
    const uint64_t size = wide ? r.U64(p + 32) : r.U32(p + 16);
    if (offset > (1ull << 40) || size > (1ull << 40)) return std::nullopt;
    end = std::max(end, offset + size);
  }
  for (uint64_t i = 0; i < l->sh_count; ++i) {
    const uint64_t p = l->sh_offset + i * l->sh_size;
    if (r.U32(p + 4) == 8) continue;  // SHT_NOBITS
    const uint64_t offset = wide ? r.U64(p + 24) : r.U32(p + 16);
    const uint64_t size = wide ? r.U64(p + 32) : r.U32(p + 20);
    if (offset > (1ull << 40) || size > (1ull << 40)) return std::nullopt;
    end = std::max(end, offset + size);
  }
  m.needs_more = end > d.size();
  m.valid = !m.needs_more;
  m.length = std::min<uint64_t>(end, d.size());
  return m;
}

}  // namespace seckit::disk_carve
