// DNS tunnelling and DGA-like names. Per client and registered domain (public suffix list): many
// distinct subdomains with high entropy or long labels (data encoded in names), or many TXT/NULL
// queries (data in answers). Per client: many distinct random-looking registered domains (a
// domain generation algorithm looking for its controller).
#ifndef SECKIT_ANOMALY_DETECT_DNS_TUNNEL_H_
#define SECKIT_ANOMALY_DETECT_DNS_TUNNEL_H_

#include <string>
#include <vector>

#include "detector.h"
#include "distinct_counter.h"
#include "window_table.h"

namespace seckit::anomaly_detect {

class DnsDetector : public Detector {
 public:
  DnsDetector(const Thresholds& t, AlertSink& sink);
  void Observe(const Observation& o) override;
  void Expire(TimeNs horizon) override;
  void Finish() override;
  size_t open_entries() const override { return domains_.size() + clients_.size(); }
  uint64_t evicted() const override { return domains_.evicted() + clients_.evicted(); }
  std::string_view name() const override { return "dns"; }

 private:
  struct DomainKey {
    IpAddress client;
    std::string domain;
    friend bool operator==(const DomainKey&, const DomainKey&) = default;
    friend auto operator<=>(const DomainKey&, const DomainKey&) = default;
  };
  struct DomainKeyHash {
    size_t operator()(const DomainKey& k) const noexcept {
      return IpHash()(k.client) ^ std::hash<std::string>()(k.domain);
    }
  };
  struct DomainState {
    uint64_t queries = 0;
    uint64_t txt_null = 0;
    DistinctCounter subdomains;
    double entropy_sum = 0;  // over queries with a subdomain part
    double length_sum = 0;
    uint64_t with_subdomain = 0;
    std::string example;
    EvidenceList evidence;
  };
  struct ClientState {
    DistinctCounter generated;  // registered domains whose label looks generated
    uint64_t generated_queries = 0;
    std::vector<std::string> examples;
    EvidenceList evidence;
  };
  void CloseDomain(const DomainKey& key, Window<DomainState>& w);
  void CloseClient(const IpAddress& client, Window<ClientState>& w);

  const Thresholds& t_;
  AlertSink& sink_;
  WindowTable<DomainKey, DomainState, DomainKeyHash> domains_;
  WindowTable<IpAddress, ClientState, IpHash, IpEqual> clients_;
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_DNS_TUNNEL_H_
