// Outliers: per-host feature vectors scored by an Isolation Forest, trained on the input (at its
// end) or loaded from --baseline (each vector scored as its window closes). The highest scores
// (outlier.top, at least outlier.low) become low or medium alerts that name the features that
// stand out against the training data's median and MAD.
#ifndef SECKIT_ANOMALY_DETECT_OUTLIER_H_
#define SECKIT_ANOMALY_DETECT_OUTLIER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "detector.h"
#include "host_features.h"
#include "forest_model.h"
#include "seckit/diag.h"

namespace seckit::anomaly_detect {

class OutlierDetector : public Detector {
 public:
  // Loads `baseline` when it is not empty.
  static Result<std::unique_ptr<OutlierDetector>> Make(const Thresholds& t, AlertSink& sink,
                                                       Diagnostics& diag,
                                                       const std::string& baseline,
                                                       std::string baseline_out);
  void Observe(const Observation& o) override { collector_.Observe(o); }
  void Expire(TimeNs horizon) override { collector_.Expire(horizon); }
  void Finish() override;
  size_t open_entries() const override { return collector_.size() + kept_.size(); }
  uint64_t evicted() const override { return collector_.evicted(); }
  std::string_view name() const override { return "outlier"; }
  // The outcome of Finish: saving the model can fail.
  const Status& status() const { return status_; }

 private:
  struct Scored {
    double score;
    HostWindow window;
  };
  OutlierDetector(const Thresholds& t, AlertSink& sink, Diagnostics& diag);
  void Collect(const HostWindow& h);
  void Keep(double score, const HostWindow& h);
  void ScorePending();  // with a loaded model: scores the vectors waiting in windows_/rows_
  static constexpr size_t kScoreBlock = 4096;
  void Train();
  void EmitAlerts();
  std::vector<std::string> Explain(const HostWindow& h) const;

  const Thresholds& t_;
  AlertSink& sink_;
  Diagnostics& diag_;
  FeatureCollector collector_;
  std::optional<OutlierModel> model_;  // loaded, or trained at Finish
  bool loaded_ = false;
  std::string baseline_out_;
  // Training on the input: every vector (up to outlier.max_vectors); with a loaded model, the
  // vectors not scored yet (at most kScoreBlock).
  std::vector<HostWindow> windows_;
  std::vector<double> rows_;
  uint64_t dropped_ = 0;
  // The highest scores so far, a min-heap of at most outlier.top.
  std::vector<Scored> kept_;
  Status status_;
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_OUTLIER_H_
