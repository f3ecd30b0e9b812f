// Extracting an Observation from a record: which kind of activity it is, and the few fields the
// detectors use. Works on pcap-extract's and log-grep's records and on any ECS record with the
// same fields (nested or dotted).
#include "observation.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "seckit/path_trie.h"

namespace seckit::anomaly_detect {
namespace {

using Slot = ObservationReader::Slot;

// The paths the detectors read, in all their spellings (nested or dotted, as ECS allows both).
const PathTrie& Wanted() {
  static const PathTrie wanted = [] {
    const std::pair<std::string_view, Slot> table[] = {
        {"@timestamp", Slot::kTimestamp},
        {"event.dataset", Slot::kDataset},
        {"event.category", Slot::kCategory},
        {"event.outcome", Slot::kOutcome},
        {"event.action", Slot::kAction},
        {"event.type", Slot::kEventType},
        {"source.ip", Slot::kSourceIp},
        {"destination.ip", Slot::kDestinationIp},
        {"destination.port", Slot::kDestinationPort},
        {"source.bytes", Slot::kSourceBytes},
        {"destination.bytes", Slot::kDestinationBytes},
        {"pcap.flow.state", Slot::kFlowState},
        {"pcap.flow.resp_payload_bytes", Slot::kRespPayload},
        {"user.name", Slot::kUserName},
        {"dns.question.name", Slot::kDnsName},
        {"dns.question.type", Slot::kDnsType},
        {"dns.type", Slot::kDnsMessageType},
        {"dns.question.registered_domain", Slot::kDnsRegistered},
        {"dns.response_code", Slot::kDnsRcode},
        {"user_agent.original", Slot::kUserAgent},
        {"tls.client.ja3", Slot::kJa3},
        {"tls.client.server_name", Slot::kServerName},
        {"url.domain", Slot::kUrlDomain},
        {"log.file.path", Slot::kFilePath},
        {"log.offset", Slot::kLogOffset},
        {"pcap.frame", Slot::kFrame},
        {"pcap.flow.first_frame", Slot::kFirstFrame},
        {"network.community_id", Slot::kCommunityId},
    };
    PathTrie trie;
    for (const auto& [path, slot] : table) trie.Add(path, slot);
    return trie;
  }();
  return wanted;
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

// Every member whose key the trie has under `node`: a wanted value is kept (the first of its
// spellings), an object entered when some wanted path lies inside it.
void ObservationReader::Walk(simdjson::dom::object object, int node, int depth) {
  const PathTrie& wanted = Wanted();
  for (simdjson::dom::key_value_pair member : object) {
    const int child = wanted.Child(node, member.key);
    if (child < 0) continue;
    const PathTrie::Node& entry = wanted.node(child);
    simdjson::dom::object inner;
    if (depth < 4 && member.value.get_object().get(inner) == simdjson::SUCCESS) {
      if (entry.has_children) Walk(inner, child, depth + 1);
    } else if (entry.slot >= 0 && !found_[static_cast<size_t>(entry.slot)]) {
      found_[static_cast<size_t>(entry.slot)] = true;
      values_[static_cast<size_t>(entry.slot)] = member.value;
    }
  }
}

std::string_view ObservationReader::String(Slot slot) const {
  std::string_view s;
  if (found_[slot] && values_[slot].get_string().get(s) == simdjson::SUCCESS) return s;
  return {};
}

std::optional<int64_t> ObservationReader::Int(Slot slot) const {
  if (!found_[slot]) return std::nullopt;
  int64_t i = 0;
  if (values_[slot].get_int64().get(i) == simdjson::SUCCESS) return i;
  double d = 0;
  if (values_[slot].get_double().get(d) == simdjson::SUCCESS && d >= -9e18 && d <= 9e18) {
    return static_cast<int64_t>(d);
  }
  return std::nullopt;
}

// True when the field is the string `value` or an array holding it (event.category is an array).
bool ObservationReader::HasTag(Slot slot, std::string_view value) const {
  if (!found_[slot]) return false;
  std::string_view s;
  if (values_[slot].get_string().get(s) == simdjson::SUCCESS) return s == value;
  simdjson::dom::array array;
  if (values_[slot].get_array().get(array) != simdjson::SUCCESS) return false;
  for (simdjson::dom::element item : array) {
    if (item.get_string().get(s) == simdjson::SUCCESS && s == value) return true;
  }
  return false;
}

namespace {
bool ParseIp(std::string_view text, IpAddress& out) {
  if (text.empty()) return false;
  std::optional<IpAddress> ip = IpAddress::Parse(text);
  if (!ip) return false;
  out = ip->IsV4Mapped() ? ip->Unmapped() : *ip;
  return true;
}
}  // namespace

void ObservationReader::Read(const JsonRecord& record, Observation& out) {
  out = Observation();
  found_.fill(false);
  simdjson::dom::object root;
  if (record.root.get_object().get(root) != simdjson::SUCCESS) return;
  Walk(root, PathTrie::kRoot, 0);
  if (std::optional<TimeNs> t = ParseRfc3339(String(kTimestamp))) {
    out.time = *t;
    out.has_time = true;
  }
  out.has_source = ParseIp(String(kSourceIp), out.source);
  out.has_destination = ParseIp(String(kDestinationIp), out.destination);
  if (std::optional<int64_t> port = Int(kDestinationPort); port && *port >= 0 && *port <= 65535) {
    out.destination_port = static_cast<uint16_t>(*port);
    out.has_destination_port = true;
  }
  const std::string_view dataset = String(kDataset);
  if (dataset == "pcap.flow" || HasTag(kEventType, "connection")) {
    ReadFlow(out);
  } else if (found_[kDnsName]) {
    ReadDns(out);
  } else if (HasTag(kCategory, "authentication")) {
    ReadAuth(out);
  } else if (!String(kJa3).empty()) {
    out.kind = ObservationKind::kTls;
    out.ja3 = String(kJa3);
    out.server_name = String(kServerName);
  } else if (!String(kUserAgent).empty()) {
    out.kind = ObservationKind::kHttp;
    out.user_agent = String(kUserAgent);
    out.server_name = String(kUrlDomain);
  } else if (!String(kServerName).empty()) {
    out.kind = ObservationKind::kTls;
    out.server_name = String(kServerName);
  }
  if (out.kind != ObservationKind::kOther) ReadEvidence(out);
}

void ObservationReader::ReadFlow(Observation& out) {
  out.kind = ObservationKind::kFlow;
  out.bytes_out = static_cast<uint64_t>(std::max<int64_t>(Int(kSourceBytes).value_or(0), 0));
  out.bytes_in = static_cast<uint64_t>(std::max<int64_t>(Int(kDestinationBytes).value_or(0), 0));
  if (found_[kFlowState]) {
    out.failed_connection = IsFailedState(String(kFlowState), Int(kRespPayload).value_or(0));
  }
}

void ObservationReader::ReadAuth(Observation& out) {
  out.kind = ObservationKind::kAuth;
  const std::string_view outcome = String(kOutcome);
  // For one guess sshd may write "Invalid user", a PAM failure, "Failed password" and, at the
  // end of the connection, "maximum authentication attempts exceeded"; only "Failed password"
  // (ssh_login) counts, so one guess is one failure.
  const std::string_view action = String(kAction);
  if (action == "ssh_pam_auth_failure" || action == "ssh_invalid_user" ||
      action == "ssh_max_auth_exceeded") {
    return;
  }
  if (outcome == "failure") out.auth = AuthOutcome::kFailure;
  if (outcome == "success") out.auth = AuthOutcome::kSuccess;
  out.user = String(kUserName);
}

void ObservationReader::ReadDns(Observation& out) {
  out.kind = ObservationKind::kDns;
  out.dns_name = String(kDnsName);
  out.dns_type = String(kDnsType);
  out.dns_registered = String(kDnsRegistered);
  const std::string_view type = String(kDnsMessageType);
  out.dns_query = type.empty() || type == "query";
  out.dns_nxdomain = String(kDnsRcode) == "NXDOMAIN";
}

void ObservationReader::ReadEvidence(Observation& out) {
  Evidence& e = out.evidence;
  if (const std::string_view path = String(kFilePath); !path.empty()) e.path = paths_.Intern(path);
  if (std::optional<int64_t> offset = Int(kLogOffset); offset && *offset >= 0) {
    e.type = Evidence::Type::kLogOffset;
    e.number = static_cast<uint64_t>(*offset);
    return;
  }
  if (out.kind == ObservationKind::kFlow) {
    const std::string_view id = String(kCommunityId);
    if (!id.empty() && id.size() <= e.community_id.size()) {
      e.type = Evidence::Type::kCommunityId;
      e.id_size = static_cast<uint8_t>(id.size());
      std::copy(id.begin(), id.end(), e.community_id.begin());
      return;
    }
  }
  if (std::optional<int64_t> n = Int(out.kind == ObservationKind::kFlow ? kFirstFrame : kFrame);
      n && *n > 0) {
    e.type = Evidence::Type::kPcapFrame;
    e.number = static_cast<uint64_t>(*n);
  }
}

}  // namespace seckit::anomaly_detect
