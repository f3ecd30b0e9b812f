// Brute-force detection: counts per source, per account and per source-service pair.
#include "brute_force.h"

#include <algorithm>

namespace seckit::anomaly_detect {
namespace {

constexpr size_t kRelatedLimit = 10;  // users or addresses named in related.*

template <typename T>
void RememberFew(std::vector<T>& list, const T& value) {
  if (list.size() < kRelatedLimit && std::find(list.begin(), list.end(), value) == list.end()) {
    list.push_back(value);
  }
}

}  // namespace

BruteForceDetector::BruteForceDetector(const Thresholds& t, AlertSink& sink)
    : t_(t),
      sink_(sink),
      by_source_(Seconds(t.brute_window), static_cast<size_t>(t.max_entities),
                 [this](const IpAddress& k, Window<Failures>& w) { CloseSource(k, w); }),
      by_account_(Seconds(t.brute_window), static_cast<size_t>(t.max_entities),
                  [this](const std::string& k, Window<Failures>& w) { CloseAccount(k, w); }),
      connections_(Seconds(t.brute_window), static_cast<size_t>(t.max_entities),
                   [this](const AddressPair& k, Window<Connections>& w) {
                     CloseConnections(k, w);
                   }),
      auth_port_(65536, false) {
  for (uint16_t port : t.auth_ports) auth_port_[port] = true;
}

void BruteForceDetector::Observe(const Observation& o) {
  if (o.kind == ObservationKind::kAuth) Auth(o);
  if (o.kind == ObservationKind::kFlow) Connection(o);
}

void BruteForceDetector::Auth(const Observation& o) {
  if (o.auth == AuthOutcome::kNone) return;
  const std::string account(o.user);
  if (o.auth == AuthOutcome::kSuccess) {
    if (o.has_source) SuccessAfterFailures(o, by_source_.Touch(o.source, o.time), account, t_.brute_source_failures);
    if (!account.empty()) SuccessAfterFailures(o, by_account_.Touch(account, o.time), account,
                                              t_.brute_account_failures);
    return;
  }
  const size_t evidence_limit = static_cast<size_t>(t_.evidence);
  if (o.has_source) {
    Window<Failures>& w = by_source_.Touch(o.source, o.time);
    ++w.state.failures;
    if (!account.empty()) {
      w.state.distinct.Add(HashText(account));
      RememberFew(w.state.users, account);
    }
    w.state.evidence.Add(o.evidence, evidence_limit);
  }
  if (!account.empty()) {
    Window<Failures>& w = by_account_.Touch(account, o.time);
    ++w.state.failures;
    if (o.has_source) {
      w.state.distinct.Add(IpHash()(o.source));
      RememberFew(w.state.sources, o.source);
    }
    w.state.evidence.Add(o.evidence, evidence_limit);
  }
}

void BruteForceDetector::SuccessAfterFailures(const Observation& o, Window<Failures>& w,
                                              const std::string& account, double threshold) {
  if (w.state.success_alerted || static_cast<double>(w.state.failures) < threshold) return;
  w.state.success_alerted = true;
  Alert a;
  a.rule_id = "brute_force.success";
  a.rule_name = "Successful login after repeated failures";
  a.entity = o.has_source ? o.source.ToString() : account;
  a.severity = kHigh;
  a.risk_score = RiskScore(kHigh, static_cast<double>(w.state.failures), threshold);
  a.start = w.start;
  a.end = o.time;
  if (o.has_source) {
    a.source_ip = o.source;
    a.related_ip.push_back(o.source);
  }
  for (const IpAddress& ip : w.state.sources) RememberFew(a.related_ip, ip);
  if (!account.empty()) a.related_user.push_back(account);
  a.message = "Login of " + (account.empty() ? std::string("an account") : "'" + account + "'") +
              " succeeded" + (o.has_source ? " from " + o.source.ToString() : std::string()) +
              " after " + std::to_string(w.state.failures) + " failed attempts";
  a.counts = {{"failures", static_cast<double>(w.state.failures)}, {"successes", 1}};
  a.evidence = w.state.evidence.items();
  if (!o.evidence.empty()) a.evidence.push_back(o.evidence);
  a.evidence_total = w.state.evidence.total() + 1;
  sink_.Emit(a);
}

void BruteForceDetector::CloseSource(const IpAddress& source, Window<Failures>& w) {
  if (static_cast<double>(w.state.failures) < t_.brute_source_failures) return;
  Alert a;
  a.rule_id = "brute_force.source";
  a.rule_name = "Authentication brute force from one source";
  a.entity = source.ToString();
  a.severity = kMedium;
  a.risk_score = RiskScore(kMedium, static_cast<double>(w.state.failures), t_.brute_source_failures);
  a.start = w.start;
  a.end = w.end;
  a.source_ip = source;
  a.related_ip.push_back(source);
  a.related_user = w.state.users;
  const uint64_t users = w.state.distinct.Estimate();
  a.message = std::to_string(w.state.failures) + " failed logins from " + source.ToString() +
              " against " + std::to_string(users) + (users == 1 ? " account" : " accounts");
  a.counts = {{"failures", static_cast<double>(w.state.failures)},
              {"users", static_cast<double>(users)}};
  a.evidence = w.state.evidence.items();
  a.evidence_total = w.state.evidence.total();
  sink_.Emit(a);
}

void BruteForceDetector::CloseAccount(const std::string& account, Window<Failures>& w) {
  if (static_cast<double>(w.state.failures) < t_.brute_account_failures) return;
  Alert a;
  a.rule_id = "brute_force.account";
  a.rule_name = "Authentication brute force against one account";
  a.entity = account;
  a.severity = kMedium;
  a.risk_score =
      RiskScore(kMedium, static_cast<double>(w.state.failures), t_.brute_account_failures);
  a.start = w.start;
  a.end = w.end;
  a.related_ip = w.state.sources;
  a.related_user.push_back(account);
  const uint64_t sources = w.state.distinct.Estimate();
  a.message = std::to_string(w.state.failures) + " failed logins against '" + account +
              "' from " + std::to_string(sources) + (sources == 1 ? " source" : " sources");
  a.counts = {{"failures", static_cast<double>(w.state.failures)},
              {"sources", static_cast<double>(sources)}};
  a.evidence = w.state.evidence.items();
  a.evidence_total = w.state.evidence.total();
  sink_.Emit(a);
}

void BruteForceDetector::Connection(const Observation& o) {
  if (!o.has_source || !o.has_destination || !o.has_destination_port) return;
  if (!auth_port_[o.destination_port]) return;
  Window<Connections>& w =
      connections_.Touch({o.source, o.destination, o.destination_port}, o.time);
  ++w.state.count;
  w.state.evidence.Add(o.evidence, static_cast<size_t>(t_.evidence));
}

void BruteForceDetector::CloseConnections(const AddressPair& key, Window<Connections>& w) {
  if (static_cast<double>(w.state.count) < t_.brute_connections) return;
  Alert a;
  a.rule_id = "brute_force.connections";
  a.rule_name = "Repeated connections to a login service";
  a.entity = key.a.ToString() + ">" + key.b.ToString() + ":" + std::to_string(key.port);
  a.severity = kMedium;
  a.risk_score = RiskScore(kMedium, static_cast<double>(w.state.count), t_.brute_connections);
  a.start = w.start;
  a.end = w.end;
  a.source_ip = key.a;
  a.destination_ip = key.b;
  a.destination_port = key.port;
  a.related_ip = {key.a, key.b};
  a.message = std::to_string(w.state.count) + " connections from " + key.a.ToString() + " to " +
              key.b.ToString() + " port " + std::to_string(key.port) +
              " (a login service) within the window: password guessing";
  a.counts = {{"connections", static_cast<double>(w.state.count)}};
  a.evidence = w.state.evidence.items();
  a.evidence_total = w.state.evidence.total();
  sink_.Emit(a);
}

void BruteForceDetector::Expire(TimeNs horizon) {
  by_source_.Expire(horizon);
  by_account_.Expire(horizon);
  connections_.Expire(horizon);
}

void BruteForceDetector::Finish() {
  by_source_.CloseAll();
  by_account_.CloseAll();
  connections_.CloseAll();
}

size_t BruteForceDetector::open_entries() const {
  return by_source_.size() + by_account_.size() + connections_.size();
}

uint64_t BruteForceDetector::evicted() const {
  return by_source_.evicted() + by_account_.evicted() + connections_.evicted();
}

}  // namespace seckit::anomaly_detect
