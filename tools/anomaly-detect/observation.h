// Observation: what the detectors need from one input record, extracted once per record so each
// detector reads plain fields instead of walking the JSON again.
#ifndef SECKIT_ANOMALY_DETECT_OBSERVATION_H_
#define SECKIT_ANOMALY_DETECT_OBSERVATION_H_

#include <cstdint>
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
class ObservationReader {
 public:
  explicit ObservationReader(PathTable& paths);
  // Fills `out` from `record`; `out` is reset first.
  void Read(const JsonRecord& record, Observation& out);

 private:
  void ReadFlow(const JsonRecord& record, Observation& out);
  void ReadAuth(const JsonRecord& record, Observation& out);
  void ReadDns(const JsonRecord& record, Observation& out);
  void ReadEvidence(const JsonRecord& record, Observation& out);

  PathTable& paths_;
  FieldPath timestamp_{"@timestamp"}, dataset_{"event.dataset"}, category_{"event.category"},
      outcome_{"event.outcome"}, action_{"event.action"}, event_type_{"event.type"},
      source_ip_{"source.ip"}, destination_ip_{"destination.ip"},
      destination_port_{"destination.port"}, source_bytes_{"source.bytes"},
      destination_bytes_{"destination.bytes"}, flow_state_{"pcap.flow.state"},
      resp_payload_{"pcap.flow.resp_payload_bytes"}, user_name_{"user.name"},
      dns_name_{"dns.question.name"}, dns_type_{"dns.question.type"},
      dns_message_type_{"dns.type"},
      dns_registered_{"dns.question.registered_domain"}, dns_rcode_{"dns.response_code"},
      user_agent_{"user_agent.original"}, ja3_{"tls.client.ja3"},
      server_name_{"tls.client.server_name"}, url_domain_{"url.domain"},
      file_path_{"log.file.path"}, log_offset_{"log.offset"}, frame_{"pcap.frame"},
      first_frame_{"pcap.flow.first_frame"}, community_id_{"network.community_id"};
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_OBSERVATION_H_
