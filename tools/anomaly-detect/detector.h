// Detector: the interface every streaming detector implements, and what they share.
#ifndef SECKIT_ANOMALY_DETECT_DETECTOR_H_
#define SECKIT_ANOMALY_DETECT_DETECTOR_H_

#include <compare>
#include <cstddef>
#include <string_view>

#include "alert.h"
#include "distinct_counter.h"
#include "ip_hash.h"
#include "observation.h"
#include "thresholds.h"

namespace seckit::anomaly_detect {

class Detector {
 public:
  virtual ~Detector() = default;
  // Only observations with a time are given.
  virtual void Observe(const Observation& o) = 0;
  // Closes and evaluates windows that ended before `horizon`.
  virtual void Expire(TimeNs horizon) = 0;
  // End of input: evaluates everything still open.
  virtual void Finish() = 0;
  // Windows (or tracked values) currently held: the detector's memory, in entries.
  virtual size_t open_entries() const = 0;
  // Windows closed early because max_entities was reached.
  virtual uint64_t evicted() const { return 0; }
  virtual std::string_view name() const = 0;
};

inline TimeNs Seconds(double s) { return static_cast<TimeNs>(s * static_cast<double>(kNsPerSecond)); }

// A pair of addresses (and a port) as one hash key.
struct AddressPair {
  IpAddress a;
  IpAddress b;
  uint16_t port = 0;
  friend bool operator==(const AddressPair&, const AddressPair&) = default;
  // Orders the windows one scan closes (WindowTable): by a, then b, then port.
  friend auto operator<=>(const AddressPair&, const AddressPair&) = default;
};
struct AddressPairEqual {
  bool operator()(const AddressPair& x, const AddressPair& y) const noexcept {
    IpEqual equal;
    return x.port == y.port && equal(x.a, y.a) && equal(x.b, y.b);
  }
};
struct AddressPairHash {
  size_t operator()(const AddressPair& p) const noexcept {
    IpHash h;
    return h(p.a) ^ Mix64(h(p.b) + p.port);
  }
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_DETECTOR_H_
