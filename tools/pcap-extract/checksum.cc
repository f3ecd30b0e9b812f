// One's-complement sums over packet bytes, with the IPv4/IPv6 pseudo-headers.
#include "checksum.h"

#include "bytes.h"

namespace seckit::pcap_extract {
namespace {

uint64_t Sum(std::span<const uint8_t> data, uint64_t sum) {
  size_t i = 0;
  for (; i + 1 < data.size(); i += 2) sum += Be16(&data[i]);
  if (i < data.size()) sum += uint32_t{data[i]} << 8;
  return sum;
}

uint16_t Fold(uint64_t sum) {
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<uint16_t>(sum);
}

}  // namespace

ChecksumResult VerifyChecksums(const DecodedPacket& p) {
  if (p.truncated || p.fragment || p.ip_datagram.empty() || p.damage != Damage::kNone) {
    return ChecksumResult::kUnknown;
  }
  if (p.ip_proto != kProtoTcp && p.ip_proto != kProtoUdp) return ChecksumResult::kUnknown;
  std::span<const uint8_t> segment = p.ip_datagram.subspan(p.ip_header_len);
  if (p.network == NetworkType::kIpv4) {
    if (Fold(Sum(p.ip_datagram.first(p.ip_header_len), 0)) != 0xFFFF) return ChecksumResult::kBad;
    if (p.ip_proto == kProtoUdp && segment.size() >= 8 && Be16(&segment[6]) == 0) {
      return ChecksumResult::kGood;  // sender computed no UDP checksum
    }
  }
  if (p.ip_proto == kProtoUdp && segment.size() >= 8) {
    segment = segment.first(std::min<size_t>(segment.size(), Be16(&segment[4])));
  }
  uint64_t sum = 0;
  sum = Sum(std::span<const uint8_t>(p.src_addr, p.addr_len), sum);
  sum = Sum(std::span<const uint8_t>(p.dst_addr, p.addr_len), sum);
  sum += p.ip_proto;
  sum += segment.size();
  sum = Sum(segment, sum);
  return Fold(sum) == 0xFFFF ? ChecksumResult::kGood : ChecksumResult::kBad;
}

}  // namespace seckit::pcap_extract
