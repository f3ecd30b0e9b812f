// Beacon detection: periodicity of connection times per host, destination and port.
#include "beacon.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "robust_stats.h"

namespace seckit::anomaly_detect {

Periodicity MeasurePeriodicity(std::vector<TimeNs> times) {
  Periodicity p;
  if (times.size() < 3) return p;
  std::sort(times.begin(), times.end());
  std::vector<double> intervals;
  intervals.reserve(times.size());
  for (size_t i = 1; i < times.size(); ++i) {
    // Sorted, so the gap is >= 0 and fits in uint64_t even where it overflows int64_t.
    const uint64_t gap = static_cast<uint64_t>(times[i]) - static_cast<uint64_t>(times[i - 1]);
    intervals.push_back(static_cast<double>(gap) / kNsPerSecond);
  }
  std::vector<double> scratch = intervals;
  p.period_seconds = Median(scratch);
  if (p.period_seconds <= 0) return p;
  std::vector<double> deviations;
  deviations.reserve(intervals.size());
  size_t missed = 0;
  for (double interval : intervals) {
    const double beats = std::max(1.0, std::round(interval / p.period_seconds));
    missed += beats >= 2;
    deviations.push_back(std::fabs(interval - beats * p.period_seconds) / p.period_seconds);
  }
  p.jitter = Median(deviations);
  p.missed_share = static_cast<double>(missed) / static_cast<double>(intervals.size());
  return p;
}

BeaconDetector::BeaconDetector(const Thresholds& t, AlertSink& sink)
    : t_(t),
      sink_(sink),
      pairs_(Seconds(t.beacon_window), static_cast<size_t>(t.max_entities),
             [this](const AddressPair& k, Window<Series>& w) { Close(k, w); }) {}

void BeaconDetector::Observe(const Observation& o) {
  if (o.kind != ObservationKind::kFlow || !o.has_source || !o.has_destination) return;
  Window<Series>& w =
      pairs_.Touch({o.source, o.destination, o.has_destination_port ? o.destination_port : uint16_t{0}},
                   o.time);
  Series& s = w.state;
  ++s.connections;
  if (s.times.size() >= static_cast<size_t>(t_.beacon_max_timestamps)) return;
  s.times.push_back(o.time);
  if (o.bytes_out > 0) s.sizes.push_back(static_cast<double>(o.bytes_out));
  s.evidence.Add(o.evidence, static_cast<size_t>(t_.evidence));
}

void BeaconDetector::Close(const AddressPair& key, Window<Series>& w) {
  Series& s = w.state;
  if (static_cast<double>(s.times.size()) < t_.beacon_min_connections) return;
  const Periodicity p = MeasurePeriodicity(s.times.ToVector());
  if (p.period_seconds < t_.beacon_min_period || p.jitter > t_.beacon_max_jitter) return;
  // Most beats must be there: a handful of evenly spaced connections among long gaps is not a
  // beacon.
  if (p.missed_share > 0.5) return;
  double size_spread = 0;
  if (s.sizes.size() * 2 >= s.times.size()) {
    std::vector<double> sizes = s.sizes.ToVector();
    const double median = Median(sizes);
    size_spread = median > 0 ? MedianAbsoluteDeviation(sizes, median) / median : 0;
    if (size_spread > t_.beacon_max_size_spread) return;
  }
  Alert a;
  a.rule_id = "beacon";
  a.rule_name = "Periodic connections (beaconing)";
  a.entity = key.a.ToString() + ">" + key.b.ToString() + ":" + std::to_string(key.port);
  a.severity = kMedium;
  a.risk_score = RiskScore(kMedium, static_cast<double>(s.times.size()), t_.beacon_min_connections);
  a.start = w.start;
  a.end = w.end;
  a.source_ip = key.a;
  a.destination_ip = key.b;
  if (key.port != 0) a.destination_port = key.port;
  a.related_ip = {key.a, key.b};
  char period[64];
  (void)std::snprintf(period, sizeof period, "%.1f s (jitter %.1f%%)", p.period_seconds,
                      p.jitter * 100);
  a.message = key.a.ToString() + " connected to " + key.b.ToString() + " port " +
              std::to_string(key.port) + " " + std::to_string(s.connections) +
              " times at a regular period of " + period;
  a.counts = {{"connections", static_cast<double>(s.connections)},
              {"period_seconds", std::round(p.period_seconds * 1000) / 1000},
              {"jitter", std::round(p.jitter * 10000) / 10000},
              {"missed_share", std::round(p.missed_share * 10000) / 10000},
              {"size_spread", std::round(size_spread * 10000) / 10000}};
  a.evidence = s.evidence.items();
  a.evidence_total = s.evidence.total();
  sink_.Emit(a);
}

}  // namespace seckit::anomaly_detect
