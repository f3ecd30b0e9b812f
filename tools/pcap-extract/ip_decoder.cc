// Network and transport decoding: IPv4 (options, fragments), IPv6 (extension header chain),
// then TCP, UDP, ICMP and ICMPv6 headers.
#include <algorithm>
#include <cstring>

#include "bytes.h"
#include "packet_decoder.h"

namespace seckit::pcap_extract {
namespace {

constexpr int kMaxExtensionHeaders = 16;  // bounds work on hostile chains

void DecodeTcp(std::span<const uint8_t> data, uint32_t wire_len, DecodedPacket& packet) {
  if (data.size() < 4) {
    packet.damage = Damage::kTruncatedTransport;
    return;
  }
  packet.has_ports = true;
  packet.src_port = Be16(&data[0]);
  packet.dst_port = Be16(&data[2]);
  if (data.size() < 14) {
    packet.damage = Damage::kTruncatedTransport;
    return;
  }
  packet.tcp_seq = Be32(&data[4]);
  packet.tcp_ack = Be32(&data[8]);
  packet.has_tcp_flags = true;
  packet.tcp_flags = data[13];
  size_t header_len = static_cast<size_t>(data[12] >> 4) * 4;
  if (header_len < 20) {
    packet.damage = Damage::kBogusTransport;
    return;
  }
  if (data.size() < header_len) {
    packet.damage = Damage::kTruncatedTransport;
    return;
  }
  packet.payload = data.subspan(header_len);
  packet.payload_wire_len = wire_len > header_len ? wire_len - static_cast<uint32_t>(header_len) : 0;
}

void DecodeUdp(std::span<const uint8_t> data, uint32_t wire_len, DecodedPacket& packet) {
  if (data.size() < 4) {
    packet.damage = Damage::kTruncatedTransport;
    return;
  }
  packet.has_ports = true;
  packet.src_port = Be16(&data[0]);
  packet.dst_port = Be16(&data[2]);
  if (data.size() < 8) {
    packet.damage = Damage::kTruncatedTransport;
    return;
  }
  uint16_t length = Be16(&data[4]);
  if (length < 8 && wire_len <= 0xFFFF) {  // 0 is legal only for IPv6 jumbograms
    packet.damage = Damage::kBogusTransport;
    return;
  }
  size_t end = std::min<size_t>(data.size(), length >= 8 ? length : data.size());
  packet.payload = data.subspan(8, end - 8);
  packet.payload_wire_len = (length >= 8 ? length : wire_len) - 8u;
}

void DecodeTransport(std::span<const uint8_t> data, uint32_t wire_len, DecodedPacket& packet) {
  switch (packet.ip_proto) {
    case kProtoTcp:
      DecodeTcp(data, wire_len, packet);
      return;
    case kProtoUdp:
      DecodeUdp(data, wire_len, packet);
      return;
    case kProtoIcmp:
    case kProtoIcmpv6:
      if (data.size() < 2) {
        packet.damage = Damage::kTruncatedTransport;
        return;
      }
      packet.has_icmp = true;
      packet.icmp_type = data[0];
      packet.icmp_code = data[1];
      packet.payload = data.size() > 8 ? data.subspan(8) : std::span<const uint8_t>();
      packet.payload_wire_len = wire_len > 8 ? wire_len - 8 : 0;
      return;
    default:
      packet.payload = data;
      packet.payload_wire_len = wire_len;
      return;
  }
}

void DecodeIpv4(std::span<const uint8_t> data, DecodedPacket& packet) {
  if (data.size() < 20) {
    packet.damage = Damage::kTruncatedNetwork;
    return;
  }
  size_t header_len = static_cast<size_t>(data[0] & 0x0F) * 4;
  uint16_t total_len = Be16(&data[2]);
  // TSO-captured datagrams can carry total length 0; then trust what was captured.
  size_t datagram_len = total_len == 0 ? data.size() : total_len;
  if (header_len < 20 || datagram_len < header_len) {
    packet.damage = Damage::kBogusNetwork;  // tshark shows no addresses for these either
    return;
  }
  packet.network = NetworkType::kIpv4;
  packet.addr_len = 4;
  std::memcpy(packet.src_addr, &data[12], 4);
  std::memcpy(packet.dst_addr, &data[16], 4);
  packet.ttl = data[8];
  packet.ip_proto = data[9];
  uint16_t fragment_field = Be16(&data[6]);
  bool more_fragments = (fragment_field & 0x2000) != 0;
  uint16_t fragment_offset = fragment_field & 0x1FFF;
  packet.fragment = more_fragments || fragment_offset != 0;
  packet.later_fragment = fragment_offset != 0;
  if (data.size() < header_len) {
    packet.damage = Damage::kTruncatedNetwork;
    return;
  }
  packet.ip_header_len = static_cast<uint16_t>(header_len);
  // Ethernet pads short frames; the datagram ends where its total length says.
  std::span<const uint8_t> datagram = data.first(std::min(data.size(), datagram_len));
  packet.ip_datagram = datagram;
  if (packet.later_fragment) {
    packet.payload = datagram.subspan(header_len);
    packet.payload_wire_len = static_cast<uint32_t>(datagram_len - header_len);
    return;
  }
  DecodeTransport(datagram.subspan(header_len), static_cast<uint32_t>(datagram_len - header_len),
                  packet);
}

void DecodeIpv6(std::span<const uint8_t> data, DecodedPacket& packet) {
  if (data.size() < 40) {
    packet.damage = Damage::kTruncatedNetwork;
    return;
  }
  packet.network = NetworkType::kIpv6;
  packet.addr_len = 16;
  std::memcpy(packet.src_addr, &data[8], 16);
  std::memcpy(packet.dst_addr, &data[24], 16);
  packet.ttl = data[7];
  uint16_t payload_len = Be16(&data[4]);
  size_t datagram_len = payload_len == 0 ? data.size() : 40 + size_t{payload_len};
  std::span<const uint8_t> datagram = data.first(std::min(data.size(), datagram_len));
  packet.ip_datagram = datagram;
  uint8_t next = data[6];
  size_t offset = 40;
  for (int i = 0; i < kMaxExtensionHeaders; ++i) {
    size_t ext_len = 0;
    if (next == 0 || next == 43 || next == 60 || next == 135) {  // hop-by-hop, routing, dst, mobility
      if (datagram.size() < offset + 2) break;
      ext_len = (size_t{datagram[offset + 1]} + 1) * 8;
    } else if (next == 44) {  // fragment
      if (datagram.size() < offset + 8) break;
      ext_len = 8;
      uint16_t field = Be16(&datagram[offset + 2]);
      packet.fragment = true;
      packet.later_fragment = (field >> 3) != 0;
    } else if (next == 51) {  // authentication header
      if (datagram.size() < offset + 2) break;
      ext_len = (size_t{datagram[offset + 1]} + 2) * 4;
    } else {
      packet.ip_proto = next;
      packet.ip_header_len = static_cast<uint16_t>(offset);
      uint32_t wire = datagram_len > offset ? static_cast<uint32_t>(datagram_len - offset) : 0;
      if (packet.later_fragment || next == 59) {  // 59: no next header
        packet.payload = datagram.subspan(std::min(offset, datagram.size()));
        packet.payload_wire_len = wire;
        return;
      }
      DecodeTransport(datagram.subspan(std::min(offset, datagram.size())), wire, packet);
      return;
    }
    if (datagram.size() < offset + ext_len) break;
    next = datagram[offset];
    offset += ext_len;
  }
  packet.damage = Damage::kTruncatedNetwork;  // chain cut short, or absurdly long
}

}  // namespace

void DecodeIp(std::span<const uint8_t> data, DecodedPacket& packet) {
  if (data.empty()) {
    packet.damage = Damage::kTruncatedNetwork;
    return;
  }
  uint8_t version = data[0] >> 4;
  if (version == 4) {
    DecodeIpv4(data, packet);
  } else if (version == 6) {
    DecodeIpv6(data, packet);
  }
}

}  // namespace seckit::pcap_extract
