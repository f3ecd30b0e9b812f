// Alert: one detection, written as an `anomaly.alert` record (docs/FORMAT.md), and AlertSink, which
// writes alerts and holds back repeats of the same rule on the same entity (alert.renotify).
#ifndef SECKIT_ANOMALY_DETECT_ALERT_H_
#define SECKIT_ANOMALY_DETECT_ALERT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "evidence.h"
#include "seckit/ip.h"
#include "seckit/json_writer.h"
#include "seckit/time.h"

namespace seckit::anomaly_detect {

// ECS event.severity numbers, Elastic's convention.
enum Severity : int { kLow = 21, kMedium = 47, kHigh = 73, kCritical = 99 };

struct Alert {
  std::string rule_id;    // "brute_force.source"
  std::string rule_name;  // "SSH/login brute force from one source"
  std::string entity;     // what the alert is about, for renotify ("192.0.2.1", "root")
  int severity = kLow;
  int risk_score = 0;  // 0-100
  TimeNs start = 0;
  TimeNs end = 0;
  std::vector<IpAddress> related_ip;
  std::vector<std::string> related_user;
  std::optional<IpAddress> source_ip;
  std::optional<IpAddress> destination_ip;
  std::optional<uint16_t> destination_port;
  std::string domain;  // dns.question.registered_domain for DNS alerts
  std::string message;
  std::vector<std::pair<std::string, double>> counts;  // anomaly.counts
  std::vector<std::string> features;                    // anomaly.features (outliers)
  double score = -1;                                    // anomaly.score when >= 0
  std::vector<Evidence> evidence;
  uint64_t evidence_total = 0;  // anomaly.evidence_total: references there were in all
};

// Writes alerts as records. Not thread-safe.
class AlertSink {
 public:
  AlertSink(JsonWriter& writer, const PathTable& paths, TimeNs renotify)
      : writer_(writer), paths_(paths), renotify_(renotify) {}

  // Writes `alert` unless the same rule alerted on the same entity less than `renotify` before
  // its start; returns whether it was written.
  bool Emit(const Alert& alert);
  uint64_t written() const { return written_; }
  uint64_t suppressed() const { return suppressed_; }

 private:
  void Write(const Alert& alert);

  JsonWriter& writer_;
  const PathTable& paths_;
  TimeNs renotify_;
  // rule id + '\0' + entity -> end of the last alert written. Only alerting entities are here.
  std::unordered_map<std::string, TimeNs> last_alert_;
  uint64_t written_ = 0;
  uint64_t suppressed_ = 0;
};

// Maps a count against its threshold to a 0-100 risk score within a severity band: at the
// threshold the band's floor, rising towards its ceiling as the count grows tenfold.
int RiskScore(int severity, double count, double threshold);

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_ALERT_H_
