// IpHash: a fast, well-mixed hash of an address for the detectors' tables and sketches.
#ifndef SECKIT_ANOMALY_DETECT_IP_HASH_H_
#define SECKIT_ANOMALY_DETECT_IP_HASH_H_

#include <cstdint>
#include <cstring>
#include <span>

#include "distinct_counter.h"
#include "seckit/ip.h"

namespace seckit::anomaly_detect {

// A fast hash of an address for the detectors' tables: the address bytes read as two words and
// mixed once (std::hash<IpAddress> goes through the big-endian accessors).
struct IpHash {
  size_t operator()(const IpAddress& a) const noexcept {
    const std::span<const uint8_t> b = a.bytes();
    uint64_t words[2] = {0, 0};
    // Constant sizes, so the copies are inlined loads rather than a call to memcpy.
    if (a.is_v4()) {
      std::memcpy(words, b.data(), 4);
    } else {
      std::memcpy(words, b.data(), 16);
    }
    return Mix64(words[0] ^ Mix64(words[1] + b.size()));
  }
};

// Equality of addresses for the same tables: what IpAddress's operator== compares (family and
// all 16 bytes), as two word compares instead of a call to memcmp.
struct IpEqual {
  bool operator()(const IpAddress& a, const IpAddress& b) const noexcept {
    if (a.family() != b.family()) return false;
    uint64_t x[2], y[2];
    std::memcpy(x, a.bytes().data(), 16);  // the 16 stored bytes (bytes() views a prefix)
    std::memcpy(y, b.bytes().data(), 16);
    return ((x[0] ^ y[0]) | (x[1] ^ y[1])) == 0;
  }
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_IP_HASH_H_
