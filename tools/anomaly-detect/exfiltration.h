// Exfiltration: the bytes a host sent in a window (aligned to the epoch, so every host's window
// is the same) far above its own earlier windows, or, without enough history of its own, above
// its peers' in the same window. Robust statistics throughout: median and MAD.
#ifndef SECKIT_ANOMALY_DETECT_EXFILTRATION_H_
#define SECKIT_ANOMALY_DETECT_EXFILTRATION_H_

#include <deque>
#include <map>
#include <unordered_map>
#include <vector>

#include "detector.h"

namespace seckit::anomaly_detect {

class ExfiltrationDetector : public Detector {
 public:
  ExfiltrationDetector(const Thresholds& t, AlertSink& sink);
  void Observe(const Observation& o) override;
  void Expire(TimeNs horizon) override;
  void Finish() override;
  size_t open_entries() const override;
  std::string_view name() const override { return "exfil"; }

  static constexpr size_t kHistory = 24;  // window totals kept per host
  static constexpr size_t kDestinations = 32;  // destinations tracked per host and window

 private:
  struct Sent {
    double bytes = 0;
    TimeNs first = 0;
    TimeNs last = 0;
    // Bytes per destination (the first kDestinations; the rest only in the total).
    std::vector<std::pair<IpAddress, double>> destinations;
    EvidenceList evidence;
  };
  void CloseWindow(int64_t index, std::unordered_map<IpAddress, Sent, IpHash, IpEqual>& hosts);
  void Evaluate(const IpAddress& host, const Sent& s, double median, double mad, bool own,
                size_t baseline_size, int64_t index);

  const Thresholds& t_;
  AlertSink& sink_;
  TimeNs window_;
  std::map<int64_t, std::unordered_map<IpAddress, Sent, IpHash, IpEqual>> open_;  // window index -> hosts
  std::unordered_map<IpAddress, std::deque<double>, IpHash, IpEqual> history_;
  bool closed_any_ = false;
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_EXFILTRATION_H_
