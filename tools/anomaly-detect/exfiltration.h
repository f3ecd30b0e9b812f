// Exfiltration: the bytes a host sent in a window (aligned to the epoch, so every host's window
// is the same) far above its own earlier windows, or, without enough history of its own, above
// its peers' in the same window. Robust statistics throughout: median and MAD.
#ifndef SECKIT_ANOMALY_DETECT_EXFILTRATION_H_
#define SECKIT_ANOMALY_DETECT_EXFILTRATION_H_

#include <array>
#include <cstdint>
#include <map>
#include <vector>

#include "detector.h"
#include "seckit/flat_table.h"

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
  // A host's last kHistory window totals, in place (a ring: the newest overwrites the oldest).
  struct History {
    std::array<double, kHistory> totals{};
    uint32_t size = 0;
    uint32_t oldest = 0;
    void Push(double total) {
      if (size < kHistory) {
        totals[size++] = total;
      } else {
        totals[oldest] = total;
        oldest = static_cast<uint32_t>((oldest + 1) % kHistory);
      }
    }
    // The totals in no particular order (all the median and the MAD need).
    std::vector<double> Values() const { return {totals.begin(), totals.begin() + size}; }
  };
  using Hosts = FlatTable<IpAddress, Sent, IpHash, IpEqual>;
  void CloseWindow(int64_t index, Hosts& hosts);
  void Evaluate(const IpAddress& host, const Sent& s, double median, double mad, bool own,
                size_t baseline_size, int64_t index);

  const Thresholds& t_;
  AlertSink& sink_;
  TimeNs window_;
  std::map<int64_t, Hosts> open_;  // window index -> hosts
  FlatTable<IpAddress, History, IpHash, IpEqual> history_;
  bool closed_any_ = false;
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_EXFILTRATION_H_
