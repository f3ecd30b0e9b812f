// DNS tunnelling and DGA detection over DNS query records.
#include "dns_tunnel.h"

#include <cstdio>
#include <algorithm>
#include <cmath>

#include "name_entropy.h"
#include "seckit/indicators.h"

namespace seckit::anomaly_detect {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

// `v` with `digits` decimals.
std::string Fixed(double v, int digits) {
  char text[32];
  (void)std::snprintf(text, sizeof text, "%.*f", digits, v);
  return text;
}

}  // namespace

DnsDetector::DnsDetector(const Thresholds& t, AlertSink& sink)
    : t_(t),
      sink_(sink),
      domains_(Seconds(t.dns_window), static_cast<size_t>(t.max_entities),
               [this](const DomainKey& k, Window<DomainState>& w) { CloseDomain(k, w); }),
      clients_(Seconds(t.dns_window), static_cast<size_t>(t.max_entities),
               [this](const IpAddress& k, Window<ClientState>& w) { CloseClient(k, w); }) {}

void DnsDetector::Observe(const Observation& o) {
  if (o.kind != ObservationKind::kDns || !o.dns_query || !o.has_source || o.dns_name.empty()) {
    return;
  }
  const std::string name = Lower(o.dns_name);
  // The key owns the registered domain (one string per record, not a copy for the key too).
  DomainKey key{o.source,
                o.dns_registered.empty() ? RegistrableDomain(name) : Lower(o.dns_registered)};
  const std::string& registered = key.domain;
  if (registered.empty()) return;
  const size_t limit = static_cast<size_t>(t_.evidence);
  Window<DomainState>& w = domains_.Touch(key, o.time);
  DomainState& d = w.state;
  ++d.queries;
  if (o.dns_type == "TXT" || o.dns_type == "NULL") ++d.txt_null;
  const std::string_view sub = SubdomainPart(name, registered);
  if (!sub.empty()) {
    d.subdomains.Add(HashText(sub));
    d.entropy_sum += ShannonEntropy(sub);
    d.length_sum += static_cast<double>(sub.size());
    ++d.with_subdomain;
    if (d.example.empty()) d.example = name;
  }
  d.evidence.Add(o.evidence, limit);

  const std::string_view label = std::string_view(registered).substr(0, registered.find('.'));
  if (LooksGenerated(label)) {
    Window<ClientState>& c = clients_.Touch(o.source, o.time);
    c.state.generated.Add(HashText(registered));
    ++c.state.generated_queries;
    if (c.state.examples.size() < 5 &&
        std::find(c.state.examples.begin(), c.state.examples.end(), registered) ==
            c.state.examples.end()) {
      c.state.examples.push_back(registered);
    }
    c.state.evidence.Add(o.evidence, limit);
  }
}

void DnsDetector::CloseDomain(const DomainKey& key, Window<DomainState>& w) {
  const DomainState& d = w.state;
  const uint64_t unique = d.subdomains.Estimate();
  const double n = static_cast<double>(std::max<uint64_t>(d.with_subdomain, 1));
  const double entropy = d.entropy_sum / n;
  const double length = d.length_sum / n;
  const bool tunnel = static_cast<double>(unique) >= t_.dns_subdomains &&
                      ((entropy >= t_.dns_min_entropy && length >= t_.dns_min_length) ||
                       length >= t_.dns_long_label);
  const bool txt = static_cast<double>(d.txt_null) >= t_.dns_txt_queries;
  if (!tunnel && !txt) return;
  Alert a;
  a.rule_id = tunnel ? "dns.tunnel" : "dns.txt_volume";
  a.rule_name = tunnel ? "DNS tunnelling: many encoded subdomains under one domain"
                       : "Unusual volume of TXT/NULL queries to one domain";
  a.entity = key.client.ToString() + ">" + key.domain;
  a.severity = kMedium;
  a.risk_score = tunnel ? RiskScore(kMedium, static_cast<double>(unique), t_.dns_subdomains)
                        : RiskScore(kMedium, static_cast<double>(d.txt_null), t_.dns_txt_queries);
  a.start = w.start;
  a.end = w.end;
  a.source_ip = key.client;
  a.related_ip = {key.client};
  a.domain = key.domain;
  a.message = key.client.ToString() + " asked " + std::to_string(d.queries) + " queries under " +
              key.domain + ": " + std::to_string(unique) + " distinct subdomains (mean length " +
              Fixed(length, 1) + ", entropy " + Fixed(entropy, 2) + " bits/char), " +
              std::to_string(d.txt_null) + " TXT/NULL" +
              (d.example.empty() ? std::string() : ", e.g. " + d.example);
  a.counts = {{"queries", static_cast<double>(d.queries)},
              {"subdomains", static_cast<double>(unique)},
              {"mean_length", std::round(length * 100) / 100},
              {"mean_entropy", std::round(entropy * 1000) / 1000},
              {"txt_null", static_cast<double>(d.txt_null)}};
  a.evidence = d.evidence.items();
  a.evidence_total = d.evidence.total();
  sink_.Emit(a);
}

void DnsDetector::CloseClient(const IpAddress& client, Window<ClientState>& w) {
  const uint64_t generated = w.state.generated.Estimate();
  if (static_cast<double>(generated) < t_.dns_dga_domains) return;
  Alert a;
  a.rule_id = "dns.dga";
  a.rule_name = "DGA-like domain names";
  a.entity = client.ToString();
  a.severity = kMedium;
  a.risk_score = RiskScore(kMedium, static_cast<double>(generated), t_.dns_dga_domains);
  a.start = w.start;
  a.end = w.end;
  a.source_ip = client;
  a.related_ip = {client};
  std::string examples;
  for (const std::string& e : w.state.examples) examples += (examples.empty() ? "" : ", ") + e;
  a.message = client.ToString() + " asked for " + std::to_string(generated) +
              " distinct random-looking domains (" + examples + ")";
  a.counts = {{"domains", static_cast<double>(generated)},
              {"queries", static_cast<double>(w.state.generated_queries)}};
  a.evidence = w.state.evidence.items();
  a.evidence_total = w.state.evidence.total();
  sink_.Emit(a);
}

void DnsDetector::Expire(TimeNs horizon) {
  domains_.Expire(horizon);
  clients_.Expire(horizon);
}

void DnsDetector::Finish() {
  domains_.CloseAll();
  clients_.CloseAll();
}

}  // namespace seckit::anomaly_detect
