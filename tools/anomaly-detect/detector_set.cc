// Building and driving the chosen detectors.
#include "detector_set.h"

#include <algorithm>

#include "beacon.h"
#include "brute_force.h"
#include "dns_tunnel.h"
#include "exfiltration.h"
#include "outlier.h"
#include "rarity.h"
#include "scan.h"

namespace seckit::anomaly_detect {

const std::vector<std::string>& DetectorNames() {
  static const std::vector<std::string> names = {"brute_force", "scan", "beacon", "dns",
                                                   "exfil", "rarity", "outlier"};
  return names;
}

Result<std::unique_ptr<DetectorSet>> DetectorSet::Make(const Options& options,
                                                       const Thresholds& t, AlertSink& sink,
                                                       Diagnostics& diag) {
  std::unique_ptr<DetectorSet> set(new DetectorSet(t));
  const std::vector<std::string>& wanted =
      options.detectors.empty() ? DetectorNames() : options.detectors;
  auto on = [&](std::string_view name) {
    return std::find(wanted.begin(), wanted.end(), name) != wanted.end();
  };
  for (const std::string& name : wanted) {
    if (std::find(DetectorNames().begin(), DetectorNames().end(), name) == DetectorNames().end()) {
      return Status::Usage("--detectors: no detector named '" + name + "'");
    }
  }
  if (on("brute_force")) set->detectors_.push_back(std::make_unique<BruteForceDetector>(t, sink));
  if (on("scan")) set->detectors_.push_back(std::make_unique<ScanDetector>(t, sink));
  if (on("beacon")) set->detectors_.push_back(std::make_unique<BeaconDetector>(t, sink));
  if (on("dns")) set->detectors_.push_back(std::make_unique<DnsDetector>(t, sink));
  if (on("exfil")) set->detectors_.push_back(std::make_unique<ExfiltrationDetector>(t, sink));
  if (on("rarity")) set->detectors_.push_back(std::make_unique<RarityDetector>(t, sink));
  if (!on("outlier") && (!options.baseline_in.empty() || !options.baseline_out.empty())) {
    return Status::Usage("--baseline and --baseline-out need the outlier detector");
  }
  if (on("outlier")) {
    Result<std::unique_ptr<OutlierDetector>> outlier =
        OutlierDetector::Make(t, sink, diag, options.baseline_in, options.baseline_out);
    if (!outlier.ok()) return outlier.status();
    set->outlier_ = outlier->get();
    set->detectors_.push_back(std::move(outlier.value()));
  }
  return set;
}

void DetectorSet::Expire(TimeNs newest) {
  if (newest == INT64_MIN) return;
  const TimeNs horizon = newest - lateness_;
  for (const auto& d : detectors_) d->Expire(horizon);
}

Status DetectorSet::Finish() {
  for (const auto& d : detectors_) d->Finish();
  return outlier_ ? outlier_->status() : Status::Ok();
}

void DetectorSet::ReportEvictions(Diagnostics& diag) const {
  for (const auto& d : detectors_) {
    if (d->evicted() > 0) {
      diag.Warning(std::string(d->name()) + ": " + std::to_string(d->evicted()) +
                   " windows closed early: more than max_entities open at once");
    }
  }
}

}  // namespace seckit::anomaly_detect
