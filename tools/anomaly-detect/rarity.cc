// Rarity: values presented by a single host.
#include "rarity.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "seckit/indicators.h"

namespace seckit::anomaly_detect {
namespace {

constexpr const char* kKindNames[] = {"domain", "user agent", "JA3 fingerprint"};
constexpr const char* kRuleIds[] = {"rarity.domain", "rarity.user_agent", "rarity.ja3"};

}  // namespace

RarityDetector::RarityDetector(const Thresholds& t, AlertSink& sink) : t_(t), sink_(sink) {}

void RarityDetector::Observe(const Observation& o) {
  if (!o.has_source) return;
  switch (o.kind) {
    case ObservationKind::kDns:
      if (o.dns_query && !o.dns_name.empty()) {
        Add(kDomain, o.dns_registered.empty() ? RegistrableDomain(o.dns_name) : o.dns_registered,
            o);
      }
      break;
    case ObservationKind::kHttp:
      Add(kUserAgent, o.user_agent, o);
      if (!o.server_name.empty()) Add(kDomain, RegistrableDomain(o.server_name), o);
      break;
    case ObservationKind::kTls:
      Add(kJa3, o.ja3, o);
      if (!o.server_name.empty()) Add(kDomain, RegistrableDomain(o.server_name), o);
      break;
    default:
      break;
  }
}

void RarityDetector::Add(Kind kind, std::string_view value, const Observation& o) {
  if (value.empty()) return;
  Values& v = values_[kind];
  v.hosts.Add(IpHash()(o.source));
  auto it = v.seen.find(value);
  if (it == v.seen.end()) {
    if (static_cast<double>(v.seen.size()) >= t_.rarity_max_values) {
      ++v.untracked;
      return;
    }
    Seen s;
    s.host = o.source;
    s.first = s.last = o.time;
    s.evidence = o.evidence;
    it = v.seen.emplace(std::string(value), s).first;
  }
  Seen& s = it->second;
  ++s.count;
  s.first = std::min(s.first, o.time);
  s.last = std::max(s.last, o.time);
  if (!(s.host == o.source)) s.many_hosts = true;
}

size_t RarityDetector::open_entries() const {
  size_t n = 0;
  for (const Values& v : values_) n += v.seen.size();
  return n;
}

void RarityDetector::Finish() {
  // Candidates from every kind, the most used first (a value one host used a hundred times says
  // more than one it used once), then by name so the choice is stable.
  std::vector<std::tuple<uint64_t, int, const std::string*, const Seen*>> rare;
  for (int kind = 0; kind < kKinds; ++kind) {
    const Values& v = values_[kind];
    if (static_cast<double>(v.hosts.Estimate()) < t_.rarity_min_hosts) continue;
    for (const auto& [value, s] : v.seen) {
      if (!s.many_hosts) rare.emplace_back(s.count, kind, &value, &s);
    }
  }
  std::sort(rare.begin(), rare.end(), [](const auto& x, const auto& y) {
    if (std::get<0>(x) != std::get<0>(y)) return std::get<0>(x) > std::get<0>(y);
    if (std::get<1>(x) != std::get<1>(y)) return std::get<1>(x) < std::get<1>(y);
    return *std::get<2>(x) < *std::get<2>(y);
  });
  const size_t limit = std::min(rare.size(), static_cast<size_t>(t_.rarity_max_alerts));
  for (size_t i = 0; i < limit; ++i) {
    const auto& [count, kind, value, s] = rare[i];
    const Values& v = values_[kind];
    Alert a;
    a.rule_id = kRuleIds[kind];
    a.rule_name = std::string("Rare ") + kKindNames[kind] + ": seen from one host only";
    a.entity = *value;
    a.severity = kLow;
    a.risk_score = 10;
    a.start = s->first;
    a.end = s->last;
    a.source_ip = s->host;
    a.related_ip = {s->host};
    if (kind == kDomain) a.domain = *value;
    a.message = "Only " + s->host.ToString() + " presented the " + kKindNames[kind] + " '" +
                *value + "' (" + std::to_string(count) + " times) among " +
                std::to_string(v.hosts.Estimate()) + " hosts";
    a.counts = {{"count", static_cast<double>(count)},
                {"hosts", static_cast<double>(v.hosts.Estimate())},
                {"values", static_cast<double>(v.seen.size())}};
    if (!s->evidence.empty()) a.evidence.push_back(s->evidence);
    a.evidence_total = count;
    sink_.Emit(a);
  }
}

}  // namespace seckit::anomaly_detect
