// DNS message decoding (RFC 1035 and successors) from a UDP payload or a TCP segment, into the
// values pcap-extract writes as ECS dns.* fields.
#ifndef SECKIT_PCAP_EXTRACT_DNS_DECODER_H_
#define SECKIT_PCAP_EXTRACT_DNS_DECODER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace seckit::pcap_extract {

// Numbers used by callers and tests (IANA DNS parameters).
constexpr uint16_t kDnsTypeA = 1, kDnsTypeNs = 2, kDnsTypeCname = 5, kDnsTypeSoa = 6,
                   kDnsTypePtr = 12, kDnsTypeMx = 15, kDnsTypeTxt = 16, kDnsTypeAaaa = 28,
                   kDnsTypeSrv = 33, kDnsTypeOpt = 41;

// Domain names in presentation form, as dig prints them (RFC 1035 section 5.1, RFC 4343):
// - labels joined with ".", no trailing dot; the root name alone is "." (tshark shows "<Root>");
// - case is kept exactly as on the wire (DNS compares case-insensitively, but 0x20-bit
//   randomisation and odd casing are themselves worth seeing);
// - inside a label, "." is written "\." and "\" is written "\\"; bytes 0x00-0x20 and 0x7f-0xff
//   are written "\DDD" with three decimal digits (tshark uses octal "\ooo" and shows UTF-8
//   unescaped, so the two differ only for such bytes).
// A name is at most 255 octets in wire form; compression pointers must point before the start
// of the run of labels that contains them (so there are no loops) and at most 127 are followed
// per name; label types 0x40 and 0x80 are rejected.

struct DnsQuestion {
  std::string name;
  uint16_t type = 0;
  uint16_t dns_class = 0;
};

// One resource record. `data` is the RDATA as text when has_data:
//   A, AAAA           canonical address text (IPv6 per RFC 5952)
//   CNAME NS PTR DNAME MB MD MF MG MR
//                     the target name
//   MX AFSDB KX       "preference name", e.g. "10 mail.example.com"
//   TXT SPF           the character-strings concatenated with no separator (how SPF, DKIM and
//                     verification tokens read them; RFC 7208 section 3.3); the bytes are raw,
//                     so invalid UTF-8 is left for the JSON writer to replace
//   SOA               "mname rname serial refresh retry expire minimum"
//   SRV               "priority weight port target"
//   OPT               no data (see DnsMessage::edns_*)
//   any other type    RFC 3597 generic form: "\# <length> <lowercase hex>" ("\# 0" when empty)
// has_data is false for OPT, for RDATA that does not fit its type (the message error says why),
// and for a record whose RDATA is cut off by the end of the message.
struct DnsRecord {
  std::string name;
  uint16_t type = 0;
  uint16_t dns_class = 0;  // for OPT: the requestor's UDP payload size
  uint32_t ttl = 0;        // as on the wire; for OPT: extended RCODE, version and flags
  bool has_data = false;
  std::string data;
};

struct DnsMessage {
  uint16_t id = 0;
  bool is_response = false;  // QR
  uint8_t opcode = 0;
  // The 4-bit header RCODE, extended by the OPT record's upper 8 bits when one is present
  // (RFC 6891 section 6.1.3), so BADVERS reads as 16.
  uint16_t rcode = 0;
  uint16_t flags = 0;  // the header's second 16-bit word as sent (QR, opcode, AA ... RCODE)

  // The counts the header announces; they may exceed what the message holds.
  uint16_t question_count = 0, answer_count = 0, authority_count = 0, additional_count = 0;

  std::vector<DnsQuestion> questions;
  std::vector<DnsRecord> answers;      // the answer section: ECS dns.answers
  std::vector<DnsRecord> authorities;  // the authority section
  std::vector<DnsRecord> additionals;  // the additional section, OPT included

  // EDNS (RFC 6891), from the first OPT record in the additional section.
  bool has_edns = false;
  uint16_t edns_udp_size = 0;
  uint8_t edns_version = 0;
  bool edns_do = false;  // DNSSEC OK

  // True when something the header announced could not be fully decoded: the data ended early
  // (a truncated capture, counts larger than the data) or a name or RDATA is malformed. What
  // could be read is kept; the decoder's error string says what went wrong first.
  bool partial = false;

  bool aa() const { return flags & 0x0400; }
  bool tc() const { return flags & 0x0200; }
  bool rd() const { return flags & 0x0100; }
  bool ra() const { return flags & 0x0080; }
  bool ad() const { return flags & 0x0020; }
  bool cd() const { return flags & 0x0010; }
};

// ECS dns.header_flags of a message, in the order AA TC RD RA AD CD DO (DO from EDNS); no
// allocation.
struct DnsHeaderFlags {
  std::array<std::string_view, 7> names;
  size_t count = 0;
  const std::string_view* begin() const { return names.data(); }
  const std::string_view* end() const { return names.data() + count; }
};
DnsHeaderFlags HeaderFlags(const DnsMessage& message);

// Decodes one DNS message that fills `payload` (a UDP payload, or one message taken out of a TCP
// stream). Returns nullopt only when there is no 12-byte header. Otherwise returns the message,
// and when something was wrong (counts larger than the data, a bad name, RDATA that does not fit
// its type) sets partial and *error (when not null) to a one-line description of the first
// problem with its offset, e.g. "answer 3: compression pointer does not point backwards (offset
// 61)"; *error is cleared on a clean decode. Decoding goes on after RDATA that does not fit its
// type (RDLENGTH still frames the record) but stops at anything that loses the framing. Bytes
// after the last announced record are ignored. Never reads outside `payload`, uses no
// recursion, and takes time linear in its size.
std::optional<DnsMessage> DecodeDns(std::span<const uint8_t> payload, std::string* error);

// The same, reusing `message`'s vectors; returns false where DecodeDns returns nullopt.
bool DecodeDnsInto(std::span<const uint8_t> payload, DnsMessage& message, std::string* error);

// Decodes the DNS-over-TCP messages in one TCP segment's payload: each is a 2-byte big-endian
// length followed by that many bytes (RFC 1035 section 4.2.2, RFC 7766). Returns every message
// that starts in the segment, in order. A message cut off by the end of the segment is decoded
// as far as its bytes go (partial = true) and *error says so; a segment that ends inside a
// length prefix, or a zero length, sets *error and ends the list. There is no stream reassembly:
// a segment that starts in the middle of a message decodes as garbage or not at all.
std::vector<DnsMessage> DecodeDnsTcp(std::span<const uint8_t> segment, std::string* error);

// Names for numbers, as IANA registers them and dig prints them. Each returns the mnemonic, or
// the RFC 3597 style generic text for an unassigned number ("TYPE65280", "CLASS3000"); rcodes
// and opcodes without a name come back as "RCODE12" and "OPCODE3". Short enough for std::string's
// inline buffer, so there is no allocation.
std::string DnsTypeName(uint16_t type);  // "A", "AAAA", "ANY" (255; tshark shows "*") ...
// mDNS (port 5353) uses the class's top bit as the cache-flush / unicast-response flag: mask
// it off (dns_class & 0x7fff) before naming the class of such a message.
std::string DnsClassName(uint16_t dns_class);  // "IN", "CH", "HS", "NONE", "ANY"
std::string DnsRcodeName(uint16_t rcode);      // "NOERROR", "NXDOMAIN", "SERVFAIL", "REFUSED" ...
std::string DnsOpcodeName(uint8_t opcode);     // "QUERY", "IQUERY", "STATUS", "NOTIFY", "UPDATE"

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_DNS_DECODER_H_
