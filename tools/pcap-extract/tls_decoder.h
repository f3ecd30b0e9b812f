// Decodes the TLS ClientHello or ServerHello at the start of a TCP segment's payload.
#ifndef SECKIT_PCAP_EXTRACT_TLS_DECODER_H_
#define SECKIT_PCAP_EXTRACT_TLS_DECODER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace seckit::pcap_extract {

enum class TlsHelloKind : uint8_t { kClientHello = 1, kServerHello = 2 };

// TLS extension type numbers the decoder interprets (IANA "TLS ExtensionType Values").
inline constexpr uint16_t kTlsExtServerName = 0x0000;
inline constexpr uint16_t kTlsExtSupportedGroups = 0x000a;
inline constexpr uint16_t kTlsExtEcPointFormats = 0x000b;
inline constexpr uint16_t kTlsExtSignatureAlgorithms = 0x000d;
inline constexpr uint16_t kTlsExtAlpn = 0x0010;
inline constexpr uint16_t kTlsExtSupportedVersions = 0x002b;

// One extension, in wire order. Its body is TlsHello::ExtensionBody(extension).
struct TlsExtension {
  uint16_t type = 0;
  uint32_t offset = 0;  // of the body within TlsHello::message
  uint32_t length = 0;  // body bytes present: less than declared when the hello is cut off
};

// A decoded hello. Fields a kind does not have stay empty; values are as on the wire, GREASE
// (RFC 8701) included — the fingerprint functions drop it.
struct TlsHello {
  TlsHelloKind kind = TlsHelloKind::kClientHello;
  // True when the whole handshake message was present and every length in it agreed. When false
  // the fields hold what could be decoded before the bytes ran out (snaplen, a hello spanning TCP
  // segments) or before a length lied; the extension list is then possibly incomplete, so no
  // JA3/JA3S/JA4 is computed from it.
  bool complete = false;
  // True when a length inside the message contradicts the bytes around it (as opposed to the
  // message merely being cut off at the end of the segment). Implies !complete.
  bool malformed = false;
  // ServerHello whose random is the TLS 1.3 HelloRetryRequest marker (RFC 8446 4.1.3).
  bool hello_retry_request = false;
  uint16_t record_version = 0;  // of the first record: not the negotiated version
  uint16_t legacy_version = 0;  // ClientHello.legacy_version / ServerHello.legacy_version
  uint8_t session_id_length = 0;
  std::vector<uint16_t> cipher_suites;       // ClientHello: offered, in order
  uint16_t cipher_suite = 0;                 // ServerHello: selected
  std::vector<uint8_t> compression_methods;  // ClientHello: offered; ServerHello: the one chosen
  std::vector<TlsExtension> extensions;
  std::string server_name;        // first host_name of server_name; raw bytes
  std::vector<std::string> alpn;  // ClientHello: offered; ServerHello: selected
  std::vector<uint16_t> supported_groups;
  std::vector<uint8_t> ec_point_formats;
  std::vector<uint16_t> signature_algorithms;
  std::vector<uint16_t> supported_versions;  // ServerHello: the selected one, if present
  bool has_server_name = false;              // the server_name extension is present
  bool has_supported_versions = false;
  std::vector<uint8_t> message;  // handshake body bytes present (after its header)

  // The version the hello speaks for: ClientHello → the highest non-GREASE supported_versions
  // entry, else legacy_version; ServerHello → the selected supported_versions, else
  // legacy_version.
  uint16_t EffectiveVersion() const;
  std::span<const uint8_t> ExtensionBody(const TlsExtension& extension) const;
};

// Decodes the hello at the start of `tcp_payload`: one or more TLS plaintext records (content type
// 22, record version 0x0300–0x0304, length ≤ 2^14 + 2048) whose first handshake message is a
// ClientHello (1) or ServerHello (2). A message fragmented over several consecutive handshake
// records is reassembled from the bytes present. Returns nullopt when the payload does not start
// with such a record and message (including a payload too short to tell), and for an SSLv2-format
// ClientHello, which carries no extensions and is only detected (IsSslv2ClientHello). Never reads
// outside `tcp_payload`.
std::optional<TlsHello> DecodeTlsHello(std::span<const uint8_t> tcp_payload);

// True when the payload starts like an SSLv2-compatible ClientHello (RFC 5246 appendix E.2:
// two-byte header with the top bit set, message type 1, version 0x0002 or 0x03xx), as old
// clients and scanners send. DecodeTlsHello skips these.
bool IsSslv2ClientHello(std::span<const uint8_t> tcp_payload);

// RFC 8701 GREASE value: 0x0a0a, 0x1a1a, … 0xfafa (both bytes equal, low nibble 0xa).
constexpr bool IsGrease(uint16_t value) {
  return (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);
}

// A protocol version as ECS tls.version_protocol / tls.version: 0x0304 → {"tls", "1.3"}, 0x0300
// → {"ssl", "3.0"}, 0x0002 → {"ssl", "2.0"}. Empty views for any other value.
struct TlsVersionText {
  std::string_view protocol;
  std::string_view version;
};
TlsVersionText TlsVersionName(uint16_t version);

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_TLS_DECODER_H_
