// Internet checksums (RFC 1071) of IPv4 headers and TCP/UDP segments with their pseudo-headers.
#ifndef SECKIT_PCAP_EXTRACT_CHECKSUM_H_
#define SECKIT_PCAP_EXTRACT_CHECKSUM_H_

#include "packet.h"

namespace seckit::pcap_extract {

enum class ChecksumResult { kGood, kBad, kUnknown };

// Verifies the IPv4 header checksum and the TCP or UDP checksum of `packet`. kUnknown when the
// datagram is not complete (snaplen, fragments) or the protocol has no checksum we check; a UDP
// checksum of zero over IPv4 means "none" and counts as good.
ChecksumResult VerifyChecksums(const DecodedPacket& packet);

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_CHECKSUM_H_
