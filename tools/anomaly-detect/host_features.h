// Per-host, per-window feature vectors for the Isolation Forest: what a host did in one window
// (connections it opened, how many destinations and ports, bytes each way, failed connections,
// DNS queries and their names' entropy, authentication failures from it).
#ifndef SECKIT_ANOMALY_DETECT_HOST_FEATURES_H_
#define SECKIT_ANOMALY_DETECT_HOST_FEATURES_H_

#include <array>
#include <cstddef>
#include <functional>
#include <string_view>

#include "distinct_counter.h"
#include "evidence.h"
#include "ip_hash.h"
#include "observation.h"
#include "window_table.h"

namespace seckit::anomaly_detect {

inline constexpr size_t kFeatureCount = 9;
// The names used in alerts and in the saved model, in vector order.
extern const std::array<std::string_view, kFeatureCount> kFeatureNames;

// What the forest sees: log(1 + x) of each count (so a thousandfold jump is a long way, but not
// the only thing that matters), the mean entropy as it is.
using FeatureVector = std::array<double, kFeatureCount>;

struct HostWindow {
  IpAddress host;
  TimeNs start = 0;
  TimeNs end = 0;
  std::array<double, kFeatureCount> raw{};  // the counts, before the transform
  Evidence evidence;                          // the window's first record with a reference
};

FeatureVector Transform(const std::array<double, kFeatureCount>& raw);

// Accumulates observations into host windows and hands each finished one to `done`.
class FeatureCollector {
 public:
  FeatureCollector(TimeNs window, size_t max_entries, std::function<void(const HostWindow&)> done);
  void Observe(const Observation& o);
  void Expire(TimeNs horizon) { table_.Expire(horizon); }
  void Finish() { table_.CloseAll(); }
  size_t size() const { return table_.size(); }
  uint64_t evicted() const { return table_.evicted(); }

 private:
  struct State {
    double connections = 0, bytes_out = 0, bytes_in = 0, failed = 0, dns = 0, entropy_sum = 0,
           auth_failures = 0;
    DistinctCounter destinations, ports;
    Evidence evidence;
  };
  void Close(const IpAddress& host, Window<State>& w);

  std::function<void(const HostWindow&)> done_;
  WindowTable<IpAddress, State, IpHash, IpEqual> table_;
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_HOST_FEATURES_H_
