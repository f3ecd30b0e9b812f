// Observation: what the detectors need from one input record, extracted once per record so each
// detector reads plain fields instead of walking the JSON again.
#ifndef SECKIT_ANOMALY_DETECT_OBSERVATION_H_
#define SECKIT_ANOMALY_DETECT_OBSERVATION_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "evidence.h"
#include "seckit/ip.h"
#include "seckit/records.h"
#include "seckit/time.h"

namespace seckit::anomaly_detect {

// What kind of activity a record describes; decides which detectors look at it.
enum class ObservationKind : uint8_t {
  kOther,  // anything else: passed through, seen by no detector
  kFlow,   // a connection (pcap.flow or any record with event.type "connection" or flow fields)
  kDns,    // a DNS message (dns.question.name)
  kHttp,   // an HTTP request (user_agent.original or url.domain)
  kTls,    // a TLS ClientHello (tls.client.*)
  kAuth,   // an authentication event (event.category "authentication" with an outcome)
};

enum class AuthOutcome : uint8_t { kNone, kFailure, kSuccess };

// Views point into the record and are valid until the next record is read.
struct Observation {
  ObservationKind kind = ObservationKind::kOther;
  TimeNs time = 0;
  bool has_time = false;
  bool has_source = false;
  bool has_destination = false;
  bool has_destination_port = false;
  IpAddress source;
  IpAddress destination;
  uint16_t destination_port = 0;
  // Flows: frame bytes each side sent (source.bytes, destination.bytes).
  uint64_t bytes_out = 0;
  uint64_t bytes_in = 0;
  // Flows: the connection never completed (no answer, rejected, reset before data).
  bool failed_connection = false;
  // Authentication.
  AuthOutcome auth = AuthOutcome::kNone;
  std::string_view user;
  // DNS: the question of a query (answers only count for their response code).
  bool dns_query = false;
  bool dns_nxdomain = false;
  std::string_view dns_name;
  std::string_view dns_type;
  std::string_view dns_registered;  // dns.question.registered_domain when the record has it
  // HTTP / TLS: what the client presented.
  std::string_view user_agent;
  std::string_view ja3;
  std::string_view server_name;  // tls.client.server_name or url.domain
  Evidence evidence;
};

// Looks up the fields of every kind of record. Construct once, reuse for every record.
//
// The record is walked once with a PathTrie of the fields the detectors use: every member that is
// one of them (nested or dotted, as ECS allows both) is kept, and objects are entered only when
// some wanted path lies inside them. One pass instead of a lookup per field, which matters at a
// million records a second.
class ObservationReader {
 public:
  explicit ObservationReader(PathTable& paths);
  // Fills `out` from `record`; `out` is reset first.
  void Read(const JsonRecord& record, Observation& out);

  enum Slot : uint8_t {
    kTimestamp, kDataset, kCategory, kOutcome, kAction, kEventType, kSourceIp, kDestinationIp,
    kDestinationPort, kSourceBytes, kDestinationBytes, kFlowState, kRespPayload, kUserName,
    kDnsName, kDnsType, kDnsMessageType, kDnsRegistered, kDnsRcode, kUserAgent, kJa3,
    kServerName, kUrlDomain, kFilePath, kLogOffset, kFrame, kFirstFrame, kCommunityId, kSlots
  };

 private:
  void Walk(simdjson::dom::object object, int node, int depth);
  std::string_view String(Slot slot) const;
  std::optional<int64_t> Int(Slot slot) const;
  bool HasTag(Slot slot, std::string_view value) const;
  void ReadFlow(Observation& out);
  void ReadAuth(Observation& out);
  void ReadDns(Observation& out);
  void ReadEvidence(Observation& out);

  PathTable& paths_;
  std::array<simdjson::dom::element, kSlots> values_;
  std::array<bool, kSlots> found_{};
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_OBSERVATION_H_
