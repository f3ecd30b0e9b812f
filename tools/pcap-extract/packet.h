// DecodedPacket: what pcap-extract knows about one frame after link, network and transport
// decoding — plain data, no allocation, filled in place for every frame.
#ifndef SECKIT_PCAP_EXTRACT_PACKET_H_
#define SECKIT_PCAP_EXTRACT_PACKET_H_

#include <cstdint>
#include <span>

namespace seckit::pcap_extract {

enum class NetworkType : uint8_t { kNone, kIpv4, kIpv6, kArp };

// Transport protocol numbers we decode (IANA).
constexpr uint8_t kProtoIcmp = 1;
constexpr uint8_t kProtoTcp = 6;
constexpr uint8_t kProtoUdp = 17;
constexpr uint8_t kProtoIcmpv6 = 58;

// TCP flag bits as in the header's flags byte.
constexpr uint8_t kTcpFin = 0x01, kTcpSyn = 0x02, kTcpRst = 0x04, kTcpPsh = 0x08,
                  kTcpAck = 0x10, kTcpUrg = 0x20, kTcpEce = 0x40, kTcpCwr = 0x80;

// Where decoding stopped short, and why; kNone when the frame decoded as far as it goes.
enum class Damage : uint8_t {
  kNone,
  kTruncatedLink,       // frame shorter than its link-layer header
  kTruncatedNetwork,    // cut inside the IPv4/IPv6/ARP header or an IPv6 extension header
  kTruncatedTransport,  // cut inside the TCP/UDP/ICMP header (TCP options included)
  kBogusNetwork,        // IPv4 header length or total length impossible
  kBogusTransport,      // TCP data offset < 20, UDP length < 8
};

struct DecodedPacket {
  uint64_t frame = 0;     // 1-based, as tshark's frame.number
  int64_t time_ns = 0;    // capture time, ns since the epoch
  uint32_t caplen = 0;    // bytes captured
  uint32_t wire_len = 0;  // bytes on the wire

  // Link layer.
  bool has_macs = false;
  uint8_t src_mac[6] = {}, dst_mac[6] = {};
  uint8_t vlan_count = 0;
  uint16_t vlan_ids[2] = {};  // outer first
  uint16_t ethertype = 0;     // of the network layer, after VLAN/MPLS

  // Network layer. Addresses are raw network-order bytes: 4 for IPv4, 16 for IPv6.
  NetworkType network = NetworkType::kNone;
  uint8_t addr_len = 0;
  uint8_t src_addr[16] = {}, dst_addr[16] = {};
  uint8_t ip_proto = 0;  // transport protocol (after IPv6 extension headers)
  uint8_t ttl = 0;       // IPv4 TTL or IPv6 hop limit
  bool fragment = false;        // part of a fragmented datagram
  bool later_fragment = false;  // not the first fragment: holds no transport header
  uint16_t arp_op = 0;

  // Transport layer.
  bool has_ports = false;
  uint16_t src_port = 0, dst_port = 0;
  bool has_tcp_flags = false;
  uint8_t tcp_flags = 0;
  uint32_t tcp_seq = 0, tcp_ack = 0;
  bool has_icmp = false;
  uint8_t icmp_type = 0, icmp_code = 0;

  // Transport payload as captured (may be shorter than payload_wire_len after snaplen).
  std::span<const uint8_t> payload;
  uint32_t payload_wire_len = 0;
  // Span of the IP datagram as captured, for checksums.
  std::span<const uint8_t> ip_datagram;
  uint16_t ip_header_len = 0;

  bool truncated = false;  // caplen < wire_len
  Damage damage = Damage::kNone;
};

// Human words for a damage kind, for messages: "truncated inside the TCP header".
const char* DamageText(Damage damage);

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_PACKET_H_
