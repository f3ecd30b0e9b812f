// Packet and flow records, and the network context every pcap-extract record shares.
#include "record_writer.h"

#include <cstring>

#include "bytes.h"
#include "seckit/community_id.h"
#include "seckit/ip.h"
#include "seckit/time.h"

namespace seckit::pcap_extract {
namespace {

void AppendMac(std::string& out, const uint8_t* mac) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int i = 0; i < 6; ++i) {
    if (i > 0) out.push_back('-');
    out.push_back(kHex[mac[i] >> 4]);
    out.push_back(kHex[mac[i] & 15]);
  }
}

void WriteTcpFlags(JsonWriter& w, uint8_t flags) {
  static constexpr const char* kNames[8] = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
  w.BeginArray("flags"_key);
  for (int bit = 0; bit < 8; ++bit) {
    if (flags & (1u << bit)) w.String(kNames[bit]);
  }
  w.EndArray();
}

FlowTuple TupleOf(const uint8_t* src, const uint8_t* dst, uint8_t len, uint8_t proto,
                  uint16_t sport, uint16_t dport, bool has_ports) {
  FlowTuple tuple;
  tuple.proto = proto;
  tuple.src_addr = std::span<const uint8_t>(src, len);
  tuple.dst_addr = std::span<const uint8_t>(dst, len);
  tuple.src_port = sport;
  tuple.dst_port = dport;
  tuple.has_ports = has_ports;
  return tuple;
}

}  // namespace

FlowTuple CommunityTuple(const uint8_t* src, const uint8_t* dst, uint8_t len, uint8_t proto,
                         uint16_t sport, uint16_t dport, bool has_ports, bool is_icmp,
                         uint8_t icmp_type, uint8_t icmp_code) {
  if (is_icmp) {
    FlowTuple tuple = IcmpTuple(proto == kProtoIcmpv6, icmp_type, icmp_code);
    tuple.src_addr = std::span<const uint8_t>(src, len);
    tuple.dst_addr = std::span<const uint8_t>(dst, len);
    return tuple;
  }
  return TupleOf(src, dst, len, proto, sport, dport, has_ports);
}

const char* TransportName(uint8_t proto) {
  switch (proto) {
    case 1:
      return "icmp";
    case 2:
      return "igmp";
    case 6:
      return "tcp";
    case 17:
      return "udp";
    case 41:
      return "ipv6";
    case 46:
      return "rsvp";
    case 47:
      return "gre";
    case 50:
      return "esp";
    case 51:
      return "ah";
    case 58:
      return "ipv6-icmp";
    case 89:
      return "ospf";
    case 103:
      return "pim";
    case 112:
      return "vrrp";
    case 132:
      return "sctp";
    default:
      return nullptr;
  }
}

void AppendCaptureTime(std::string& out, int64_t time_ns) {
  AppendRfc3339(out, time_ns, time_ns % 1000 == 0 ? 6 : 9);
}

void CaptureTimeFormatter::Append(std::string& out, int64_t time_ns) {
  char text[kMaxRfc3339Size];
  out.append(text, static_cast<size_t>(Write(text, time_ns) - text));
}

char* CaptureTimeFormatter::Write(char* out, int64_t time_ns) {
  // The whole second and the nanoseconds into it, rounded towards the past for times before
  // 1970 as FormatRfc3339To does (and without computing second * 10^9, which can overflow).
  int64_t second = time_ns / kNsPerSecond;
  int64_t nanoseconds = time_ns % kNsPerSecond;
  if (nanoseconds < 0) {
    nanoseconds += kNsPerSecond;
    --second;
  }
  if (second != second_) {
    char text[kMaxRfc3339Size];
    size_t len = FormatRfc3339To(time_ns, 0, text);  // "YYYY-MM-DDTHH:MM:SSZ"
    prefix_len_ = len - 1;
    std::memcpy(prefix_, text, prefix_len_);
    second_ = second;
  }
  std::memcpy(out, prefix_, prefix_len_);
  out += prefix_len_;
  // The fraction as AppendCaptureTime writes it: 6 digits, or 9 with sub-microsecond digits.
  int digits = time_ns % 1000 == 0 ? 6 : 9;
  int64_t fraction = digits == 6 ? nanoseconds / 1000 : nanoseconds;
  out[0] = '.';
  for (int i = digits; i >= 1; --i) {
    out[i] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  out[digits + 1] = 'Z';
  return out + digits + 2;
}

const std::string& CommunityIdCache::For(const DecodedPacket& packet) {
  FlowKey key;
  bool sender_is_lo = false;
  if (!FlowTable::KeyFor(packet, key, sender_is_lo)) return empty_;
  Entry& entry = entries_[FlowKeyHash()(key) % entries_.size()];
  if (!entry.used || !(entry.key == key)) {
    bool is_icmp = packet.has_icmp && !packet.has_ports;
    entry.id = CommunityId(CommunityTuple(
        packet.src_addr, packet.dst_addr, packet.addr_len, packet.ip_proto, packet.src_port,
        packet.dst_port, packet.has_ports, is_icmp, packet.icmp_type, packet.icmp_code));
    entry.key = key;
    entry.used = true;
  }
  return entry.id;
}

void RecordWriter::set_file_path(std::string_view path) {
  file_path_json_.clear();
  flow_log_json_.clear();
  if (path.empty()) return;
  AppendJsonString(file_path_json_, path);
  flow_log_json_ = R"(,"log":{"file":{"path":)" + file_path_json_ + "}}";
}

void RecordWriter::QuoteTime(CaptureTimeFormatter& times, int64_t time_ns) {
  scratch_.assign(1, '"');
  times.Append(scratch_, time_ns);
  scratch_.push_back('"');
}

void RecordWriter::Begin(int64_t time_ns, const char* dataset, const char* event_type,
                         int64_t end_ns) {
  w_.BeginRecord();
  QuoteTime(start_times_, time_ns);
  w_.Key("@timestamp"_key);
  w_.RawJson(scratch_);
  w_.BeginObject("event"_key);
  w_.Field("kind"_key, "event");
  w_.Field("module"_key, "pcap");
  w_.Field("dataset"_key, dataset);
  w_.BeginArray("category"_key);
  w_.String("network");
  w_.EndArray();
  w_.BeginArray("type"_key);
  w_.String(event_type);
  w_.EndArray();
  if (end_ns >= 0) {
    w_.Key("start"_key);
    w_.RawJson(scratch_);
    QuoteTime(end_times_, end_ns);
    w_.Key("end"_key);
    w_.RawJson(scratch_);
    w_.Field("duration"_key, end_ns - time_ns);  // ECS: nanoseconds
  }
  w_.EndObject();
  if (!file_path_json_.empty()) {
    w_.BeginObject("log"_key);
    w_.BeginObject("file"_key);
    w_.Key("path"_key);
    w_.RawJson(file_path_json_);
    w_.EndObject();
    w_.EndObject();
  }
}

// cppcheck-suppress passedByValue ; JsonKey is one string_view, cheaper by value
void RecordWriter::Address(JsonKey key, const uint8_t* bytes, uint8_t len) {
  // Digits, hex, dots and colons: quoted here and written as raw JSON, like the times.
  scratch_.assign(1, '"');
  if (len == 4) {
    IpAddress::V4(Be32(bytes)).AppendTo(scratch_);
  } else {
    IpAddress::V6(std::span<const uint8_t, 16>(bytes, 16)).AppendTo(scratch_);
  }
  scratch_.push_back('"');
  w_.Key(key);
  w_.RawJson(scratch_);
}

void RecordWriter::PacketContext(const DecodedPacket& p, bool with_macs) {
  bool has_ip = p.addr_len != 0;
  for (int side = 0; side < 2; ++side) {
    bool has_mac = with_macs && p.has_macs;
    if (!has_ip && !has_mac) continue;
    w_.BeginObject(side == 0 ? "source"_key : "destination"_key);
    if (has_ip) Address("ip"_key, side == 0 ? p.src_addr : p.dst_addr, p.addr_len);
    if (p.has_ports) w_.Field("port"_key, side == 0 ? p.src_port : p.dst_port);
    if (has_mac) {
      scratch_.clear();
      AppendMac(scratch_, side == 0 ? p.src_mac : p.dst_mac);
      w_.Field("mac"_key, scratch_);
    }
    w_.EndObject();
  }
  w_.BeginObject("network"_key);
  if (p.network == NetworkType::kIpv4) w_.Field("type"_key, "ipv4");
  if (p.network == NetworkType::kIpv6) w_.Field("type"_key, "ipv6");
  if (p.network == NetworkType::kArp) w_.Field("type"_key, "arp");
  if (p.network == NetworkType::kIpv4 || p.network == NetworkType::kIpv6) {
    if (const char* name = TransportName(p.ip_proto)) w_.Field("transport"_key, name);
    scratch_ = std::to_string(p.ip_proto);
    w_.Field("iana_number"_key, scratch_);
    const std::string& community_id = community_ids_.For(p);
    if (!community_id.empty()) w_.Field("community_id"_key, community_id);
  }
  w_.Field("bytes"_key, p.wire_len);
  if (p.vlan_count > 0) {
    w_.BeginObject("vlan"_key);
    w_.Field("id"_key, std::to_string(p.vlan_ids[0]));
    w_.EndObject();
  }
  if (p.vlan_count > 1) {
    w_.BeginObject("inner"_key);
    w_.BeginObject("vlan"_key);
    w_.Field("id"_key, std::to_string(p.vlan_ids[1]));
    w_.EndObject();
    w_.EndObject();
  }
  w_.EndObject();
}

void RecordWriter::Packet(const DecodedPacket& p) {
  Begin(p.time_ns, "pcap.packet", "info");
  PacketContext(p, true);
  if (p.has_tcp_flags) {
    w_.BeginObject("tcp"_key);
    WriteTcpFlags(w_, p.tcp_flags);
    w_.Field("seq"_key, p.tcp_seq);
    if (p.tcp_flags & kTcpAck) w_.Field("ack"_key, p.tcp_ack);
    w_.EndObject();
  }
  if (p.has_icmp) {
    w_.BeginObject("icmp"_key);
    w_.Field("type"_key, p.icmp_type);
    w_.Field("code"_key, p.icmp_code);
    w_.EndObject();
  }
  if (p.network == NetworkType::kArp && p.arp_op != 0) {
    w_.BeginObject("arp"_key);
    w_.Field("operation"_key, p.arp_op == 1 ? "request" : p.arp_op == 2 ? "reply" : "other");
    w_.EndObject();
  }
  w_.BeginObject("pcap"_key);
  w_.Field("frame"_key, p.frame);
  w_.Field("caplen"_key, p.caplen);
  if (p.truncated) w_.Field("truncated"_key, true);
  if (p.fragment) w_.Field("fragment"_key, true);
  if (p.damage != Damage::kNone) w_.Field("damage"_key, DamageText(p.damage));
  w_.EndObject();
  w_.EndRecord();
}

}  // namespace seckit::pcap_extract
