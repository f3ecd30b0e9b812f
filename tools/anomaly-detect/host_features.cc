// Building per-host feature vectors from observations.
#include "host_features.h"

#include <cmath>

#include "name_entropy.h"

namespace seckit::anomaly_detect {

const std::array<std::string_view, kFeatureCount> kFeatureNames = {
    "connections", "destinations", "ports",       "bytes_out",    "bytes_in",
    "failed_connections", "dns_queries", "dns_entropy", "auth_failures"};

namespace {
constexpr size_t kEntropy = 7;
}

FeatureVector Transform(const std::array<double, kFeatureCount>& raw) {
  FeatureVector v;
  for (size_t i = 0; i < kFeatureCount; ++i) v[i] = i == kEntropy ? raw[i] : std::log1p(raw[i]);
  return v;
}

FeatureCollector::FeatureCollector(TimeNs window, size_t max_entries,
                                   std::function<void(const HostWindow&)> done)
    : done_(std::move(done)),
      table_(window, max_entries,
             [this](const IpAddress& host, Window<State>& w) { Close(host, w); }) {}

void FeatureCollector::Observe(const Observation& o) {
  if (!o.has_source) return;
  if (o.kind == ObservationKind::kAuth && o.auth != AuthOutcome::kFailure) return;
  if (o.kind == ObservationKind::kDns && !o.dns_query) return;
  Window<State>& w = table_.Touch(o.source, o.time);
  State& s = w.state;
  if (s.evidence.empty()) s.evidence = o.evidence;
  switch (o.kind) {
    case ObservationKind::kFlow:
      ++s.connections;
      s.bytes_out += static_cast<double>(o.bytes_out);
      s.bytes_in += static_cast<double>(o.bytes_in);
      s.failed += o.failed_connection;
      if (o.has_destination) s.destinations.Add(IpHash()(o.destination));
      if (o.has_destination_port) s.ports.Add(Mix64(o.destination_port));
      break;
    case ObservationKind::kDns:
      ++s.dns;
      s.entropy_sum += ShannonEntropy(o.dns_name);
      break;
    case ObservationKind::kAuth:
      ++s.auth_failures;
      break;
    default:
      break;
  }
}

void FeatureCollector::Close(const IpAddress& host, Window<State>& w) {
  const State& s = w.state;
  HostWindow h;
  h.host = host;
  h.start = w.start;
  h.end = w.end;
  h.raw = {s.connections,
           static_cast<double>(s.destinations.Estimate()),
           static_cast<double>(s.ports.Estimate()),
           s.bytes_out,
           s.bytes_in,
           s.failed,
           s.dns,
           s.dns > 0 ? s.entropy_sum / s.dns : 0,
           s.auth_failures};
  h.evidence = s.evidence;
  done_(h);
}

}  // namespace seckit::anomaly_detect
