// JA3, JA3S and JA4 fingerprints of decoded TLS hellos.
#ifndef SECKIT_PCAP_EXTRACT_TLS_FINGERPRINT_H_
#define SECKIT_PCAP_EXTRACT_TLS_FINGERPRINT_H_

#include <optional>
#include <string>
#include <string_view>

#include "tls_decoder.h"

namespace seckit::pcap_extract {

// A JA3 or JA3S fingerprint (salesforce/ja3): the text and the MD5 of it.
struct Ja3Fingerprint {
  std::string text;  // e.g. "771,4865-4866-4867,0-23-65281-10-11,29-23-24,0"
  std::string md5;   // lowercase hex; empty only if OpenSSL refuses MD5 (FIPS-only setups)
};

// JA3 of a ClientHello: "SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats",
// decimal values joined by '-', GREASE dropped from every list; SSLVersion is legacy_version (not
// supported_versions). Empty fields stay empty ("769,47-53,,,"). nullopt for a ServerHello and for
// a hello that is not `complete`: a cut-off extension list would yield a fingerprint that matches
// no real client.
std::optional<Ja3Fingerprint> Ja3(const TlsHello& hello);

// JA3S of a ServerHello: "SSLVersion,Cipher,Extensions" with the same rules. nullopt for a
// ClientHello or an incomplete hello.
std::optional<Ja3Fingerprint> Ja3s(const TlsHello& hello);

// The four JA4 renderings of FoxIO's technical_details/JA4.md: ja4 (sorted lists, hashed), ja4_r
// (sorted, raw), ja4_o (original order, hashed) and ja4_ro (original order, raw).
enum class Ja4Form { kHashed, kRaw, kOriginal, kOriginalRaw };

// JA4 of a complete ClientHello over TCP, e.g. "t13d1516h2_8daaf6152771_e5627efa2ab1"; nullopt for
// a ServerHello or an incomplete hello. Edge cases, following the spec:
// - version: the highest non-GREASE supported_versions entry, else legacy_version; 0x0304..0x0300
//   → "13".."10", "s3"; 0x0002 → "s2"; DTLS 0xfeff/0xfefd/0xfefc → "d1"/"d2"/"d3"; others "00".
// - 'd' when the server_name extension is present (whatever it holds), else 'i'.
// - counts of ciphers and extensions exclude GREASE only (SNI, ALPN, SCSVs count), capped at 99.
// - ALPN: first and last byte of the first protocol; "00" without one (or when it is empty); when
//   either byte is not ASCII alphanumeric, the first and last hex digit of the value instead.
// - GREASE is dropped everywhere, signature algorithms included. The sorted forms drop SNI
//   (0x0000) and ALPN (0x0010) from the extension list; the original-order forms keep them.
// - no signature algorithms: the extension part has no trailing "_sigalgs"; an empty cipher or
//   extension list hashes to "000000000000" (and is empty in the raw forms).
std::optional<std::string> Ja4(const TlsHello& hello, Ja4Form form = Ja4Form::kHashed);

// The two-character ALPN part of JA4 for a first ALPN value (see above); exposed for tests.
std::string Ja4AlpnChars(std::string_view first_alpn);

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_TLS_FINGERPRINT_H_
