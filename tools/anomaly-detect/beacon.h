// Beaconing: connections from one host to one destination address and port at a near-constant
// period. Robust to jitter and missed beats: the inter-arrival times are folded onto the median
// period (an interval of 2.05 periods is a missed beat, 0.05 off), and the median of those
// deviations must be small; the bytes sent must vary little too (median absolute deviation).
#ifndef SECKIT_ANOMALY_DETECT_BEACON_H_
#define SECKIT_ANOMALY_DETECT_BEACON_H_

#include <vector>

#include "detector.h"
#include "small_vector.h"
#include "window_table.h"

namespace seckit::anomaly_detect {

// How periodic a series of connection times (nanoseconds, any order) is.
struct Periodicity {
  double period_seconds = 0;  // median inter-arrival time
  double jitter = 1;          // median |interval - k * period| / period, k = round(interval / period)
  double missed_share = 0;    // share of intervals spanning two or more periods
};
Periodicity MeasurePeriodicity(std::vector<TimeNs> times);

class BeaconDetector : public Detector {
 public:
  BeaconDetector(const Thresholds& t, AlertSink& sink);
  void Observe(const Observation& o) override;
  void Expire(TimeNs horizon) override { pairs_.Expire(horizon); }
  void Finish() override { pairs_.CloseAll(); }
  size_t open_entries() const override { return pairs_.size(); }
  uint64_t evicted() const override { return pairs_.evicted(); }
  std::string_view name() const override { return "beacon"; }

 private:
  struct Series {
    SmallVector<TimeNs, 4> times;
    SmallVector<double, 4> sizes;  // bytes sent, when the records say
    uint64_t connections = 0;
    EvidenceList evidence;
  };
  void Close(const AddressPair& key, Window<Series>& w);

  const Thresholds& t_;
  AlertSink& sink_;
  WindowTable<AddressPair, Series, AddressPairHash, AddressPairEqual> pairs_;
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_BEACON_H_
