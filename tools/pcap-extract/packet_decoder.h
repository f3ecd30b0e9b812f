// Decoding a captured frame, link layer to transport layer, into a DecodedPacket.
#ifndef SECKIT_PCAP_EXTRACT_PACKET_DECODER_H_
#define SECKIT_PCAP_EXTRACT_PACKET_DECODER_H_

#include <cstdint>
#include <span>

#include "packet.h"

namespace seckit::pcap_extract {

// The link types pcap-extract decodes (pcap_datalink() values).
bool IsSupportedLinkType(int dlt);

// Decodes `frame` (as captured; `packet` already has frame, time, caplen and wire_len) of link
// type `dlt`. Never reads outside `frame`; decodes as far as the bytes go and records in
// packet.damage where and why it stopped early. Other fields are reset first.
void DecodeFrame(int dlt, std::span<const uint8_t> frame, DecodedPacket& packet);

// Decodes an IPv4 or IPv6 datagram starting at `data` (used by DecodeFrame for every link type).
void DecodeIp(std::span<const uint8_t> data, DecodedPacket& packet);

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_PACKET_DECODER_H_
