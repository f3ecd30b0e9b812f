// Bounds-checked little- and big-endian reads for the format parsers.
#ifndef SECKIT_DISK_CARVE_CARVE_BYTES_H_
#define SECKIT_DISK_CARVE_CARVE_BYTES_H_

#include <cstdint>
#include <span>

namespace seckit::disk_carve {

// Whether `n` bytes at `pos` lie inside `data` (no overflow).
inline bool Has(std::span<const uint8_t> data, uint64_t pos, uint64_t n) {
  return pos <= data.size() && n <= data.size() - pos;
}

inline uint16_t Le16(std::span<const uint8_t> d, uint64_t p) {
  return static_cast<uint16_t>(d[p] | (d[p + 1] << 8));
}
inline uint32_t Le32(std::span<const uint8_t> d, uint64_t p) {
  return static_cast<uint32_t>(d[p]) | (static_cast<uint32_t>(d[p + 1]) << 8) |
         (static_cast<uint32_t>(d[p + 2]) << 16) | (static_cast<uint32_t>(d[p + 3]) << 24);
}
inline uint64_t Le64(std::span<const uint8_t> d, uint64_t p) {
  return static_cast<uint64_t>(Le32(d, p)) | (static_cast<uint64_t>(Le32(d, p + 4)) << 32);
}
inline uint16_t Be16(std::span<const uint8_t> d, uint64_t p) {
  return static_cast<uint16_t>((d[p] << 8) | d[p + 1]);
}
inline uint32_t Be32(std::span<const uint8_t> d, uint64_t p) {
  return (static_cast<uint32_t>(d[p]) << 24) | (static_cast<uint32_t>(d[p + 1]) << 16) |
         (static_cast<uint32_t>(d[p + 2]) << 8) | static_cast<uint32_t>(d[p + 3]);
}
inline uint64_t Be64(std::span<const uint8_t> d, uint64_t p) {
  return (static_cast<uint64_t>(Be32(d, p)) << 32) | Be32(d, p + 4);
}

// Reads of either byte order, for ELF.
struct EndianReader {
  std::span<const uint8_t> d;
  bool big;
  uint16_t U16(uint64_t p) const { return big ? Be16(d, p) : Le16(d, p); }
  uint32_t U32(uint64_t p) const { return big ? Be32(d, p) : Le32(d, p); }
  uint64_t U64(uint64_t p) const { return big ? Be64(d, p) : Le64(d, p); }
};

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_CARVE_BYTES_H_
