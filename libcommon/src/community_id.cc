// Community ID v1: endpoint ordering, ICMP port mapping, SHA-1 via OpenSSL and base64.
#include "seckit/community_id.h"

// The low-level SHA-1 functions are deprecated in OpenSSL 3 (see Sha1 below for why they are used).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <algorithm>
#include <cstring>

namespace seckit {
namespace {

// Request/reply counterparts, both directions.
int Icmp4Counterpart(uint8_t type) {
  switch (type) {
    case 8: return 0;    // echo request ↔ reply
    case 0: return 8;
    case 13: return 14;  // timestamp
    case 14: return 13;
    case 15: return 16;  // information
    case 16: return 15;
    case 10: return 9;   // router solicitation ↔ advertisement
    case 9: return 10;
    case 17: return 18;  // address mask
    case 18: return 17;
    default: return -1;
  }
}

int Icmp6Counterpart(uint8_t type) {
  switch (type) {
    case 128: return 129;  // echo
    case 129: return 128;
    case 130: return 131;  // multicast listener query ↔ report
    case 131: return 130;
    case 133: return 134;  // router solicitation ↔ advertisement
    case 134: return 133;
    case 135: return 136;  // neighbor solicitation ↔ advertisement
    case 136: return 135;
    case 139: return 140;  // node information query ↔ response
    case 140: return 139;
    case 144: return 145;  // home agent address discovery
    case 145: return 144;
    default: return -1;
  }
}

// The hashed input: seed, two addresses, protocol, padding and two ports.
constexpr size_t kMaxInput = 2 + 16 + 16 + 2 + 4;

// SHA-1 of the input with OpenSSL's low-level SHA1_* functions, which run its SHA-instruction
// code directly. Deprecated in OpenSSL 3 in favour of EVP, but EVP's per-call set-up (a context
// initialised, allocated and cleansed for every flow) cost pcap-extract a fifth of its flow time
// where the hash itself costs almost nothing; a portable SHA-1 written here was slower still.
bool Sha1(const uint8_t* input, size_t n, uint8_t digest[SHA_DIGEST_LENGTH]) {
  SHA_CTX ctx;
  return SHA1_Init(&ctx) == 1 && SHA1_Update(&ctx, input, n) == 1 &&
         SHA1_Final(digest, &ctx) == 1;
}

// Base64 (RFC 4648, with padding) of a SHA-1 digest: 28 characters, the last one '='.
void Base64Of20Bytes(const uint8_t digest[20], char* out) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int i = 0; i < 18; i += 3) {
    const uint32_t v = uint32_t{digest[i]} << 16 | uint32_t{digest[i + 1]} << 8 | digest[i + 2];
    *out++ = kAlphabet[v >> 18];
    *out++ = kAlphabet[(v >> 12) & 63];
    *out++ = kAlphabet[(v >> 6) & 63];
    *out++ = kAlphabet[v & 63];
  }
  const uint32_t v = uint32_t{digest[18]} << 16 | uint32_t{digest[19]} << 8;
  *out++ = kAlphabet[v >> 18];
  *out++ = kAlphabet[(v >> 12) & 63];
  *out++ = kAlphabet[(v >> 6) & 63];
  *out = '=';
}

}  // namespace

FlowTuple IcmpTuple(bool v6, uint8_t type, uint8_t code) {
  FlowTuple tuple;
  tuple.proto = v6 ? 58 : 1;
  int counterpart = v6 ? Icmp6Counterpart(type) : Icmp4Counterpart(type);
  tuple.src_port = type;
  tuple.dst_port = counterpart >= 0 ? static_cast<uint16_t>(counterpart) : code;
  tuple.one_way = counterpart < 0;
  return tuple;
}

size_t CommunityIdTo(const FlowTuple& tuple, char* out, uint16_t seed) {
  size_t len = tuple.src_addr.size();
  if ((len != 4 && len != 16) || tuple.dst_addr.size() != len) return 0;
  const uint8_t* a = tuple.src_addr.data();
  const uint8_t* b = tuple.dst_addr.data();
  uint16_t pa = tuple.src_port, pb = tuple.dst_port;
  int order = std::memcmp(a, b, len);
  if (!tuple.one_way && (order > 0 || (order == 0 && pa > pb))) {
    std::swap(a, b);
    std::swap(pa, pb);
  }
  uint8_t input[kMaxInput];
  size_t n = 0;
  input[n++] = static_cast<uint8_t>(seed >> 8);
  input[n++] = static_cast<uint8_t>(seed);
  std::memcpy(input + n, a, len);
  n += len;
  std::memcpy(input + n, b, len);
  n += len;
  input[n++] = tuple.proto;
  input[n++] = 0;
  if (tuple.has_ports) {
    input[n++] = static_cast<uint8_t>(pa >> 8);
    input[n++] = static_cast<uint8_t>(pa);
    input[n++] = static_cast<uint8_t>(pb >> 8);
    input[n++] = static_cast<uint8_t>(pb);
  }
  uint8_t digest[SHA_DIGEST_LENGTH];
  if (!Sha1(input, n, digest)) return 0;
  out[0] = '1';
  out[1] = ':';
  Base64Of20Bytes(digest, out + 2);
  return kCommunityIdSize;
}

std::string CommunityId(const FlowTuple& tuple, uint16_t seed) {
  char text[kCommunityIdSize];
  return std::string(text, CommunityIdTo(tuple, text, seed));
}

}  // namespace seckit
