// PDF: from "%PDF-x.y" to the "%%EOF" that closes the last incremental update; an update follows
// when the bytes after an %%EOF start another object or xref section.
#include <cstring>
#include <string_view>

#include "carve_bytes.h"
#include "carve_formats.h"

namespace seckit::disk_carve {
namespace {

uint64_t Find(std::span<const uint8_t> d, uint64_t from, std::string_view what) {
  if (from >= d.size()) return d.size();
  const void* hit = memmem(d.data() + from, d.size() - from, what.data(), what.size());
  return hit == nullptr ? d.size()
                        : static_cast<uint64_t>(static_cast<const uint8_t*>(hit) - d.data());
}

bool IsSpace(uint8_t c) { return c == ' ' || c == '\r' || c == '\n' || c == '\t' || c == '\f'; }

// Whether an incremental update ("12 0 obj", "xref", a comment) starts at or after `pos`.
bool UpdateFollows(std::span<const uint8_t> d, uint64_t pos) {
  while (pos < d.size() && IsSpace(d[pos])) ++pos;
  if (pos + 4 > d.size()) return false;
  if (std::memcmp(d.data() + pos, "xref", 4) == 0) return true;
  uint64_t p = pos;
  while (p < d.size() && d[p] >= '0' && d[p] <= '9') ++p;
  if (p == pos || p - pos > 10 || p >= d.size() || d[p] != ' ') return false;
  ++p;
  const uint64_t gen = p;
  while (p < d.size() && d[p] >= '0' && d[p] <= '9') ++p;
  return p > gen && p + 4 <= d.size() && std::memcmp(d.data() + p, " obj", 4) == 0;
}

}  // namespace

std::optional<Measured> MeasurePdf(std::span<const uint8_t> d) {
  if (!Has(d, 0, 8) || std::memcmp(d.data(), "%PDF-", 5) != 0 || d[5] < '1' || d[5] > '2' ||
      d[6] != '.' || d[7] < '0' || d[7] > '9') {
    return std::nullopt;
  }
  Measured m;
  uint64_t pos = 8;
  uint64_t end = 0;
  while (true) {
    const uint64_t eof = Find(d, pos, "%%EOF");
    if (eof >= d.size()) break;
    uint64_t after = eof + 5;
    if (after < d.size() && d[after] == '\r') ++after;
    if (after < d.size() && d[after] == '\n') ++after;
    const uint64_t startxref = eof >= 1024 ? eof - 1024 : 0;
    const bool has_xref = Find(d.subspan(0, eof), startxref, "startxref") < eof;
    end = after;
    m.valid = has_xref;
    if (!UpdateFollows(d, after)) break;
    pos = after;
  }
  if (end > 0) {
    m.length = end;
    return m;
  }
  // No %%EOF: as far as the last complete object.
  uint64_t last = 0;
  for (uint64_t p = Find(d, 8, "endobj"); p < d.size(); p = Find(d, p + 6, "endobj")) last = p + 6;
  m.length = last > 0 ? last : d.size();
  m.needs_more = true;
  return m;
}

}  // namespace seckit::disk_carve
