// Community ID v1 (corelight/community-id-spec): a flow identifier that Zeek, Suricata, Elastic,
// Wireshark and seckit compute alike, so flow records from any of them line up.
#ifndef SECKIT_COMMUNITY_ID_H_
#define SECKIT_COMMUNITY_ID_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace seckit {

struct FlowTuple {
  uint8_t proto = 0;                   // IANA protocol number
  std::span<const uint8_t> src_addr;   // 4 or 16 bytes, network order
  std::span<const uint8_t> dst_addr;   // same length as src_addr
  uint16_t src_port = 0;               // TCP/UDP/SCTP port; for ICMP use IcmpPorts()
  uint16_t dst_port = 0;
  bool one_way = false;                // ICMP message with no counterpart type: never reordered
  bool has_ports = true;               // false for protocols without ports (hashed without them)
};

// The ports ICMP contributes (Zeek's mapping, as the spec requires): the type, and the
// counterpart type for request/reply pairs (echo, timestamp, information, router and address-mask
// for ICMPv4; echo, MLD, router, neighbor, node information and home-agent discovery for ICMPv6),
// else the code, which makes the message one-way.
FlowTuple IcmpTuple(bool v6, uint8_t type, uint8_t code);

// "1:" + base64(SHA-1(seed . ordered tuple)). Returns "" when the addresses are not 4 or 16 bytes
// long or differ in length.
std::string CommunityId(const FlowTuple& tuple, uint16_t seed = 0);

// The same text written to `out` (no allocation): kCommunityIdSize bytes, or 0 when there is no
// ID (addresses as above).
inline constexpr size_t kCommunityIdSize = 30;  // "1:" + 28 characters of base64
size_t CommunityIdTo(const FlowTuple& tuple, char* out, uint16_t seed = 0);

}  // namespace seckit

#endif  // SECKIT_COMMUNITY_ID_H_
