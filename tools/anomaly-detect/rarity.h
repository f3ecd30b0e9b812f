// Rarity: a registered domain, user agent or JA3 fingerprint that only one host presents, in a
// population where at least rarity.min_hosts hosts present that kind of value. Judged over the
// whole input (at its end), at most rarity.max_alerts alerts, low severity: rarity alone is a
// lead, not a verdict.
#ifndef SECKIT_ANOMALY_DETECT_RARITY_H_
#define SECKIT_ANOMALY_DETECT_RARITY_H_

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>

#include "detector.h"
#include "distinct_counter.h"
#include "seckit/flat_table.h"

namespace seckit::anomaly_detect {

class RarityDetector : public Detector {
 public:
  RarityDetector(const Thresholds& t, AlertSink& sink);
  void Observe(const Observation& o) override;
  void Expire(TimeNs) override {}
  void Finish() override;
  size_t open_entries() const override;
  std::string_view name() const override { return "rarity"; }

 private:
  enum Kind { kDomain, kUserAgent, kJa3, kKinds };
  struct Seen {
    IpAddress host;
    bool many_hosts = false;
    uint64_t count = 0;
    TimeNs first = 0;
    TimeNs last = 0;
    Evidence evidence;
  };
  struct Values {
    // Looked up by string_view, without copying the value (seckit::StringHash is transparent).
    std::unordered_map<std::string, Seen, StringHash, std::equal_to<>> seen;
    DistinctCounter hosts;
    uint64_t untracked = 0;  // values not tracked because rarity.max_values was reached
  };
  void Add(Kind kind, std::string_view value, const Observation& o);

  const Thresholds& t_;
  AlertSink& sink_;
  std::array<Values, kKinds> values_;
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_RARITY_H_
