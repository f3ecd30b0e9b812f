// Tests for IpAddress and Cidr: parsing and formatting checked against glibc's inet_pton and
// inet_ntop on random input, RFC 5952's own examples, ordering, hashing, classes and prefixes.
#include "seckit/ip.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

namespace seckit {
namespace {

// The reference parser: glibc's inet_pton, IPv6 when the text has a ':' (as Parse decides).
std::optional<std::vector<uint8_t>> ReferenceParse(const std::string& text) {
  uint8_t buf[16];
  bool v6 = text.find(':') != std::string::npos;
  if (std::memchr(text.data(), '\0', text.size()) != nullptr) return std::nullopt;
  if (inet_pton(v6 ? AF_INET6 : AF_INET, text.c_str(), buf) != 1) return std::nullopt;
  return std::vector<uint8_t>(buf, buf + (v6 ? 16 : 4));
}

std::string ReferenceFormat6(const uint8_t* bytes) {
  char buf[INET6_ADDRSTRLEN];
  EXPECT_NE(inet_ntop(AF_INET6, bytes, buf, sizeof buf), nullptr);
  return buf;
}

TEST(IpAddress, ParsesValidIpv4) {
  struct Case {
    const char* text;
    uint32_t value;
  } cases[] = {
      {"0.0.0.0", 0},           {"1.2.3.4", 0x01020304},         {"255.255.255.255", 0xffffffff},
      {"10.0.0.1", 0x0a000001}, {"192.168.100.200", 0xc0a864c8}, {"100.0.10.0", 0x64000a00}};
  for (const Case& c : cases) {
    auto a = IpAddress::Parse(c.text);
    ASSERT_TRUE(a.has_value()) << c.text;
    EXPECT_TRUE(a->is_v4());
    EXPECT_EQ(a->v4(), c.value) << c.text;
    EXPECT_EQ(a->ToString(), c.text);
  }
}

TEST(IpAddress, RejectsInvalidIpv4) {
  const char* cases[] = {
      "",          "1.2.3",     "1.2.3.4.5",  "01.2.3.4",          "1.2.3.04", "1.2.3.00",
      "256.1.1.1", "1.2.3.256", "1.2.3.1000", "0x1.2.3.4",         " 1.2.3.4", "1.2.3.4 ",
      "1..2.3",    ".1.2.3.4",  "1.2.3.4.",   "1.2.3.-4",          "+1.2.3.4", "1.2.3.4/32",
      "a.b.c.d",   "1.2.3.4a",  "4294967295", "1.2.3.999999999999"};
  for (const char* text : cases) {
    EXPECT_FALSE(IpAddress::Parse(text).has_value()) << text;
    EXPECT_FALSE(ReferenceParse(text).has_value()) << "reference disagrees on " << text;
  }
  EXPECT_FALSE(IpAddress::Parse(std::string_view("1.2.3.4\0", 8)).has_value());
}

TEST(IpAddress, FormatsRfc5952Examples) {
  // Examples from RFC 5952 sections 4.1-4.3 and 5: input text and the recommended form.
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},  // first of two equal runs
      {"2001:0db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},
      {"2001:db8::0:1:0:0:1", "2001:db8::1:0:0:1"},
      {"2001:DB8:0000:0000:0001:0000:0000:0001", "2001:db8::1:0:0:1"},
      {"2001:db8:0:0:0:0:2:1", "2001:db8::2:1"},
      {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},  // no "::" for one group
      {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"},           // the longest run wins
      {"2001:db8::aaaa:0:0:1", "2001:db8::aaaa:0:0:1"},
      {"0:0:0:0:0:0:0:0", "::"},
      {"0:0:0:0:0:0:0:1", "::1"},
      {"1:0:0:0:0:0:0:0", "1::"},
      {"0:0:0:0:0:ffff:c000:280", "::ffff:192.0.2.128"},
      {"::ffff:192.0.2.128", "::ffff:192.0.2.128"},
      {"1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"},
      {"::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"},
      {"fe80::1:2:3:4", "fe80::1:2:3:4"},
      {"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"},
  };
  for (const Case& c : cases) {
    auto a = IpAddress::Parse(c.in);
    ASSERT_TRUE(a.has_value()) << c.in;
    EXPECT_TRUE(a->is_v6());
    EXPECT_EQ(a->ToString(), c.out) << c.in;
  }
}

TEST(IpAddress, RejectsInvalidIpv6) {
  const char* cases[] = {":",
                         ":::",
                         "1:2:3:4:5:6:7",
                         "1:2:3:4:5:6:7:8:9",
                         "1::2::3",
                         "1:::2",
                         ":1:2:3:4:5:6:7:8",
                         "1:2:3:4:5:6:7:8:",
                         "12345::",
                         "g::1",
                         "::1.2.3",
                         "::1.2.3.4.5",
                         "::01.2.3.4",
                         "1.2.3.4::",
                         "::1.2.3.4:1",
                         "1:2:3:4:5:6:7:1.2.3.4",
                         "[::1]",
                         "fe80::1%eth0",
                         "::1/128",
                         " ::1",
                         "1::2:3:4:5:6:7:8",
                         "::ffff:256.1.1.1",
                         "2001:db8::-1"};
  for (const char* text : cases) {
    EXPECT_FALSE(IpAddress::Parse(text).has_value()) << text;
    EXPECT_FALSE(ReferenceParse(text).has_value()) << "reference disagrees on " << text;
  }
}

// Random strings over the characters addresses are made of, compared with inet_pton.
TEST(IpAddress, ParseAgreesWithInetPtonOnRandomText) {
  std::mt19937 rng(20240611);
  const std::string alphabet = "0123456789abcdefABCDEF:.";
  const std::vector<std::string> pieces = {"::",   ":",       ".",  "0",     "1",   "255",    "256",
                                           "ffff", "1.2.3.4", "00", "12345", "db8", "0.0.0.0"};
  int accepted = 0;
  for (int i = 0; i < 300000; ++i) {
    std::string text;
    if (i % 2 == 0) {
      const size_t len = rng() % 20;
      for (size_t k = 0; k < len; ++k) text += alphabet[rng() % alphabet.size()];
    } else {
      const size_t len = rng() % 12;
      for (size_t k = 0; k < len; ++k) text += pieces[rng() % pieces.size()];
    }
    auto ours = IpAddress::Parse(text);
    auto ref = ReferenceParse(text);
    ASSERT_EQ(ours.has_value(), ref.has_value()) << "'" << text << "'";
    if (ours) {
      ++accepted;
      ASSERT_EQ(std::vector<uint8_t>(ours->bytes().begin(), ours->bytes().end()), *ref) << text;
    }
  }
  EXPECT_GT(accepted, 1000);  // the generator does reach valid addresses
}

// Random addresses (biased towards zero runs) formatted and compared with inet_ntop.
TEST(IpAddress, ToStringAgreesWithInetNtop) {
  std::mt19937 rng(7);
  for (int i = 0; i < 200000; ++i) {
    uint8_t bytes[16];
    for (int g = 0; g < 8; ++g) {
      const unsigned r = rng();
      const unsigned value = (r & 3) == 0 ? 0 : (r & 12) == 0 ? (r >> 8) & 0xf : (r >> 8) & 0xffff;
      bytes[2 * g] = static_cast<uint8_t>(value >> 8);
      bytes[2 * g + 1] = static_cast<uint8_t>(value);
    }
    // glibc writes deprecated IPv4-compatible addresses (::/96) as ::a.b.c.d; RFC 5952 does not.
    if (std::all_of(bytes, bytes + 12, [](uint8_t b) { return b == 0; })) continue;
    IpAddress a = IpAddress::V6(std::span<const uint8_t, 16>(bytes, 16));
    const std::string text = a.ToString();
    ASSERT_EQ(text, ReferenceFormat6(bytes));
    auto back = IpAddress::Parse(text);
    ASSERT_TRUE(back.has_value()) << text;
    ASSERT_EQ(*back, a);
  }
  for (uint32_t v : {0u, 1u, 0x7f000001u, 0xffffffffu, 0x0a0b0c0du}) {
    char buf[INET_ADDRSTRLEN];
    const uint32_t net = htonl(v);
    ASSERT_NE(inet_ntop(AF_INET, &net, buf, sizeof buf), nullptr);
    EXPECT_EQ(IpAddress::V4(v).ToString(), buf);
  }
}

TEST(IpAddress, AppendToAppends) {
  std::string out = "ip=";
  IpAddress::Parse("2001:db8::1")->AppendTo(out);
  out += ',';
  IpAddress::Parse("9.8.7.6")->AppendTo(out);
  EXPECT_EQ(out, "ip=2001:db8::1,9.8.7.6");
}

// WriteTo (what AppendTo and ToString use) writes only the text and returns its end, the longest
// forms included.
TEST(IpAddress, WriteToReturnsTheEndOfTheText) {
  for (const char* text : {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::ffff:255.255.255.255",
                           "255.255.255.255", "0.0.0.0", "::"}) {
    char buf[IpAddress::kMaxTextLength + 1];
    std::memset(buf, '#', sizeof buf);
    const char* end = IpAddress::Parse(text)->WriteTo(buf);
    EXPECT_EQ(std::string(buf, static_cast<size_t>(end - buf)), text);
    EXPECT_EQ(buf[end - buf], '#');
  }
}

TEST(IpAddress, AccessorsAndMapping) {
  IpAddress v6 = *IpAddress::Parse("2001:db8:1:2:3:4:5:6");
  EXPECT_EQ(v6.high(), 0x20010db800010002u);
  EXPECT_EQ(v6.low(), 0x0003000400050006u);
  EXPECT_EQ(v6.bytes().size(), 16u);
  EXPECT_EQ(v6.bit_width(), 128);
  EXPECT_EQ(IpAddress::V6(v6.high(), v6.low()), v6);
  IpAddress v4 = *IpAddress::Parse("1.2.3.4");
  EXPECT_EQ(v4.bytes().size(), 4u);
  EXPECT_EQ(v4.bytes()[0], 1);
  EXPECT_EQ(v4.bit_width(), 32);
  IpAddress mapped = *IpAddress::Parse("::ffff:1.2.3.4");
  EXPECT_TRUE(mapped.IsV4Mapped());
  EXPECT_NE(mapped, v4);
  EXPECT_EQ(mapped.Unmapped(), v4);
  EXPECT_EQ(v4.Unmapped(), v4);
  EXPECT_FALSE(IpAddress::Parse("::1.2.3.4")->IsV4Mapped());
  EXPECT_EQ(IpAddress(), *IpAddress::Parse("0.0.0.0"));
}

TEST(IpAddress, OrdersV4BeforeV6ThenNumerically) {
  std::mt19937_64 rng(3);
  std::vector<IpAddress> v;
  for (int i = 0; i < 2000; ++i) {
    v.push_back(i % 2 ? IpAddress::V4(static_cast<uint32_t>(rng())) : IpAddress::V6(rng(), rng()));
  }
  for (size_t i = 0; i + 1 < v.size(); ++i) {
    const IpAddress& a = v[i];
    const IpAddress& b = v[i + 1];
    bool expect_less;
    if (a.is_v4() != b.is_v4()) {
      expect_less = a.is_v4();
    } else if (a.is_v4()) {
      expect_less = a.v4() < b.v4();
    } else {
      expect_less = a.high() != b.high() ? a.high() < b.high() : a.low() < b.low();
    }
    EXPECT_EQ(a < b, expect_less);
    EXPECT_EQ(a == b, false);
  }
  EXPECT_LT(*IpAddress::Parse("255.255.255.255"), *IpAddress::Parse("::"));
}

TEST(IpAddress, HashesEqualAddressesEqually) {
  std::unordered_set<IpAddress> set;
  for (uint32_t i = 0; i < 1000; ++i) {
    set.insert(IpAddress::V4(i));
    set.insert(IpAddress::V6(0, i));
  }
  EXPECT_EQ(set.size(), 2000u);
  EXPECT_TRUE(set.count(*IpAddress::Parse("0.0.3.231")));
  EXPECT_TRUE(set.count(*IpAddress::Parse("::3e7")));
  EXPECT_FALSE(set.count(*IpAddress::Parse("0.0.3.232")));
  EXPECT_EQ(std::hash<IpAddress>()(*IpAddress::Parse("::1")),
            std::hash<IpAddress>()(*IpAddress::Parse("0:0::0:1")));
}

// Expected classes straight from the IANA special-purpose registries.
TEST(IpAddress, ClassifiesSpecialRanges) {
  enum Class { kUnspec, kLoop, kPriv, kLink, kMulti, kShared, kDoc, kBcast, kRes, kGlobal };
  struct Case {
    const char* text;
    std::vector<Class> classes;
  } cases[] = {
      {"0.0.0.0", {kUnspec}},
      {"0.1.2.3", {kRes}},
      {"10.255.0.1", {kPriv}},
      {"11.0.0.1", {kGlobal}},
      {"100.63.255.255", {kGlobal}},
      {"100.64.0.1", {kShared}},
      {"100.127.255.255", {kShared}},
      {"100.128.0.0", {kGlobal}},
      {"127.0.0.1", {kLoop}},
      {"127.255.255.254", {kLoop}},
      {"169.254.10.10", {kLink}},
      {"172.15.255.255", {kGlobal}},
      {"172.16.0.0", {kPriv}},
      {"172.31.255.255", {kPriv}},
      {"172.32.0.0", {kGlobal}},
      {"192.0.0.8", {kRes}},
      {"192.0.2.55", {kDoc}},
      {"192.168.1.1", {kPriv}},
      {"198.18.0.1", {kRes}},
      {"198.19.255.255", {kRes}},
      {"198.20.0.0", {kGlobal}},
      {"198.51.100.7", {kDoc}},
      {"203.0.113.9", {kDoc}},
      {"224.0.0.251", {kMulti}},
      {"239.255.255.250", {kMulti}},
      {"240.0.0.1", {kRes}},
      {"255.255.255.255", {kBcast, kRes}},
      {"8.8.8.8", {kGlobal}},
      {"::", {kUnspec}},
      {"::1", {kLoop}},
      {"::2", {kRes}},
      {"::1.2.3.4", {kRes}},
      {"::ffff:127.0.0.1", {kLoop}},
      {"::ffff:8.8.8.8", {kGlobal}},
      {"::ffff:10.1.1.1", {kPriv}},
      {"64:ff9b::8.8.8.8", {kGlobal}},
      {"64:ff9b:1::1", {kRes}},
      {"100::1", {kRes}},
      {"2001::1", {kRes}},
      {"2001:1ff:ffff::1", {kRes}},
      {"2001:200::1", {kGlobal}},
      {"2001:db8::1", {kDoc}},
      {"2001:db9::1", {kGlobal}},
      {"3fff:fff::1", {kDoc}},
      {"3fff:1000::1", {kGlobal}},
      {"2606:4700::1111", {kGlobal}},
      {"fc00::1", {kPriv}},
      {"fdff:ffff::1", {kPriv}},
      {"fe80::1", {kLink}},
      {"febf::1", {kLink}},
      {"fec0::1", {kRes}},
      {"ff02::1", {kMulti}},
      {"ff0e::1", {kMulti}},
  };
  for (const Case& c : cases) {
    IpAddress a = *IpAddress::Parse(c.text);
    auto has = [&](Class k) {
      return std::find(c.classes.begin(), c.classes.end(), k) != c.classes.end();
    };
    EXPECT_EQ(a.IsUnspecified(), has(kUnspec)) << c.text;
    EXPECT_EQ(a.IsLoopback(), has(kLoop)) << c.text;
    EXPECT_EQ(a.IsPrivate(), has(kPriv)) << c.text;
    EXPECT_EQ(a.IsLinkLocal(), has(kLink)) << c.text;
    EXPECT_EQ(a.IsMulticast(), has(kMulti)) << c.text;
    EXPECT_EQ(a.IsSharedAddressSpace(), has(kShared)) << c.text;
    EXPECT_EQ(a.IsDocumentation(), has(kDoc)) << c.text;
    EXPECT_EQ(a.IsBroadcast(), has(kBcast)) << c.text;
    EXPECT_EQ(a.IsReserved(), has(kRes)) << c.text;
    EXPECT_EQ(a.IsGlobal(), has(kGlobal)) << c.text;
  }
}

TEST(Cidr, ParsesAndMasks) {
  struct Case {
    const char* text;
    const char* canonical;
    bool host_bits;
  } cases[] = {
      {"10.0.0.0/8", "10.0.0.0/8", false},
      {"10.1.2.3/8", "10.0.0.0/8", true},
      {"1.2.3.4", "1.2.3.4/32", false},
      {"1.2.3.4/32", "1.2.3.4/32", false},
      {"255.255.255.255/0", "0.0.0.0/0", true},
      {"0.0.0.0/0", "0.0.0.0/0", false},
      {"192.168.1.129/25", "192.168.1.128/25", true},
      {"2001:db8::/32", "2001:db8::/32", false},
      {"2001:db8:ffff::1/32", "2001:db8::/32", true},
      {"::1", "::1/128", false},
      {"::/0", "::/0", false},
      {"ffff::1/1", "8000::/1", true},
      {"2001:db8::1/127", "2001:db8::/127", true},
      {"2001:db8::1/128", "2001:db8::1/128", false},
      {"::ffff:10.0.0.0/104", "::ffff:10.0.0.0/104", false},
  };
  for (const Case& c : cases) {
    bool host_bits = !c.host_bits;
    auto cidr = Cidr::Parse(c.text, &host_bits);
    ASSERT_TRUE(cidr.has_value()) << c.text;
    EXPECT_EQ(cidr->ToString(), c.canonical) << c.text;
    EXPECT_EQ(host_bits, c.host_bits) << c.text;
    EXPECT_EQ(Cidr::Parse(c.text), cidr);
  }
}

TEST(Cidr, RejectsInvalid) {
  const char* cases[] = {"",           "/8",         "1.2.3.4/",   "1.2.3.4/33",  "1.2.3.4/08",
                         "1.2.3.4/-1", "1.2.3.4/+8", "1.2.3.4/ 8", "1.2.3.4/8/8", "::/129",
                         "::/1000",    "1.2.3/8",    "1.2.3.4/8x", "1.2.3.4//8",  "::/0128"};
  for (const char* text : cases) EXPECT_FALSE(Cidr::Parse(text).has_value()) << text;
  EXPECT_FALSE(Cidr::Make(IpAddress(), 33).has_value());
  EXPECT_FALSE(Cidr::Make(IpAddress(), -1).has_value());
  EXPECT_TRUE(Cidr::Make(IpAddress::V6(0, 0), 128).has_value());
}

TEST(Cidr, FirstAndLast) {
  Cidr c = *Cidr::Parse("172.16.0.0/12");
  EXPECT_EQ(c.first().ToString(), "172.16.0.0");
  EXPECT_EQ(c.last().ToString(), "172.31.255.255");
  EXPECT_EQ(Cidr::Parse("0.0.0.0/0")->last().ToString(), "255.255.255.255");
  EXPECT_EQ(Cidr::Parse("2001:db8::/32")->last().ToString(),
            "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
  EXPECT_EQ(Cidr::Parse("2001:db8::/65")->last().ToString(), "2001:db8::7fff:ffff:ffff:ffff");
  EXPECT_EQ(Cidr::Parse("::/0")->last().ToString(), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  EXPECT_EQ(Cidr::Parse("::1/128")->last().ToString(), "::1");
  EXPECT_TRUE(Cidr::Parse("9.9.9.9")->IsHost());
  EXPECT_FALSE(c.IsHost());
}

// Contains checked against arithmetic on the numeric values (the range [first, first + size)).
TEST(Cidr, ContainsMatchesRangeArithmetic) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 20000; ++i) {
    const int len = static_cast<int>(rng() % 33);
    Cidr c = *Cidr::Make(IpAddress::V4(static_cast<uint32_t>(rng())), len);
    const uint64_t lo = c.network().v4();
    const uint64_t size = uint64_t{1} << (32 - len);
    // Probe near both edges and at random.
    const uint64_t probes[] = {lo, lo + size - 1, lo + size, lo - 1, rng() & 0xffffffff};
    for (uint64_t p : probes) {
      if (p > 0xffffffff) continue;
      IpAddress a = IpAddress::V4(static_cast<uint32_t>(p));
      EXPECT_EQ(c.Contains(a), p >= lo && p < lo + size) << c.ToString() << " " << a.ToString();
    }
  }
  Cidr v6 = *Cidr::Parse("2001:db8::/32");
  EXPECT_TRUE(v6.Contains(*IpAddress::Parse("2001:db8:ffff::1")));
  EXPECT_FALSE(v6.Contains(*IpAddress::Parse("2001:db9::")));
  EXPECT_FALSE(v6.Contains(*IpAddress::Parse("32.1.13.184")));  // same bits, other family
  EXPECT_TRUE(Cidr::Parse("::/0")->Contains(*IpAddress::Parse("ffff::")));
  EXPECT_FALSE(Cidr::Parse("::/0")->Contains(*IpAddress::Parse("1.1.1.1")));
  EXPECT_FALSE(Cidr::Parse("::ffff:0:0/96")->Contains(*IpAddress::Parse("1.1.1.1")));
  EXPECT_TRUE(v6.Contains(*Cidr::Parse("2001:db8:1::/48")));
  EXPECT_FALSE(Cidr::Parse("2001:db8:1::/48")->Contains(v6));
}

}  // namespace
}  // namespace seckit
