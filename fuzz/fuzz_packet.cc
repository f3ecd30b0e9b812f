// Fuzzes frame decoding, link layer to transport: the first input byte picks one of the link
// types pcap-extract supports, the rest is the captured frame.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "fuzz_check.h"
#include "packet.h"
#include "packet_decoder.h"

namespace seckit::pcap_extract {
namespace {

// The supported DLT values, asked of the decoder itself so a new link type is fuzzed without
// editing this file. Assigned DLT numbers are below 300 (LINKTYPE_* in pcap/dlt.h).
const std::vector<int>& LinkTypes() {
  static const std::vector<int> types = [] {
    std::vector<int> found;
    for (int dlt = 0; dlt < 1024; ++dlt) {
      if (IsSupportedLinkType(dlt)) found.push_back(dlt);
    }
    return found;
  }();
  return types;
}

bool Within(std::span<const uint8_t> part, std::span<const uint8_t> frame) {
  if (part.empty()) return true;
  std::less_equal<const uint8_t*> le;
  return le(frame.data(), part.data()) &&
         le(part.data() + part.size(), frame.data() + frame.size());
}

void CheckPacket(const DecodedPacket& packet, std::span<const uint8_t> frame) {
  SECKIT_FUZZ_CHECK(Within(packet.payload, frame));
  SECKIT_FUZZ_CHECK(Within(packet.ip_datagram, frame));
  SECKIT_FUZZ_CHECK(packet.ip_header_len <= packet.ip_datagram.size());
  SECKIT_FUZZ_CHECK(packet.addr_len == 0 || packet.addr_len == 4 || packet.addr_len == 16);
  SECKIT_FUZZ_CHECK(packet.vlan_count <= 2);
  SECKIT_FUZZ_CHECK(packet.truncated == (packet.caplen < packet.wire_len));
  (void)DamageText(packet.damage);
}

}  // namespace
}  // namespace seckit::pcap_extract

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit::pcap_extract;
  const std::vector<int>& types = LinkTypes();
  SECKIT_FUZZ_CHECK(!types.empty());
  if (size == 0) return 0;
  const int dlt = types[data[0] % types.size()];
  const std::span<const uint8_t> frame(data + 1, size - 1);

  // As the capture loop fills it in: a snaplen of the frame, a wire length that may be larger.
  DecodedPacket packet;
  packet.frame = 1;
  packet.caplen = static_cast<uint32_t>(frame.size());
  packet.wire_len = packet.caplen + (data[0] >= 128 ? 1500 : 0);
  DecodeFrame(dlt, frame, packet);
  CheckPacket(packet, frame);

  // Decoding again into the same packet must give the same result: nothing survives the reset.
  const DecodedPacket first = packet;
  DecodeFrame(dlt, frame, packet);
  SECKIT_FUZZ_CHECK(packet.payload.data() == first.payload.data() &&
                    packet.payload.size() == first.payload.size() &&
                    packet.damage == first.damage && packet.ip_proto == first.ip_proto &&
                    packet.src_port == first.src_port && packet.dst_port == first.dst_port);
  return 0;
}
