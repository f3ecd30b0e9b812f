// Big-endian reads from packet bytes; callers check lengths first.
#ifndef SECKIT_PCAP_EXTRACT_BYTES_H_
#define SECKIT_PCAP_EXTRACT_BYTES_H_

#include <cstdint>

namespace seckit::pcap_extract {

inline uint16_t Be16(const uint8_t* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
inline uint32_t Be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_BYTES_H_
