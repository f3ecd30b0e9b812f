// Scan detection over connection records.
#include "scan.h"

#include <cmath>

namespace seckit::anomaly_detect {

ScanDetector::ScanDetector(const Thresholds& t, AlertSink& sink)
    : t_(t),
      sink_(sink),
      vertical_(Seconds(t.scan_window), static_cast<size_t>(t.max_entities),
                [this](const AddressPair& k, Window<Probes>& w) { Close(true, k, w); }),
      horizontal_(Seconds(t.scan_window), static_cast<size_t>(t.max_entities),
                  [this](const IpAddress& k, Window<Probes>& w) {
                    Close(false, AddressPair{k, IpAddress(), 0}, w);
                  }) {}

void ScanDetector::Observe(const Observation& o) {
  if (o.kind != ObservationKind::kFlow || !o.has_source || !o.has_destination) return;
  const size_t limit = static_cast<size_t>(t_.evidence);
  if (o.has_destination_port) {
    Window<Probes>& v = vertical_.Touch({o.source, o.destination, 0}, o.time);
    ++v.state.connections;
    v.state.failed += o.failed_connection;
    v.state.distinct.Add(Mix64(o.destination_port));
    if (o.failed_connection) v.state.evidence.Add(o.evidence, limit);
  }
  Window<Probes>& h = horizontal_.Touch(o.source, o.time);
  ++h.state.connections;
  h.state.failed += o.failed_connection;
  h.state.distinct.Add(IpHash()(o.destination));
  if (o.failed_connection) h.state.evidence.Add(o.evidence, limit);
}

void ScanDetector::Close(bool vertical, const AddressPair& key, Window<Probes>& w) {
  const uint64_t distinct = w.state.distinct.Estimate();
  const double threshold = vertical ? t_.scan_ports : t_.scan_hosts;
  if (static_cast<double>(distinct) < threshold || w.state.connections == 0) return;
  const double failed_ratio =
      static_cast<double>(w.state.failed) / static_cast<double>(w.state.connections);
  if (failed_ratio < t_.scan_failed_ratio) return;
  Alert a;
  a.rule_id = vertical ? "scan.vertical" : "scan.horizontal";
  a.rule_name = vertical ? "Port scan of one host" : "Scan of many hosts";
  a.entity = vertical ? key.a.ToString() + ">" + key.b.ToString() : key.a.ToString();
  a.severity = kMedium;
  a.risk_score = RiskScore(kMedium, static_cast<double>(distinct), threshold);
  a.start = w.start;
  a.end = w.end;
  a.source_ip = key.a;
  a.related_ip.push_back(key.a);
  if (vertical) {
    a.destination_ip = key.b;
    a.related_ip.push_back(key.b);
  }
  const auto percent = static_cast<int>(std::lround(failed_ratio * 100));
  a.message = key.a.ToString() + " probed " + std::to_string(distinct) +
              (vertical ? " ports of " + key.b.ToString() : std::string(" hosts")) + " in " +
              std::to_string(w.state.connections) + " connections, " + std::to_string(percent) +
              "% of them half-open, rejected or unanswered";
  a.counts = {{"connections", static_cast<double>(w.state.connections)},
              {"failed", static_cast<double>(w.state.failed)},
              {vertical ? "ports" : "hosts", static_cast<double>(distinct)}};
  a.evidence = w.state.evidence.items();
  a.evidence_total = w.state.evidence.total();
  sink_.Emit(a);
}

void ScanDetector::Expire(TimeNs horizon) {
  vertical_.Expire(horizon);
  horizontal_.Expire(horizon);
}

void ScanDetector::Finish() {
  vertical_.CloseAll();
  horizontal_.CloseAll();
}

}  // namespace seckit::anomaly_detect
