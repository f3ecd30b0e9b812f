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
    std::memcpy(words, b.data(), b.size());
    return Mix64(words[0] ^ Mix64(words[1] + b.size()));
  }
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_IP_HASH_H_
