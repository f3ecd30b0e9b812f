// DetectorSet: the detectors chosen on the command line, fed together.
#ifndef SECKIT_ANOMALY_DETECT_DETECTOR_SET_H_
#define SECKIT_ANOMALY_DETECT_DETECTOR_SET_H_

#include <memory>
#include <vector>

#include "detector.h"
#include "options.h"
#include "seckit/diag.h"

namespace seckit::anomaly_detect {

class DetectorSet {
 public:
  // Builds the detectors `options.detectors` names (all when empty); an unknown name is a usage
  // error.
  static Result<std::unique_ptr<DetectorSet>> Make(const Options& options, const Thresholds& t,
                                                   AlertSink& sink, Diagnostics& diag);

  void Observe(const Observation& o) {
    for (const auto& d : detectors_) d->Observe(o);
  }
  // `newest` is the newest record time seen; windows older than it minus the lateness close.
  void Expire(TimeNs newest);
  // End of input: evaluates everything still open (and saves a trained model when asked).
  Status Finish();
  // A warning per detector that had to close windows early (max_entities).
  void ReportEvictions(Diagnostics& diag) const;

 private:
  DetectorSet(const Thresholds& t) : lateness_(Seconds(t.lateness)) {}

  TimeNs lateness_;
  std::vector<std::unique_ptr<Detector>> detectors_;
  class OutlierDetector* outlier_ = nullptr;  // also in detectors_; its Finish can fail
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_DETECTOR_SET_H_
