// IpAddress and Cidr: hand-written parsers (inet_pton needs a NUL-terminated copy; these run on
// string_views straight out of line buffers) and RFC 5952 formatting.
#include "seckit/ip.h"

#include <algorithm>
#include <cstring>

#include "seckit/text.h"

namespace seckit {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// A strict dotted quad (no leading zeros, exactly four parts) filling out[0..3].
bool ParseV4(std::string_view text, uint8_t* out) {
  const size_t n = text.size();
  if (n < 7 || n > 15) return false;
  size_t i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (i >= n || text[i] != '.') return false;
      ++i;
    }
    if (i >= n || !IsAsciiDigit(text[i])) return false;
    unsigned value = static_cast<unsigned>(text[i++] - '0');
    while (i < n && IsAsciiDigit(text[i])) {
      if (value == 0) return false;  // a leading zero: octal in some parsers, so ambiguous
      value = value * 10 + static_cast<unsigned>(text[i++] - '0');
      if (value > 255) return false;
    }
    out[part] = static_cast<uint8_t>(value);
  }
  return i == n;
}

// Reads one group (or, at the end, an embedded IPv4 address) at text[*pos]. Appends to groups.
bool ParseV6Group(std::string_view text, size_t* pos, uint16_t* groups, int* count) {
  const size_t n = text.size();
  size_t i = *pos;
  const size_t start = i;
  unsigned value = 0;
  int digits = 0;
  for (int v; i < n && digits < 5 && (v = HexDigitValue(text[i])) >= 0; ++i, ++digits) {
    value = value * 16 + static_cast<unsigned>(v);
  }
  if (digits == 0) return false;
  if (i < n && text[i] == '.') {  // the last 32 bits as a dotted quad
    uint8_t quad[4];
    if (*count > 6 || !ParseV4(text.substr(start), quad)) return false;
    groups[(*count)++] = static_cast<uint16_t>(quad[0] << 8 | quad[1]);
    groups[(*count)++] = static_cast<uint16_t>(quad[2] << 8 | quad[3]);
    *pos = n;
    return true;
  }
  if (digits > 4 || *count == 8) return false;
  groups[(*count)++] = static_cast<uint16_t>(value);
  *pos = i;
  return true;
}

bool ParseV6(std::string_view text, uint8_t* out) {
  const size_t n = text.size();
  if (n < 2 || n > IpAddress::kMaxTextLength) return false;
  uint16_t groups[8] = {};
  int count = 0;
  int gap = -1;  // index in groups where "::" stands
  size_t i = 0;
  if (text[0] == ':') {
    if (text[1] != ':') return false;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    if (!ParseV6Group(text, &i, groups, &count)) return false;
    if (i == n) break;
    if (text[i] != ':' || ++i == n) return false;  // a lone trailing ':' is an error
    if (text[i] == ':') {
      if (gap >= 0) return false;
      gap = count;
      ++i;
    }
  }
  if (gap < 0 ? count != 8 : count > 7) return false;  // "::" stands for at least one group
  const int fill = 8 - count;
  uint16_t full[8] = {};
  for (int g = 0, k = 0; g < 8; ++g) {
    if (g >= gap && g < gap + fill && gap >= 0) continue;  // the zeros of "::"
    full[g] = groups[k++];
  }
  for (size_t g = 0; g < 8; ++g) {
    out[2 * g] = static_cast<uint8_t>(full[g] >> 8);
    out[2 * g + 1] = static_cast<uint8_t>(full[g]);
  }
  return true;
}

uint64_t LoadBe64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = v << 8 | p[i];
  return v;
}

void StoreBe64(uint64_t v, uint8_t* p) {
  for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<uint8_t>(v);
}

// The netmask of a prefix length 0..128 as two 64-bit halves.
void Mask128(int len, uint64_t* hi, uint64_t* lo) {
  *hi = len <= 0 ? 0 : len >= 64 ? ~uint64_t{0} : ~uint64_t{0} << (64 - len);
  *lo = len <= 64 ? 0 : len >= 128 ? ~uint64_t{0} : ~uint64_t{0} << (128 - len);
}

uint32_t Mask32(int len) { return len <= 0 ? 0 : ~uint32_t{0} << (32 - len); }

bool InV4(uint32_t address, uint32_t base, int len) { return (address & Mask32(len)) == base; }

bool InV6(const IpAddress& a, uint64_t base_hi, uint64_t base_lo, int len) {
  uint64_t hi, lo;
  Mask128(len, &hi, &lo);
  return (a.high() & hi) == base_hi && (a.low() & lo) == base_lo;
}

char* WriteV4(uint32_t v, char* p) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    unsigned octet = (v >> shift) & 0xff;
    if (octet >= 100) *p++ = static_cast<char>('0' + octet / 100);
    if (octet >= 10) *p++ = static_cast<char>('0' + octet / 10 % 10);
    *p++ = static_cast<char>('0' + octet % 10);
    if (shift > 0) *p++ = '.';
  }
  return p;
}

char* AppendHexGroup(unsigned group, char* p) {
  bool started = false;
  for (int shift = 12; shift >= 0; shift -= 4) {
    unsigned digit = (group >> shift) & 0xf;
    if (digit != 0 || started || shift == 0) {
      *p++ = kHexDigits[digit];
      started = true;
    }
  }
  return p;
}

char* WriteV6(const uint8_t* bytes, char* p) {
  unsigned groups[8];
  for (size_t g = 0; g < 8; ++g)
    groups[g] = static_cast<unsigned>(bytes[2 * g] << 8 | bytes[2 * g + 1]);
  // The longest run of zero groups (two or more; the first one on a tie) becomes "::".
  int best = -1, best_len = 1;
  for (int g = 0; g < 8;) {
    if (groups[g] != 0) {
      ++g;
      continue;
    }
    int end = g;
    while (end < 8 && groups[end] == 0) ++end;
    if (end - g > best_len) best = g, best_len = end - g;
    g = end;
  }
  for (int g = 0; g < 8; ++g) {
    if (g == best) {
      *p++ = ':';
      *p++ = ':';
      g += best_len - 1;
      continue;
    }
    if (g > 0 && g != best + best_len) *p++ = ':';
    p = AppendHexGroup(groups[g], p);
  }
  return p;
}

}  // namespace

IpAddress IpAddress::V4(uint32_t host_order) {
  IpAddress a;
  for (int i = 0; i < 4; ++i) a.bytes_[i] = static_cast<uint8_t>(host_order >> (24 - 8 * i));
  return a;
}

IpAddress IpAddress::V6(std::span<const uint8_t, 16> bytes) {
  IpAddress a;
  a.family_ = Family::kV6;
  std::memcpy(a.bytes_.data(), bytes.data(), 16);
  return a;
}

IpAddress IpAddress::V6(uint64_t high, uint64_t low) {
  IpAddress a;
  a.family_ = Family::kV6;
  StoreBe64(high, a.bytes_.data());
  StoreBe64(low, a.bytes_.data() + 8);
  return a;
}

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  IpAddress a;
  // Any ':' makes it IPv6; an IPv4 address never has one.
  if (text.find(':') != std::string_view::npos) {
    if (!ParseV6(text, a.bytes_.data())) return std::nullopt;
    a.family_ = Family::kV6;
    return a;
  }
  if (!ParseV4(text, a.bytes_.data())) return std::nullopt;
  return a;
}

uint32_t IpAddress::v4() const {
  return static_cast<uint32_t>(bytes_[0]) << 24 | static_cast<uint32_t>(bytes_[1]) << 16 |
         static_cast<uint32_t>(bytes_[2]) << 8 | bytes_[3];
}

uint64_t IpAddress::high() const { return LoadBe64(bytes_.data()); }
uint64_t IpAddress::low() const { return LoadBe64(bytes_.data() + 8); }

bool IpAddress::IsV4Mapped() const { return is_v6() && high() == 0 && (low() >> 32) == 0xffff; }

IpAddress IpAddress::Unmapped() const {
  return IsV4Mapped() ? V4(static_cast<uint32_t>(low())) : *this;
}

std::string IpAddress::ToString() const {
  std::string out;
  AppendTo(out);
  return out;
}

char* IpAddress::WriteTo(char* out) const {
  if (is_v4()) return WriteV4(v4(), out);
  if (IsV4Mapped()) {
    constexpr std::string_view kPrefix = "::ffff:";
    out = std::copy(kPrefix.begin(), kPrefix.end(), out);
    return WriteV4(static_cast<uint32_t>(low()), out);
  }
  return WriteV6(bytes_.data(), out);
}

void IpAddress::AppendTo(std::string& out) const {
  char text[kMaxTextLength];
  out.append(text, static_cast<size_t>(WriteTo(text) - text));
}

bool IpAddress::IsUnspecified() const {
  IpAddress a = Unmapped();
  return a.is_v4() ? a.v4() == 0 : a.high() == 0 && a.low() == 0;
}

bool IpAddress::IsLoopback() const {
  IpAddress a = Unmapped();
  return a.is_v4() ? InV4(a.v4(), 0x7f000000, 8) : a.high() == 0 && a.low() == 1;
}

bool IpAddress::IsPrivate() const {
  IpAddress a = Unmapped();
  if (a.is_v4()) {
    uint32_t v = a.v4();
    return InV4(v, 0x0a000000, 8) || InV4(v, 0xac100000, 12) || InV4(v, 0xc0a80000, 16);
  }
  return InV6(a, 0xfc00000000000000, 0, 7);
}

bool IpAddress::IsLinkLocal() const {
  IpAddress a = Unmapped();
  return a.is_v4() ? InV4(a.v4(), 0xa9fe0000, 16) : InV6(a, 0xfe80000000000000, 0, 10);
}

bool IpAddress::IsMulticast() const {
  IpAddress a = Unmapped();
  return a.is_v4() ? InV4(a.v4(), 0xe0000000, 4) : InV6(a, 0xff00000000000000, 0, 8);
}

bool IpAddress::IsSharedAddressSpace() const {
  IpAddress a = Unmapped();
  return a.is_v4() && InV4(a.v4(), 0x64400000, 10);
}

bool IpAddress::IsDocumentation() const {
  IpAddress a = Unmapped();
  if (a.is_v4()) {
    uint32_t v = a.v4();
    return InV4(v, 0xc0000200, 24) || InV4(v, 0xc6336400, 24) || InV4(v, 0xcb007100, 24);
  }
  return InV6(a, 0x20010db800000000, 0, 32) || InV6(a, 0x3fff000000000000, 0, 20);
}

bool IpAddress::IsBroadcast() const {
  IpAddress a = Unmapped();
  return a.is_v4() && a.v4() == 0xffffffff;
}

bool IpAddress::IsReserved() const {
  IpAddress a = Unmapped();
  if (a.is_v4()) {
    uint32_t v = a.v4();
    return (InV4(v, 0, 8) && v != 0) || InV4(v, 0xc0000000, 24) || InV4(v, 0xc6120000, 15) ||
           InV4(v, 0xf0000000, 4);
  }
  if (InV6(a, 0, 0, 8)) {  // mapped addresses were unmapped above; NAT64 reaches IPv4 hosts
    return !a.IsUnspecified() && !a.IsLoopback() && !InV6(a, 0x0064ff9b00000000, 0, 96);
  }
  return InV6(a, 0x0100000000000000, 0, 64) || InV6(a, 0x2001000000000000, 0, 23) ||
         InV6(a, 0xfec0000000000000, 0, 10);
}

bool IpAddress::IsGlobal() const {
  return !(IsUnspecified() || IsLoopback() || IsPrivate() || IsLinkLocal() || IsMulticast() ||
           IsSharedAddressSpace() || IsDocumentation() || IsBroadcast() || IsReserved());
}

std::optional<Cidr> Cidr::Make(const IpAddress& address, int prefix_len) {
  if (prefix_len < 0 || prefix_len > address.bit_width()) return std::nullopt;
  if (address.is_v4()) {
    return Cidr(IpAddress::V4(address.v4() & Mask32(prefix_len)), prefix_len);
  }
  uint64_t hi, lo;
  Mask128(prefix_len, &hi, &lo);
  return Cidr(IpAddress::V6(address.high() & hi, address.low() & lo), prefix_len);
}

std::optional<Cidr> Cidr::Parse(std::string_view text, bool* host_bits_set) {
  if (host_bits_set != nullptr) *host_bits_set = false;
  const size_t slash = text.find('/');
  std::optional<IpAddress> address = IpAddress::Parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  int len = address->bit_width();
  if (slash != std::string_view::npos) {
    std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3 || (digits[0] == '0' && digits.size() > 1)) {
      return std::nullopt;
    }
    len = 0;
    for (char c : digits) {
      if (!IsAsciiDigit(c)) return std::nullopt;
      len = len * 10 + (c - '0');
    }
  }
  std::optional<Cidr> cidr = Make(*address, len);
  if (cidr && host_bits_set != nullptr) *host_bits_set = cidr->network_ != *address;
  return cidr;
}

bool Cidr::Contains(const IpAddress& address) const {
  if (address.family() != network_.family()) return false;
  if (address.is_v4()) return InV4(address.v4(), network_.v4(), prefix_len_);
  return InV6(address, network_.high(), network_.low(), prefix_len_);
}

bool Cidr::Contains(const Cidr& other) const {
  return other.prefix_len_ >= prefix_len_ && Contains(other.network_);
}

IpAddress Cidr::last() const {
  if (network_.is_v4()) return IpAddress::V4(network_.v4() | ~Mask32(prefix_len_));
  uint64_t hi, lo;
  Mask128(prefix_len_, &hi, &lo);
  return IpAddress::V6(network_.high() | ~hi, network_.low() | ~lo);
}

std::string Cidr::ToString() const {
  std::string out;
  AppendTo(out);
  return out;
}

void Cidr::AppendTo(std::string& out) const {
  network_.AppendTo(out);
  out += '/';
  out += std::to_string(prefix_len_);
}

}  // namespace seckit

namespace {

// splitmix64's finalizer: std::hash<uint64_t> is the identity in libstdc++.
size_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9;
  x ^= x >> 27;
  x *= 0x94d049bb133111eb;
  x ^= x >> 31;
  return static_cast<size_t>(x);
}

}  // namespace

size_t std::hash<seckit::IpAddress>::operator()(const seckit::IpAddress& a) const noexcept {
  return Mix(a.high() ^ Mix(a.low() + static_cast<uint64_t>(a.family())));
}

size_t std::hash<seckit::Cidr>::operator()(const seckit::Cidr& c) const noexcept {
  return Mix(std::hash<seckit::IpAddress>()(c.network()) + static_cast<uint64_t>(c.prefix_len()));
}
