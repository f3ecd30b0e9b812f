// Link-layer decoding: Ethernet (802.1Q/802.1ad VLANs, MPLS), Linux cooked SLL/SLL2, raw IP,
// BSD loopback; the network layer is handed to DecodeIp.
#include <pcap/dlt.h>

#include <cstring>

#include "bytes.h"
#include "packet_decoder.h"

namespace seckit::pcap_extract {
namespace {

constexpr uint16_t kEtherIpv4 = 0x0800, kEtherArp = 0x0806, kEtherIpv6 = 0x86DD,
                   kEtherVlan = 0x8100, kEtherQinQ = 0x88A8, kEtherQinQOld = 0x9100,
                   kEtherMpls = 0x8847, kEtherMplsMulticast = 0x8848;

// Address families seen in DLT_NULL/DLT_LOOP headers on the systems that write them.
bool IsInet6Family(uint32_t family) {
  return family == 10 || family == 24 || family == 28 || family == 30;
}

void DecodeArp(std::span<const uint8_t> data, DecodedPacket& packet) {
  packet.network = NetworkType::kArp;
  if (data.size() < 8) {
    packet.damage = Damage::kTruncatedNetwork;
    return;
  }
  uint16_t protocol = Be16(&data[2]);
  uint8_t hlen = data[4], plen = data[5];
  packet.arp_op = Be16(&data[6]);
  size_t need = 8 + 2 * static_cast<size_t>(hlen) + 2 * static_cast<size_t>(plen);
  if (data.size() < need) {
    packet.damage = Damage::kTruncatedNetwork;
    return;
  }
  if (protocol == kEtherIpv4 && plen == 4) {
    packet.addr_len = 4;
    std::memcpy(packet.src_addr, &data[8 + hlen], 4);
    std::memcpy(packet.dst_addr, &data[8 + 2 * hlen + 4], 4);
  }
}

// Decodes what follows an ethertype: VLAN tags, MPLS labels, then IPv4/IPv6/ARP.
void DecodeEthertype(uint16_t type, std::span<const uint8_t> data, DecodedPacket& packet) {
  while (type == kEtherVlan || type == kEtherQinQ || type == kEtherQinQOld) {
    if (data.size() < 4) {
      packet.damage = Damage::kTruncatedLink;
      return;
    }
    if (packet.vlan_count < 2) packet.vlan_ids[packet.vlan_count++] = Be16(&data[0]) & 0x0FFF;
    type = Be16(&data[2]);
    data = data.subspan(4);
  }
  if (type == kEtherMpls || type == kEtherMplsMulticast) {
    for (;;) {  // label stack entries until the bottom-of-stack bit
      if (data.size() < 4) {
        packet.damage = Damage::kTruncatedLink;
        return;
      }
      bool bottom = (data[2] & 0x01) != 0;
      data = data.subspan(4);
      if (bottom) break;
    }
    // No type field after MPLS: IP is recognised by its version nibble.
    if (data.empty()) return;
    uint8_t version = data[0] >> 4;
    type = version == 4 ? kEtherIpv4 : version == 6 ? kEtherIpv6 : 0;
  }
  packet.ethertype = type;
  if (type == kEtherIpv4 || type == kEtherIpv6) {
    DecodeIp(data, packet);
  } else if (type == kEtherArp) {
    DecodeArp(data, packet);
  }
}

void DecodeEthernet(std::span<const uint8_t> frame, DecodedPacket& packet) {
  if (frame.size() < 14) {
    packet.damage = Damage::kTruncatedLink;
    return;
  }
  packet.has_macs = true;
  std::memcpy(packet.dst_mac, &frame[0], 6);
  std::memcpy(packet.src_mac, &frame[6], 6);
  uint16_t type = Be16(&frame[12]);
  if (type <= 1500) return;  // an 802.3 length: LLC follows, not an ethertype
  DecodeEthertype(type, frame.subspan(14), packet);
}

void DecodeLoopback(int dlt, std::span<const uint8_t> frame, DecodedPacket& packet) {
  if (frame.size() < 4) {
    packet.damage = Damage::kTruncatedLink;
    return;
  }
  // DLT_NULL stores the family in the writer's byte order, DLT_LOOP in network order.
  uint32_t big = Be32(&frame[0]);
  uint32_t little = uint32_t{frame[0]} | (uint32_t{frame[1]} << 8) | (uint32_t{frame[2]} << 16) |
                    (uint32_t{frame[3]} << 24);
  uint32_t family = dlt == DLT_LOOP ? big : (big < 256 ? big : little);
  if (family == 2 || IsInet6Family(family)) DecodeIp(frame.subspan(4), packet);
}

}  // namespace

bool IsSupportedLinkType(int dlt) {
  switch (dlt) {
    case DLT_EN10MB:
    case DLT_LINUX_SLL:
    case DLT_LINUX_SLL2:
    case DLT_RAW:
    case DLT_IPV4:
    case DLT_IPV6:
    case DLT_NULL:
    case DLT_LOOP:
      return true;
    default:
      return false;
  }
}

void DecodeFrame(int dlt, std::span<const uint8_t> frame, DecodedPacket& packet) {
  // Cleared by copying a blank packet, which compiles to a few vector moves; building a fresh
  // one on the stack first compiled to `rep stos`, slow to start, then a copy that waited for
  // its stores: together about half of the decoding time of a frame.
  static constexpr DecodedPacket kBlank{};
  const uint64_t number = packet.frame;
  const int64_t time_ns = packet.time_ns;
  const uint32_t caplen = packet.caplen, wire_len = packet.wire_len;
  packet = kBlank;
  packet.frame = number;
  packet.time_ns = time_ns;
  packet.caplen = caplen;
  packet.wire_len = wire_len;
  packet.truncated = caplen < wire_len;
  switch (dlt) {
    case DLT_EN10MB:
      DecodeEthernet(frame, packet);
      break;
    case DLT_LINUX_SLL:
      if (frame.size() < 16) {
        packet.damage = Damage::kTruncatedLink;
      } else {
        DecodeEthertype(Be16(&frame[14]), frame.subspan(16), packet);
      }
      break;
    case DLT_LINUX_SLL2:
      if (frame.size() < 20) {
        packet.damage = Damage::kTruncatedLink;
      } else {
        DecodeEthertype(Be16(&frame[0]), frame.subspan(20), packet);
      }
      break;
    case DLT_RAW:
    case DLT_IPV4:
    case DLT_IPV6:
      DecodeIp(frame, packet);
      break;
    case DLT_NULL:
    case DLT_LOOP:
      DecodeLoopback(dlt, frame, packet);
      break;
    default:
      break;
  }
}

const char* DamageText(Damage damage) {
  switch (damage) {
    case Damage::kNone: return "intact";
    case Damage::kTruncatedLink: return "frame cut short inside the link-layer header";
    case Damage::kTruncatedNetwork: return "frame cut short inside the IP/ARP header";
    case Damage::kTruncatedTransport: return "frame cut short inside the transport header";
    case Damage::kBogusNetwork: return "impossible IPv4 header or total length";
    case Damage::kBogusTransport: return "impossible TCP data offset or UDP length";
  }
  return "damaged";
}

}  // namespace seckit::pcap_extract
