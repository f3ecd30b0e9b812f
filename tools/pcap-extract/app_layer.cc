// Choosing and running the application-layer decoders for a packet's payload.
#include "app_layer.h"

#include "dns_decoder.h"
#include "http_decoder.h"
#include "tls_decoder.h"

namespace seckit::pcap_extract {
namespace {

constexpr uint8_t kTlsHandshakeRecord = 22;

bool IsDnsPort(uint16_t port) { return port == 53 || port == 5353 || port == 5355; }

bool LooksLikeDns(const DecodedPacket& p) {
  return p.has_ports && (p.ip_proto == kProtoUdp || p.ip_proto == kProtoTcp) &&
         (IsDnsPort(p.src_port) || IsDnsPort(p.dst_port));
}

// HTTP and TLS are found by their first bytes on any TCP port, since beacons and implants run
// them on whatever port gets out.
bool LooksLikeTls(const DecodedPacket& p) {
  return p.ip_proto == kProtoTcp && p.payload.size() >= 6 &&
         p.payload[0] == kTlsHandshakeRecord && p.payload[1] == 3;
}

// A request starts with a method token (upper-case letters by convention), a response with
// "HTTP/1."; DecodeHttp makes the real decision.
bool LooksLikeHttp(const DecodedPacket& p) {
  return p.ip_proto == kProtoTcp && p.payload.size() >= 14 && p.payload[0] >= 'A' &&
         p.payload[0] <= 'Z';
}

bool WriteDns(const DecodedPacket& p, RecordWriter& writer, std::string& why) {
  if (p.ip_proto == kProtoTcp) {
    std::vector<DnsMessage> messages = DecodeDnsTcp(p.payload, &why);
    for (const DnsMessage& m : messages) writer.Dns(p, m);
    return !messages.empty() || why.empty();
  }
  std::optional<DnsMessage> message = DecodeDns(p.payload, &why);
  if (!message) return false;
  writer.Dns(p, *message);
  return true;
}

}  // namespace

bool IsApplicationCandidate(const DecodedPacket& p, const RecordTypes& types) {
  return (types.dns && LooksLikeDns(p)) || (types.tls && LooksLikeTls(p)) ||
         (types.http && LooksLikeHttp(p));
}

bool WriteApplicationRecords(const DecodedPacket& p, const RecordTypes& types, RecordWriter& writer,
                             std::string& why) {
  if (LooksLikeDns(p)) return types.dns ? WriteDns(p, writer, why) : true;
  // Text that is not HTTP and bytes that are not a hello are ordinary TCP payload, not damage.
  if (types.tls && LooksLikeTls(p)) {
    if (std::optional<TlsHello> hello = DecodeTlsHello(p.payload)) writer.Tls(p, *hello);
  } else if (types.http && LooksLikeHttp(p)) {
    if (std::optional<HttpMessage> message = DecodeHttp(p.payload)) writer.Http(p, *message);
  }
  return true;
}

}  // namespace seckit::pcap_extract
