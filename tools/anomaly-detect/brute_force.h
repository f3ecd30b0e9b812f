// Brute force: many authentication failures from one source, or against one account, within a
// window (log records such as log-grep's sshd events); many connections from one source to a
// login service of one host (captures, where the logins are encrypted); and a success after
// failures, which is more severe.
#ifndef SECKIT_ANOMALY_DETECT_BRUTE_FORCE_H_
#define SECKIT_ANOMALY_DETECT_BRUTE_FORCE_H_

#include <string>
#include <vector>

#include "detector.h"
#include "distinct_counter.h"
#include "window_table.h"

namespace seckit::anomaly_detect {

class BruteForceDetector : public Detector {
 public:
  BruteForceDetector(const Thresholds& t, AlertSink& sink);
  void Observe(const Observation& o) override;
  void Expire(TimeNs horizon) override;
  void Finish() override;
  size_t open_entries() const override;
  uint64_t evicted() const override;
  std::string_view name() const override { return "brute_force"; }

 private:
  struct Failures {
    uint64_t failures = 0;
    DistinctCounter distinct;             // users (by source) or sources (by account)
    std::vector<std::string> users;       // the first few, for related.user
    std::vector<IpAddress> sources;       // the first few, for related.ip
    bool success_alerted = false;
    EvidenceList evidence;
  };
  struct Connections {
    uint64_t count = 0;
    EvidenceList evidence;
  };

  void Auth(const Observation& o);
  void Connection(const Observation& o);
  void SuccessAfterFailures(const Observation& o, Window<Failures>& w, const std::string& account,
                            double threshold);
  void CloseSource(const IpAddress& source, Window<Failures>& w);
  void CloseAccount(const std::string& account, Window<Failures>& w);
  void CloseConnections(const AddressPair& key, Window<Connections>& w);

  const Thresholds& t_;
  AlertSink& sink_;
  WindowTable<IpAddress, Failures, IpHash, IpEqual> by_source_;
  WindowTable<std::string, Failures> by_account_;
  WindowTable<AddressPair, Connections, AddressPairHash, AddressPairEqual> connections_;
  std::vector<bool> auth_port_;
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_BRUTE_FORCE_H_
