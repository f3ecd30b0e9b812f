// IpAddress and Cidr: strict, allocation-free parsing of IPv4/IPv6 text, RFC 5952 canonical
// output, ordering and hashing, and the address-range predicates tools classify addresses with.
#ifndef SECKIT_IP_H_
#define SECKIT_IP_H_

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace seckit {

// An IPv4 or IPv6 address. IPv4 addresses are their own family (never stored as IPv4-mapped
// IPv6), so 1.2.3.4 and ::ffff:1.2.3.4 are different values; Unmapped() converts explicitly.
// Ordering: every IPv4 address sorts before every IPv6 address, then by numeric value.
class IpAddress {
 public:
  enum class Family : uint8_t { kV4 = 4, kV6 = 6 };
  // Longest text Parse accepts ("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255").
  static constexpr size_t kMaxTextLength = 45;

  IpAddress() = default;  // 0.0.0.0

  // From a host-order IPv4 value (0x01020304 is 1.2.3.4).
  static IpAddress V4(uint32_t host_order);
  // From 16 network-order bytes.
  static IpAddress V6(std::span<const uint8_t, 16> bytes);
  // From the high and low 64 bits of an IPv6 address (host order).
  static IpAddress V6(uint64_t high, uint64_t low);

  // Parses the whole of `text`, or returns nullopt. Never allocates.
  // IPv4: exactly four dotted decimal parts 0-255 with no leading zeros ("01.2.3.4", "1.2.3",
  //   "0x1.2.3.4", " 1.2.3.4" are rejected: ambiguous or not canonical, as glibc's inet_pton).
  // IPv6: any RFC 4291 text form: eight groups of 1-4 hex digits (either case), one "::" for one
  //   or more zero groups, and a trailing dotted IPv4 (same rules as above) for the last 32 bits.
  //   Zone ids ("fe80::1%eth0") and brackets ("[::1]") are rejected: strip them first.
  static std::optional<IpAddress> Parse(std::string_view text);

  Family family() const { return family_; }
  bool is_v4() const { return family_ == Family::kV4; }
  bool is_v6() const { return family_ == Family::kV6; }
  int bit_width() const { return is_v4() ? 32 : 128; }
  // Network-order bytes: 4 for IPv4, 16 for IPv6.
  std::span<const uint8_t> bytes() const { return {bytes_.data(), is_v4() ? 4u : 16u}; }
  // The IPv4 value in host order. Only meaningful when is_v4().
  uint32_t v4() const;
  // The high and low 64 bits of an IPv6 address in host order (for IPv4: v4() << 32, and 0).
  uint64_t high() const;
  uint64_t low() const;

  // True for IPv6 addresses in ::ffff:0:0/96.
  bool IsV4Mapped() const;
  // The embedded IPv4 address of an IPv4-mapped IPv6 address, otherwise *this.
  IpAddress Unmapped() const;

  // Canonical text: dotted quad for IPv4; for IPv6 RFC 5952 (lowercase, leading zeros dropped,
  // the longest run of two or more zero groups shown as "::", the first run on a tie) and
  // IPv4-mapped addresses as "::ffff:1.2.3.4".
  std::string ToString() const;
  void AppendTo(std::string& out) const;
  // The same text written at `out`, which has room for kMaxTextLength bytes; returns its end.
  char* WriteTo(char* out) const;

  // Address classes (IANA special-purpose registries). An IPv4-mapped IPv6 address is classified
  // by its embedded IPv4 address (so ::ffff:127.0.0.1 is loopback), since that is what a
  // dual-stack socket really talks to.
  // 0.0.0.0 and ::.
  bool IsUnspecified() const;
  // 127.0.0.0/8 and ::1.
  bool IsLoopback() const;
  // RFC 1918 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, and IPv6 unique local fc00::/7.
  bool IsPrivate() const;
  // 169.254.0.0/16 and fe80::/10.
  bool IsLinkLocal() const;
  // 224.0.0.0/4 and ff00::/8.
  bool IsMulticast() const;
  // 100.64.0.0/10, the carrier-grade NAT shared address space (RFC 6598). IPv4 only.
  bool IsSharedAddressSpace() const;
  // 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737); 2001:db8::/32 (RFC 3849) and
  // 3fff::/20 (RFC 9637).
  bool IsDocumentation() const;
  // 255.255.255.255.
  bool IsBroadcast() const;
  // Special-purpose space that none of the predicates above names and that is not routed on the
  // Internet: IPv4 0.0.0.0/8 (but 0.0.0.0 itself is IsUnspecified), 192.0.0.0/24 (IETF
  // protocol assignments), 198.18.0.0/15 (benchmarking), 240.0.0.0/4 (incl. the broadcast
  // address); IPv6 ::/8 (IPv4-compatible addresses, 64:ff9b:1::/48 local-use NAT64, ...) except
  // ::, ::1, IPv4-mapped addresses and the global NAT64 prefix 64:ff9b::/96, then 100::/64
  // (discard-only), 2001::/23 (IETF protocol assignments: Teredo, benchmarking, ORCHID), and
  // fec0::/10 (deprecated site-local).
  bool IsReserved() const;
  // A unicast address routed on the public Internet: none of the predicates above holds.
  bool IsGlobal() const;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;
  friend std::strong_ordering operator<=>(const IpAddress&, const IpAddress&) = default;

 private:
  // Declared in this order so the defaulted comparisons order by family, then numerically.
  Family family_ = Family::kV4;
  std::array<uint8_t, 16> bytes_{};  // network order; bytes 4..15 are zero for IPv4
};

// A network prefix: an address with all host bits clear and a prefix length (0-32 for IPv4,
// 0-128 for IPv6). Ordering is by network address, then by prefix length.
class Cidr {
 public:
  Cidr() = default;  // 0.0.0.0/0

  // The network of `address` with `prefix_len` bits; host bits are cleared. nullopt when
  // prefix_len is outside 0..address.bit_width().
  static std::optional<Cidr> Make(const IpAddress& address, int prefix_len);

  // Parses "10.0.0.0/8", "2001:db8::/32", or a bare address (a /32 or /128). The address
  // follows IpAddress::Parse; the length is 0-32 or 0-128 in decimal without leading zeros or
  // sign. Host bits that are set ("10.1.2.3/8") are cleared, and *host_bits_set (when given) is
  // set to true so callers can warn that the text was not a network address.
  static std::optional<Cidr> Parse(std::string_view text, bool* host_bits_set = nullptr);

  const IpAddress& network() const { return network_; }
  int prefix_len() const { return prefix_len_; }
  bool is_v4() const { return network_.is_v4(); }
  // True when the prefix is a single address (/32 or /128).
  bool IsHost() const { return prefix_len_ == network_.bit_width(); }

  // True when `address` has the same family and lies in this prefix (no IPv4-mapped matching:
  // call Unmapped() on the address first if that is wanted).
  bool Contains(const IpAddress& address) const;
  // True when `other` has the same family and lies entirely in this prefix.
  bool Contains(const Cidr& other) const;

  IpAddress first() const { return network_; }
  IpAddress last() const;

  // "network/len" with the network in canonical text; the length is always shown.
  std::string ToString() const;
  void AppendTo(std::string& out) const;

  friend bool operator==(const Cidr&, const Cidr&) = default;
  friend std::strong_ordering operator<=>(const Cidr&, const Cidr&) = default;

 private:
  Cidr(const IpAddress& network, int prefix_len) : network_(network), prefix_len_(prefix_len) {}

  IpAddress network_;
  int prefix_len_ = 0;
};

}  // namespace seckit

template <>
struct std::hash<seckit::IpAddress> {
  size_t operator()(const seckit::IpAddress& address) const noexcept;
};

template <>
struct std::hash<seckit::Cidr> {
  size_t operator()(const seckit::Cidr& cidr) const noexcept;
};

#endif  // SECKIT_IP_H_
