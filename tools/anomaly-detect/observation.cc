// Extracting an Observation from a record: which kind of activity it is, and the few fields the
// detectors use. Works on pcap-extract's and log-grep's records and on any ECS record with the
// same fields (nested or dotted).
#include "observation.h"

namespace seckit::anomaly_detect {
namespace {

// True when the field is the string `value` or an array holding it (event.category is an array).
bool HasTag(const JsonRecord& record, const FieldPath& path, std::string_view value) {
  std::optional<simdjson::dom::element> e = record.Find(path);
  if (!e) return false;
  std::string_view s;
  if (e->get_string().get(s) == simdjson::SUCCESS) return s == value;
  simdjson::dom::array array;
  if (e->get_array().get(array) != simdjson::SUCCESS) return false;
  for (simdjson::dom::element item : array) {
    if (item.get_string().get(s) == simdjson::SUCCESS && s == value) return true;
  }
  return false;
}

std::optional<IpAddress> GetIp(const JsonRecord& record, const FieldPath& path) {
  std::optional<std::string_view> text = record.GetString(path);
  if (!text) return std::nullopt;
  std::optional<IpAddress> ip = IpAddress::Parse(*text);
  if (ip && ip->IsV4Mapped()) return ip->Unmapped();
  return ip;
}

uint64_t GetCount(const JsonRecord& record, const FieldPath& path) {
  std::optional<int64_t> n = record.GetInt(path);
  return n && *n > 0 ? static_cast<uint64_t>(*n) : 0;
}

// Zeek connection states in which the handshake never completed or was torn down before any
// answer: what a scan leaves behind.
bool IsFailedState(std::string_view state, uint64_t responder_payload) {
  if (state == "S0" || state == "REJ" || state == "RSTOS0" || state == "RSTRH" || state == "SH" ||
      state == "SHR" || state == "OTH") {
    return true;
  }
  // A SYN scan's probe of an open port: SYN, SYN-ACK, then the scanner's RST, with no data.
  return (state == "RSTO" || state == "RSTR") && responder_payload == 0;
}

}  // namespace

ObservationReader::ObservationReader(PathTable& paths) : paths_(paths) {}

void ObservationReader::Read(const JsonRecord& record, Observation& out) {
  out = Observation();
  if (std::optional<std::string_view> ts = record.GetString(timestamp_)) {
    if (std::optional<TimeNs> t = ParseRfc3339(*ts)) {
      out.time = *t;
      out.has_time = true;
    }
  }
  if (std::optional<IpAddress> ip = GetIp(record, source_ip_)) {
    out.source = *ip;
    out.has_source = true;
  }
  if (std::optional<IpAddress> ip = GetIp(record, destination_ip_)) {
    out.destination = *ip;
    out.has_destination = true;
  }
  if (std::optional<int64_t> port = record.GetInt(destination_port_)) {
    if (*port >= 0 && *port <= 65535) {
      out.destination_port = static_cast<uint16_t>(*port);
      out.has_destination_port = true;
    }
  }
  const std::string_view dataset = record.GetString(dataset_).value_or(std::string_view());
  if (dataset == "pcap.flow" || HasTag(record, event_type_, "connection")) {
    ReadFlow(record, out);
  } else if (record.Find(dns_name_)) {
    ReadDns(record, out);
  } else if (HasTag(record, category_, "authentication")) {
    ReadAuth(record, out);
  } else if (std::optional<std::string_view> ja3 = record.GetString(ja3_)) {
    out.kind = ObservationKind::kTls;
    out.ja3 = *ja3;
    out.server_name = record.GetString(server_name_).value_or(std::string_view());
  } else if (std::optional<std::string_view> ua = record.GetString(user_agent_)) {
    out.kind = ObservationKind::kHttp;
    out.user_agent = *ua;
    out.server_name = record.GetString(url_domain_).value_or(std::string_view());
  } else if (std::optional<std::string_view> sni = record.GetString(server_name_)) {
    out.kind = ObservationKind::kTls;
    out.server_name = *sni;
  }
  if (out.kind != ObservationKind::kOther) ReadEvidence(record, out);
}

void ObservationReader::ReadFlow(const JsonRecord& record, Observation& out) {
  out.kind = ObservationKind::kFlow;
  out.bytes_out = GetCount(record, source_bytes_);
  out.bytes_in = GetCount(record, destination_bytes_);
  if (std::optional<std::string_view> state = record.GetString(flow_state_)) {
    out.failed_connection = IsFailedState(*state, GetCount(record, resp_payload_));
  }
}

void ObservationReader::ReadAuth(const JsonRecord& record, Observation& out) {
  out.kind = ObservationKind::kAuth;
  const std::string_view outcome = record.GetString(outcome_).value_or(std::string_view());
  // For one guess sshd may write "Invalid user", a PAM failure, "Failed password" and, at the
  // end of the connection, "maximum authentication attempts exceeded"; only "Failed password"
  // (ssh_login) counts, so one guess is one failure.
  const std::string_view action = record.GetString(action_).value_or(std::string_view());
  if (action == "ssh_pam_auth_failure" || action == "ssh_invalid_user" ||
      action == "ssh_max_auth_exceeded") {
    return;
  }
  if (outcome == "failure") out.auth = AuthOutcome::kFailure;
  if (outcome == "success") out.auth = AuthOutcome::kSuccess;
  out.user = record.GetString(user_name_).value_or(std::string_view());
}

void ObservationReader::ReadDns(const JsonRecord& record, Observation& out) {
  out.kind = ObservationKind::kDns;
  out.dns_name = record.GetString(dns_name_).value_or(std::string_view());
  out.dns_type = record.GetString(dns_type_).value_or(std::string_view());
  out.dns_registered = record.GetString(dns_registered_).value_or(std::string_view());
  const std::string_view type = record.GetString(dns_message_type_).value_or("query");
  out.dns_query = type == "query";
  out.dns_nxdomain = record.GetString(dns_rcode_).value_or(std::string_view()) == "NXDOMAIN";
}

void ObservationReader::ReadEvidence(const JsonRecord& record, Observation& out) {
  Evidence& e = out.evidence;
  if (std::optional<std::string_view> path = record.GetString(file_path_)) {
    e.path = paths_.Intern(*path);
  }
  if (std::optional<int64_t> offset = record.GetInt(log_offset_); offset && *offset >= 0) {
    e.type = Evidence::Type::kLogOffset;
    e.number = static_cast<uint64_t>(*offset);
    return;
  }
  if (out.kind == ObservationKind::kFlow) {
    std::optional<std::string_view> id = record.GetString(community_id_);
    if (id && id->size() <= e.community_id.size()) {
      e.type = Evidence::Type::kCommunityId;
      e.id_size = static_cast<uint8_t>(id->size());
      std::copy(id->begin(), id->end(), e.community_id.begin());
      return;
    }
  }
  const FieldPath& frame = out.kind == ObservationKind::kFlow ? first_frame_ : frame_;
  if (std::optional<int64_t> n = record.GetInt(frame); n && *n > 0) {
    e.type = Evidence::Type::kPcapFrame;
    e.number = static_cast<uint64_t>(*n);
  }
}

}  // namespace seckit::anomaly_detect
