// Scans: one source touching many ports of one host (vertical) or many hosts (horizontal) within
// a window, most of the connections failing — half-open SYN probes (Zeek state S0, or SYN,
// SYN-ACK, RST with no data), rejected (REJ) or unanswered.
#ifndef SECKIT_ANOMALY_DETECT_SCAN_H_
#define SECKIT_ANOMALY_DETECT_SCAN_H_

#include "detector.h"
#include "distinct_counter.h"
#include "window_table.h"

namespace seckit::anomaly_detect {

class ScanDetector : public Detector {
 public:
  ScanDetector(const Thresholds& t, AlertSink& sink);
  void Observe(const Observation& o) override;
  void Expire(TimeNs horizon) override;
  void Finish() override;
  size_t open_entries() const override { return vertical_.size() + horizontal_.size(); }
  uint64_t evicted() const override { return vertical_.evicted() + horizontal_.evicted(); }
  std::string_view name() const override { return "scan"; }

 private:
  struct Probes {
    uint64_t connections = 0;
    uint64_t failed = 0;
    DistinctCounter distinct;  // ports (vertical) or hosts (horizontal)
    EvidenceList evidence;
  };
  void Close(bool vertical, const AddressPair& key, Window<Probes>& w);

  const Thresholds& t_;
  AlertSink& sink_;
  WindowTable<AddressPair, Probes, AddressPairHash, AddressPairEqual> vertical_;  // source, host
  WindowTable<IpAddress, Probes, IpHash, IpEqual> horizontal_;                   // source
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_SCAN_H_
