// The safety rules, the target parser, durations and the host-fact parsers, on hand-written cases.
#include "safety.h"

#include <gtest/gtest.h>

#include "candidate.h"
#include "duration.h"
#include "host_facts.h"

namespace seckit::fw_block {
namespace {

Cidr C(const char* text) { return *Cidr::Parse(text); }

TEST(SafetyPolicy, RefusesSpecialRangesWhateverTheFlags) {
  SafetyPolicy policy(/*allow_private=*/true, /*force_wide=*/true);
  for (const char* text : {"127.0.0.1/32", "127.0.0.0/8", "0.0.0.0/32", "169.254.1.1/32",
                           "224.0.0.251/32", "255.255.255.255/32", "::1/128", "::/128",
                           "fe80::1/128", "ff02::1/128", "0.0.0.0/0", "::/0", "120.0.0.0/5"}) {
    EXPECT_TRUE(policy.Check(C(text)).has_value()) << text;
  }
  EXPECT_EQ(*policy.Check(C("127.0.0.1/32")), "is loopback (127.0.0.0/8)");
  EXPECT_EQ(*policy.Check(C("0.0.0.0/0")), "overlaps the unspecified address (0.0.0.0/8)");
  EXPECT_EQ(*policy.Check(C("120.0.0.0/5")), "overlaps loopback (127.0.0.0/8)");
}

TEST(SafetyPolicy, PrivateRangesNeedTheFlag) {
  SafetyPolicy strict(false, false), lenient(true, false);
  for (const char* text : {"10.1.2.3/32", "172.16.0.0/16", "172.31.255.255/32", "192.168.1.0/24",
                           "100.64.0.1/32", "fd00::1/128"}) {
    ASSERT_TRUE(strict.Check(C(text)).has_value()) << text;
    EXPECT_NE(strict.Check(C(text))->find("--allow-private"), std::string::npos);
    EXPECT_FALSE(lenient.Check(C(text)).has_value()) << text;
  }
  EXPECT_FALSE(strict.Check(C("172.32.0.1/32")).has_value());  // just outside 172.16.0.0/12
  // A public /16 next to a private range overlaps nothing.
  EXPECT_FALSE(strict.Check(C("11.0.0.0/16")).has_value());
}

TEST(SafetyPolicy, WideCidrsNeedForceWide) {
  SafetyPolicy narrow(false, false), wide(false, true);
  EXPECT_FALSE(narrow.Check(C("203.0.0.0/16")).has_value());
  EXPECT_EQ(*narrow.Check(C("203.0.0.0/15")), "wider than /16 (use --force-wide)");
  EXPECT_FALSE(wide.Check(C("203.0.0.0/15")).has_value());
  EXPECT_FALSE(narrow.Check(C("2001:db8::/48")).has_value());
  EXPECT_EQ(*narrow.Check(C("2001:db8::/47")), "wider than /48 (use --force-wide)");
}

TEST(SafetyPolicy, ProtectedAddressesBlockEveryOverlappingCidr) {
  SafetyPolicy policy(false, true);
  policy.Protect(*IpAddress::Parse("203.0.113.10"), "own address (eth0)");
  policy.Protect(C("198.51.100.0/28"), "on the allowlist");
  EXPECT_EQ(*policy.Check(C("203.0.113.10/32")), "is own address (eth0) 203.0.113.10");
  EXPECT_EQ(*policy.Check(C("203.0.113.0/24")), "contains own address (eth0) 203.0.113.10");
  EXPECT_FALSE(policy.Check(C("203.0.113.11/32")).has_value());
  EXPECT_EQ(*policy.Check(C("198.51.100.5/32")), "is on the allowlist 198.51.100.0/28");
  EXPECT_EQ(*policy.Check(C("198.51.0.0/16")), "contains on the allowlist 198.51.100.0/28");
  EXPECT_FALSE(policy.Check(C("198.51.100.16/28")).has_value());
  // An IPv4-mapped protected address protects the IPv4 address.
  policy.Protect(*IpAddress::Parse("::ffff:192.0.2.7"), "the SSH session fw-block runs in");
  EXPECT_TRUE(policy.Check(C("192.0.2.7/32")).has_value());
}

TEST(ParseBlockTarget, NormalisesAndExplainsRefusals) {
  std::string why;
  EXPECT_EQ(ParseBlockTarget("2001:DB8:0:0::1", why)->ToString(), "2001:db8::1/128");
  EXPECT_EQ(ParseBlockTarget("::ffff:203.0.113.9", why)->ToString(), "203.0.113.9/32");
  EXPECT_FALSE(ParseBlockTarget("evil.example.com", why));
  EXPECT_EQ(why, "a host name, not an address (fw-block never resolves names)");
  EXPECT_FALSE(ParseBlockTarget("10.1.2.3/8", why));
  EXPECT_EQ(why, "host bits set: write the network address (10.0.0.0/8)");
  EXPECT_FALSE(ParseBlockTarget("fe80::1%eth0", why));
  EXPECT_EQ(why, "an address with a zone id, which a firewall set cannot hold");
  EXPECT_FALSE(ParseBlockTarget("1.2.3", why));
  EXPECT_EQ(why, "not an IP address or CIDR");
  EXPECT_FALSE(ParseBlockTarget("1.2.3.4; rm -rf /", why));
}

TEST(ParseDuration, UnitsAndLimits) {
  EXPECT_EQ(ParseDuration("90"), 90);
  EXPECT_EQ(ParseDuration("90s"), 90);
  EXPECT_EQ(ParseDuration("30m"), 1800);
  EXPECT_EQ(ParseDuration("24h"), 86400);
  EXPECT_EQ(ParseDuration("7d"), 604800);
  EXPECT_EQ(ParseDuration("1w"), 604800);
  EXPECT_EQ(ParseDuration("1h30m"), 5400);
  for (const char* bad :
       {"", "0", "0s", "h", "1x", "1h30", "-5", "1.5h", "99999999999", "11000d"}) {
    EXPECT_FALSE(ParseDuration(bad).has_value()) << bad;
  }
}

TEST(HostFacts, DefaultGatewayFromProcNetRoute) {
  // /proc/net/route as Linux writes it: little-endian hex; 0101A8C0 is 192.168.1.1.
  const char* route =
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
      "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
      "eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n";
  const std::vector<IpAddress> gateways = ParseIpv4RouteTable(route);
  ASSERT_EQ(gateways.size(), 1u);
  EXPECT_EQ(gateways[0].ToString(), "192.168.1.1");
}

TEST(HostFacts, DefaultGatewayFromProcNetIpv6Route) {
  const char* route =
      "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
      "fe800000000000000000000000000001 00000400 00000001 00000000 00000003 eth0\n"
      "20010db8000000000000000000000000 40 00000000000000000000000000000000 00 "
      "00000000000000000000000000000000 00000100 00000001 00000000 00000001 eth0\n";
  const std::vector<IpAddress> gateways = ParseIpv6RouteTable(route);
  ASSERT_EQ(gateways.size(), 1u);
  EXPECT_EQ(gateways[0].ToString(), "fe80::1");
}

TEST(HostFacts, SshConnection) {
  const std::vector<IpAddress> ends = ParseSshConnection("203.0.113.5 51234 198.51.100.1 22");
  ASSERT_EQ(ends.size(), 2u);
  EXPECT_EQ(ends[0].ToString(), "203.0.113.5");
  EXPECT_EQ(ends[1].ToString(), "198.51.100.1");
  EXPECT_EQ(ParseSshConnection("::ffff:10.0.0.1 1 fe80::1%eth0 22")[0].ToString(), "10.0.0.1");
  EXPECT_TRUE(ParseSshConnection("").empty());
  EXPECT_TRUE(ParseSshConnection("garbage 1 2").empty());
}

TEST(HostFacts, RemoteAddressesFromIpAddrShow) {
  // `ip -o addr show` of iproute2 6.1.
  const char* text =
      "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
      "2: eth0    inet 198.51.100.1/24 brd 198.51.100.255 scope global eth0\\       valid_lft "
      "forever preferred_lft forever\n"
      "2: eth0    inet6 2001:db8:51::1/64 scope global \\       valid_lft forever\n";
  const std::vector<IpAddress> a = ParseIpAddrOutput(text);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[1].ToString(), "198.51.100.1");
  EXPECT_EQ(a[2].ToString(), "2001:db8:51::1");
}

TEST(HostFacts, OwnAddressesIncludeLoopback) {
  bool loopback = false;
  for (const ProtectedAddress& p : OwnAddresses()) loopback |= p.address.IsLoopback();
  EXPECT_TRUE(loopback);
}

}  // namespace
}  // namespace seckit::fw_block
