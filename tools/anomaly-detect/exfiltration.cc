// Exfiltration detection: per-host window totals against own and peer baselines.
#include "exfiltration.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "robust_stats.h"

namespace seckit::anomaly_detect {
namespace {

std::string Bytes(double b) {
  char text[32];
  if (b >= 1e9) {
    (void)std::snprintf(text, sizeof text, "%.1f GB", b / 1e9);
  } else if (b >= 1e6) {
    (void)std::snprintf(text, sizeof text, "%.1f MB", b / 1e6);
  } else {
    (void)std::snprintf(text, sizeof text, "%.0f kB", b / 1e3);
  }
  return text;
}

}  // namespace

ExfiltrationDetector::ExfiltrationDetector(const Thresholds& t, AlertSink& sink)
    : t_(t), sink_(sink), window_(Seconds(t.exfil_window)) {}

void ExfiltrationDetector::Observe(const Observation& o) {
  if (o.kind != ObservationKind::kFlow || !o.has_source || o.bytes_out == 0) return;
  // Floor division, written so that no time (INT64_MIN included) overflows.
  const int64_t index = o.time / window_ - (o.time % window_ < 0 ? 1 : 0);
  auto window = open_.find(index);
  if (window == open_.end()) {
    // A record older than every open window came later than the lateness allows: its window
    // was already judged.
    if (!open_.empty() && index < open_.begin()->first && closed_any_) return;
    window = open_.try_emplace(index).first;
  }
  Sent& s = window->second.TryEmplace(o.source).first->value;
  const auto bytes = static_cast<double>(o.bytes_out);
  if (s.bytes == 0) s.first = o.time;
  s.bytes += bytes;
  s.last = std::max(s.last, o.time);
  if (o.has_destination) {
    const IpEqual equal;
    auto it = std::find_if(s.destinations.begin(), s.destinations.end(),
                           [&](const auto& d) { return equal(d.first, o.destination); });
    if (it != s.destinations.end()) {
      it->second += bytes;
    } else if (s.destinations.size() < kDestinations) {
      // A quarter of the limit at first: a host window usually sees several destinations, and
      // growing one at a time cost five allocations before eight.
      if (s.destinations.empty()) s.destinations.reserve(kDestinations / 4);
      s.destinations.emplace_back(o.destination, bytes);
    }
  }
  s.evidence.Add(o.evidence, static_cast<size_t>(t_.evidence));
}

void ExfiltrationDetector::Expire(TimeNs horizon) {
  while (!open_.empty() && (open_.begin()->first + 1) * window_ <= horizon) {
    CloseWindow(open_.begin()->first, open_.begin()->second);
    open_.erase(open_.begin());
    closed_any_ = true;
  }
}

void ExfiltrationDetector::Finish() {
  while (!open_.empty()) {
    CloseWindow(open_.begin()->first, open_.begin()->second);
    open_.erase(open_.begin());
  }
}

size_t ExfiltrationDetector::open_entries() const {
  size_t n = history_.size();
  for (const auto& window : open_) n += window.second.size();
  return n;
}

void ExfiltrationDetector::CloseWindow(int64_t index, Hosts& hosts) {
  std::vector<double> totals;
  totals.reserve(hosts.size());
  for (const auto& e : hosts) totals.push_back(e.value.bytes);
  std::vector<double> scratch = totals;
  const double peer_median = Median(scratch);
  scratch = totals;
  const double peer_mad = MedianAbsoluteDeviation(scratch, peer_median);
  // Hosts in address order, so the window's alerts come out in an order that does not depend on
  // hashing.
  std::vector<const Hosts::Entry*> order;
  order.reserve(hosts.size());
  for (const auto& e : hosts) order.push_back(&e);
  std::sort(order.begin(), order.end(), [](const auto* x, const auto* y) { return x->key < y->key; });
  for (const Hosts::Entry* e : order) {
    const IpAddress& host = e->key;
    const Sent& s = e->value;
    History& own = history_.TryEmplace(host).first->value;
    if (static_cast<double>(own.size) >= t_.exfil_min_history) {
      std::vector<double> past = own.Values();
      const double median = Median(past);
      past = own.Values();
      Evaluate(host, s, median, MedianAbsoluteDeviation(past, median), true, own.size, index);
    } else if (static_cast<double>(hosts.size() - 1) >= t_.exfil_min_peers) {
      Evaluate(host, s, peer_median, peer_mad, false, hosts.size() - 1, index);
    }
    own.Push(s.bytes);
  }
  // History is kept for the hosts seen most recently: beyond max_entities, the others go.
  if (static_cast<double>(history_.size()) > t_.max_entities) {
    history_.EraseIf([&](const auto& e) { return hosts.Find(e.key) == nullptr; });
  }
}

void ExfiltrationDetector::Evaluate(const IpAddress& host, const Sent& s, double median,
                                    double mad, bool own, size_t baseline_size, int64_t index) {
  if (s.bytes < t_.exfil_min_bytes) return;
  const double ratio = median > 0 ? s.bytes / median : s.bytes;
  const double z = RobustZ(s.bytes, median, mad);
  if (ratio < t_.exfil_ratio || z < t_.exfil_min_z) return;
  const auto top = std::max_element(s.destinations.begin(), s.destinations.end(),
                                    [](const auto& x, const auto& y) { return x.second < y.second; });
  Alert a;
  a.rule_id = "exfil";
  a.rule_name = own ? "Outbound volume far above the host's own baseline"
                    : "Outbound volume far above the host's peers";
  a.entity = host.ToString();
  a.severity = ratio >= 100 ? kHigh : kMedium;
  a.risk_score = RiskScore(a.severity, ratio, t_.exfil_ratio);
  a.start = index * window_;
  a.end = (index + 1) * window_;
  a.source_ip = host;
  a.related_ip.push_back(host);
  if (top != s.destinations.end()) {
    a.destination_ip = top->first;
    a.related_ip.push_back(top->first);
  }
  char times[32];
  (void)std::snprintf(times, sizeof times, "%.1f", ratio);
  a.message = host.ToString() + " sent " + Bytes(s.bytes) +
              (top != s.destinations.end()
                   ? " (" + Bytes(top->second) + " to " + top->first.ToString() + ")"
                   : std::string()) +
              ", " + times + " times the median of its " + (own ? "own earlier windows" : "peers") +
              " (" + Bytes(median) + ")";
  a.counts = {{"bytes", s.bytes},
              {"baseline_median", std::round(median)},
              {"baseline_mad", std::round(mad)},
              {"baseline_windows", static_cast<double>(baseline_size)},
              {"ratio", std::round(ratio * 100) / 100},
              {"robust_z", std::round(z * 100) / 100}};
  if (top != s.destinations.end()) a.counts.emplace_back("destination_bytes", top->second);
  a.evidence = s.evidence.items();
  a.evidence_total = s.evidence.total();
  sink_.Emit(a);
}

}  // namespace seckit::anomaly_detect
