// Decodes the TLS ClientHello or ServerHello at the start of a TCP segment's payload.
#include "tls_decoder.h"

#include <algorithm>
#include <array>

namespace seckit::pcap_extract {
namespace {

constexpr uint8_t kContentHandshake = 22;
constexpr uint8_t kHandshakeClientHello = 1;
constexpr uint8_t kHandshakeServerHello = 2;
constexpr size_t kRecordHeader = 5;
constexpr size_t kHandshakeHeader = 4;
// TLSCiphertext's bound (RFC 8446 5.2): a plaintext handshake record must stay within 2^14, but
// the looser bound costs nothing and keeps odd stacks decodable.
constexpr size_t kMaxRecordLength = (1u << 14) + 2048;
constexpr size_t kRandomLength = 32;
// SHA-256("HelloRetryRequest"), the random a HelloRetryRequest carries (RFC 8446 4.1.3).
constexpr std::array<uint8_t, kRandomLength> kHelloRetryRandom = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

uint16_t Load16(const uint8_t* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }

// Bounds-checked big-endian reads over a byte span. A read that does not fit fails and, for
// Take, still yields the bytes that are there, so callers can decode a cut-off list partially.
class Cursor {
 public:
  explicit Cursor(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  size_t remaining() const { return bytes_.size() - pos_; }
  bool U8(uint8_t* value) {
    if (remaining() < 1) return false;
    *value = bytes_[pos_++];
    return true;
  }
  bool U16(uint16_t* value) {
    if (remaining() < 2) return false;
    *value = Load16(&bytes_[pos_]);
    pos_ += 2;
    return true;
  }
  bool Take(size_t n, std::span<const uint8_t>* out) {
    const size_t got = std::min(n, remaining());
    *out = bytes_.subspan(pos_, got);
    pos_ += got;
    return got == n;
  }

 private:
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
};

struct RecordHeader {
  uint8_t type = 0;
  uint16_t version = 0;
  uint16_t length = 0;
};

bool ReadRecordHeader(std::span<const uint8_t> p, size_t pos, RecordHeader* header) {
  if (p.size() - pos < kRecordHeader) return false;
  header->type = p[pos];
  header->version = Load16(&p[pos + 1]);
  header->length = Load16(&p[pos + 3]);
  return header->type == kContentHandshake && header->version >= 0x0300 &&
         header->version <= 0x0304 && header->length > 0 && header->length <= kMaxRecordLength;
}

// The first handshake message, gathered from as many consecutive handshake records as it spans.
struct Message {
  uint8_t type = 0;
  std::vector<uint8_t> body;  // the bytes present, at most `declared`
  uint32_t declared = 0;      // the length its header states
  bool cut_off = false;       // the payload ended first: nothing contradicts the lengths
};

// Fills `message` from the records starting at `p`; the caller has checked the first record's
// header. The handshake header itself may straddle records, hence the byte-at-a-time start.
void GatherMessage(std::span<const uint8_t> p, Message* message) {
  std::array<uint8_t, kHandshakeHeader> header{};
  size_t header_got = 0;
  size_t pos = 0;
  RecordHeader record;
  // Stays true unless a record that is not a handshake record interrupts the message.
  message->cut_off = true;
  while (p.size() - pos >= kRecordHeader) {
    if (!ReadRecordHeader(p, pos, &record)) {
      message->cut_off = false;
      break;
    }
    const size_t available = std::min<size_t>(record.length, p.size() - pos - kRecordHeader);
    std::span<const uint8_t> fragment = p.subspan(pos + kRecordHeader, available);
    while (header_got < kHandshakeHeader && !fragment.empty()) {
      header[header_got++] = fragment[0];
      fragment = fragment.subspan(1);
      if (header_got == kHandshakeHeader) {
        message->type = header[0];
        message->declared = (uint32_t{header[1]} << 16) | (uint32_t{header[2]} << 8) | header[3];
        message->body.reserve(std::min<size_t>(message->declared, p.size()));
      }
    }
    const size_t take = std::min<size_t>(message->declared - message->body.size(), fragment.size());
    const std::span<const uint8_t> taken = fragment.first(take);
    message->body.insert(message->body.end(), taken.begin(), taken.end());
    if (header_got == kHandshakeHeader && message->body.size() == message->declared) return;
    if (available < record.length) break;  // the segment ends inside this record
    pos += kRecordHeader + record.length;
  }
  if (header_got < kHandshakeHeader) message->type = 0;
}

bool ParseU16List(std::span<const uint8_t> list, std::vector<uint16_t>* out) {
  if (list.size() % 2 != 0) return false;
  out->reserve(list.size() / 2);
  for (size_t i = 0; i < list.size(); i += 2) out->push_back(Load16(&list[i]));
  return true;
}

// A list with a 1- or 2-byte length prefix that must fill the rest of `body` exactly.
bool PrefixedList(std::span<const uint8_t> body, size_t prefix, std::span<const uint8_t>* list) {
  if (body.size() < prefix) return false;
  const size_t length = prefix == 1 ? body[0] : Load16(body.data());
  if (length != body.size() - prefix) return false;
  *list = body.subspan(prefix);
  return true;
}

bool ParseServerName(std::span<const uint8_t> body, TlsHello* hello) {
  hello->has_server_name = true;
  if (body.empty()) return true;  // a ServerHello acknowledging SNI
  std::span<const uint8_t> list;
  if (!PrefixedList(body, 2, &list)) return false;
  Cursor c(list);
  while (c.remaining() > 0) {
    uint8_t name_type = 0;
    uint16_t length = 0;
    std::span<const uint8_t> name;
    if (!c.U8(&name_type) || !c.U16(&length) || !c.Take(length, &name)) return false;
    if (name_type == 0 && hello->server_name.empty()) {
      hello->server_name.assign(reinterpret_cast<const char*>(name.data()), name.size());
    }
  }
  return true;
}

bool ParseAlpn(std::span<const uint8_t> body, TlsHello* hello) {
  std::span<const uint8_t> list;
  if (!PrefixedList(body, 2, &list)) return false;
  Cursor c(list);
  while (c.remaining() > 0) {
    uint8_t length = 0;
    std::span<const uint8_t> name;
    if (!c.U8(&length) || !c.Take(length, &name)) return false;
    hello->alpn.emplace_back(reinterpret_cast<const char*>(name.data()), name.size());
  }
  return true;
}

// Interprets the extensions fingerprints and records need. A second copy of an extension (a
// protocol violation) is listed but not interpreted: the first one wins.
bool InterpretExtension(uint16_t type, std::span<const uint8_t> body, TlsHello* hello) {
  std::span<const uint8_t> list;
  const bool client = hello->kind == TlsHelloKind::kClientHello;
  switch (type) {
    case kTlsExtServerName:
      return hello->has_server_name || ParseServerName(body, hello);
    case kTlsExtAlpn:
      return !hello->alpn.empty() || ParseAlpn(body, hello);
    case kTlsExtSupportedGroups:
      return !hello->supported_groups.empty() ||
             (PrefixedList(body, 2, &list) && ParseU16List(list, &hello->supported_groups));
    case kTlsExtSignatureAlgorithms:
      return !hello->signature_algorithms.empty() ||
             (PrefixedList(body, 2, &list) && ParseU16List(list, &hello->signature_algorithms));
    case kTlsExtEcPointFormats:
      if (!hello->ec_point_formats.empty()) return true;
      if (!PrefixedList(body, 1, &list)) return false;
      hello->ec_point_formats.assign(list.begin(), list.end());
      return true;
    case kTlsExtSupportedVersions:
      if (hello->has_supported_versions) return true;
      hello->has_supported_versions = true;
      if (!client) return body.size() == 2 && ParseU16List(body, &hello->supported_versions);
      return PrefixedList(body, 1, &list) && ParseU16List(list, &hello->supported_versions);
    default:
      return true;
  }
}

// Decodes the extension block that ends a hello. Returns false when the bytes ran out or a
// length disagreed; `bad_inner` is set when a fully present extension body was inconsistent.
bool ParseExtensions(Cursor& c, const uint8_t* base, TlsHello* hello, bool* bad_inner) {
  if (c.remaining() == 0) return true;  // no extension block at all: allowed before TLS 1.3
  uint16_t block_length = 0;
  std::span<const uint8_t> block;
  if (!c.U16(&block_length)) return false;
  const bool block_whole = c.Take(block_length, &block);
  Cursor e(block);
  while (e.remaining() > 0) {
    uint16_t type = 0;
    uint16_t length = 0;
    std::span<const uint8_t> body;
    if (!e.U16(&type) || !e.U16(&length)) return false;
    const bool body_whole = e.Take(length, &body);
    hello->extensions.push_back(
        {type, static_cast<uint32_t>(body.data() - base), static_cast<uint32_t>(body.size())});
    if (!body_whole) return false;
    if (!InterpretExtension(type, body, hello)) *bad_inner = true;
  }
  return block_whole && c.remaining() == 0;
}

bool ParseClientHello(Cursor& c, const uint8_t* base, TlsHello* hello, bool* bad_inner) {
  std::span<const uint8_t> skipped;
  uint16_t suites_length = 0;
  uint8_t methods_length = 0;
  std::span<const uint8_t> suites;
  std::span<const uint8_t> methods;
  if (!c.U16(&hello->legacy_version) || !c.Take(kRandomLength, &skipped) ||
      !c.U8(&hello->session_id_length) || !c.Take(hello->session_id_length, &skipped) ||
      !c.U16(&suites_length)) {
    return false;
  }
  const bool suites_whole = c.Take(suites_length, &suites);
  ParseU16List(suites.first(suites.size() & ~size_t{1}), &hello->cipher_suites);
  if (!suites_whole || suites_length % 2 != 0) return false;
  if (!c.U8(&methods_length)) return false;
  const bool methods_whole = c.Take(methods_length, &methods);
  hello->compression_methods.assign(methods.begin(), methods.end());
  return methods_whole && ParseExtensions(c, base, hello, bad_inner);
}

bool ParseServerHello(Cursor& c, const uint8_t* base, TlsHello* hello, bool* bad_inner) {
  std::span<const uint8_t> random;
  std::span<const uint8_t> skipped;
  uint8_t method = 0;
  if (!c.U16(&hello->legacy_version) || !c.Take(kRandomLength, &random)) return false;
  hello->hello_retry_request = std::equal(random.begin(), random.end(), kHelloRetryRandom.begin());
  if (!c.U8(&hello->session_id_length) || !c.Take(hello->session_id_length, &skipped) ||
      !c.U16(&hello->cipher_suite) || !c.U8(&method)) {
    return false;
  }
  hello->compression_methods.push_back(method);
  return ParseExtensions(c, base, hello, bad_inner);
}

}  // namespace

std::optional<TlsHello> DecodeTlsHello(std::span<const uint8_t> tcp_payload) {
  // Cheap rejection first: most payloads are not hellos and must cost no allocation.
  RecordHeader first;
  if (tcp_payload.size() < kRecordHeader + 1 || !ReadRecordHeader(tcp_payload, 0, &first)) {
    return std::nullopt;
  }
  const uint8_t type = tcp_payload[kRecordHeader];
  if (type != kHandshakeClientHello && type != kHandshakeServerHello) return std::nullopt;

  Message message;
  GatherMessage(tcp_payload, &message);
  if (message.type != type) return std::nullopt;  // the handshake header itself is incomplete

  TlsHello hello;
  hello.kind = static_cast<TlsHelloKind>(type);
  hello.record_version = first.version;
  hello.message = std::move(message.body);
  const bool whole = hello.message.size() == message.declared;
  Cursor c(hello.message);
  bool bad_inner = false;
  const bool parsed = hello.kind == TlsHelloKind::kClientHello
                          ? ParseClientHello(c, hello.message.data(), &hello, &bad_inner)
                          : ParseServerHello(c, hello.message.data(), &hello, &bad_inner);
  hello.malformed = bad_inner || (!parsed && whole) || (!whole && !message.cut_off);
  hello.complete = parsed && whole && !hello.malformed;
  return hello;
}

bool IsSslv2ClientHello(std::span<const uint8_t> p) {
  // Two-byte header, msg_type, version, cipher_spec_length, session_id_length, challenge_length.
  if (p.size() < 11 || (p[0] & 0x80) == 0 || p[2] != kHandshakeClientHello) return false;
  const size_t length = ((p[0] & 0x7fu) << 8) | p[1];
  const uint16_t version = Load16(&p[3]);
  const uint16_t specs_length = Load16(&p[5]);
  const uint16_t session_id_length = Load16(&p[7]);
  const uint16_t challenge_length = Load16(&p[9]);
  const bool version_ok = version == 0x0002 || (version >= 0x0300 && version <= 0x0304);
  return version_ok && specs_length > 0 && specs_length % 3 == 0 &&
         (session_id_length == 0 || session_id_length == 16) && challenge_length >= 16 &&
         challenge_length <= 32 &&
         length == 9u + specs_length + session_id_length + challenge_length;
}

uint16_t TlsHello::EffectiveVersion() const {
  uint16_t best = 0;
  for (uint16_t v : supported_versions) {
    if (!IsGrease(v)) best = std::max(best, v);
  }
  return best != 0 ? best : legacy_version;
}

std::span<const uint8_t> TlsHello::ExtensionBody(const TlsExtension& extension) const {
  if (extension.offset > message.size() || extension.length > message.size() - extension.offset) {
    return {};
  }
  return std::span<const uint8_t>(message).subspan(extension.offset, extension.length);
}

TlsVersionText TlsVersionName(uint16_t version) {
  switch (version) {
    case 0x0304:
      return {"tls", "1.3"};
    case 0x0303:
      return {"tls", "1.2"};
    case 0x0302:
      return {"tls", "1.1"};
    case 0x0301:
      return {"tls", "1.0"};
    case 0x0300:
      return {"ssl", "3.0"};
    case 0x0002:
      return {"ssl", "2.0"};
    default:
      return {};
  }
}

}  // namespace seckit::pcap_extract
