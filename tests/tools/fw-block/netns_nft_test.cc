// fw-block --apply with the nft backend in a real network namespace: traffic from the blocked
// peer stops (ping and a TCP connect fail) and flows again after --unblock and after the TTL
// runs out; --verify, --list, --expire and --flush agree with what nft itself lists.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "netns_fixture.h"

namespace seckit::fw_block_test {
namespace {

using testing::TempDir;

constexpr int kPort = 8022;

class NftLiveTest : public ::testing::Test {
 protected:
  // fw-block inside the firewall namespace with the test's state and audit files.
  CommandResult FwBlock(std::vector<std::string> args, const std::string& input = "") {
    std::vector<std::string> argv = {seckit::fw_block_test::FwBlock(), "--state",
                                     (dir_ / "state").string(), "--audit",
                                     (dir_ / "audit").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return Exec(NetnsPair::In(net_.firewall(), argv), input);
  }
  std::string NftSet(const std::string& set) {
    return Exec(NetnsPair::In(net_.firewall(), {"nft", "list", "set", "inet", "seckit", set})).out;
  }

  NetnsPair net_;
  TempDir dir_;
};

TEST_F(NftLiveTest, BlocksPingAndTcpUntilUnblocked) {
  SECKIT_REQUIRE_NETNS(net_);
  auto listener = net_.Listen(kPort);
  ASSERT_TRUE(net_.PeerPings(NetnsPair::kFirewall4)) << "no connectivity before blocking";
  ASSERT_TRUE(net_.PeerConnects(NetnsPair::kFirewall4, kPort));
  ASSERT_TRUE(net_.PeerPings(NetnsPair::kFirewall6));

  // A dry run changes nothing.
  CommandResult plan = FwBlock({}, std::string(NetnsPair::kPeer4) + "\n");
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_NE(plan.out.find("\"applied\":false"), std::string::npos);
  EXPECT_EQ(Exec(NetnsPair::In(net_.firewall(), {"nft", "list", "ruleset"})).out, "");
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall4));

  CommandResult applied =
      FwBlock({"--apply"}, std::string(NetnsPair::kPeer4) + "\n" + NetnsPair::kPeer6 + "\n");
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_NE(NftSet("host4").find(NetnsPair::kPeer4), std::string::npos);
  EXPECT_NE(NftSet("host6").find(NetnsPair::kPeer6), std::string::npos);
  ExpectPeerBlockedByAddress(net_, kPort);

  // Applying the same list again is harmless (and keeps one element).
  ASSERT_EQ(FwBlock({"--apply"}, std::string(NetnsPair::kPeer4) + "\n").exit_code, 0);

  CommandResult verify = FwBlock({"--verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  // A block asked for by a record keeps that record in the state.
  const std::string alert = R"({"rule":{"id":"scan"},"source":{"ip":"192.0.2.77"}})";
  ASSERT_EQ(FwBlock({"--apply"}, alert + "\n").exit_code, 0);
  EXPECT_NE(testing::ReadFile(dir_ / "state").find("\"record\":" + alert), std::string::npos);

  // Drift: an element added behind fw-block's back, and one removed.
  ASSERT_EQ(Exec(NetnsPair::In(net_.firewall(), {"nft", "add", "element", "inet", "seckit", "host4",
                                                 "{ 192.0.2.98 }"}))
                .exit_code,
            0);
  ASSERT_EQ(Exec(NetnsPair::In(net_.firewall(), {"nft", "delete", "element", "inet", "seckit",
                                                 "host6", "{ 2001:db8:51::2 }"}))
                .exit_code,
            0);
  ExpectDriftReported(FwBlock({"--verify"}), "192.0.2.98");

  CommandResult unblock = FwBlock({"--unblock", NetnsPair::kPeer4, "--apply"});
  ASSERT_EQ(unblock.exit_code, 0) << unblock.err;
  EXPECT_EQ(NftSet("host4").find(NetnsPair::kPeer4), std::string::npos);
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall4));
  EXPECT_TRUE(net_.PeerConnects(NetnsPair::kFirewall4, kPort));
  EXPECT_EQ(FwBlock({"--list"}).out.find(std::string("\"") + NetnsPair::kPeer4 + "\""),
            std::string::npos);

  ExpectAuditOfActions(dir_ / "audit", 4);

  // --flush removes the table, and only it.
  ASSERT_EQ(
      Exec(NetnsPair::In(net_.firewall(), {"nft", "add", "table", "inet", "other"})).exit_code, 0);
  ASSERT_EQ(FwBlock({"--flush", "--apply"}).exit_code, 0);
  const std::string ruleset = Exec(NetnsPair::In(net_.firewall(), {"nft", "list", "tables"})).out;
  EXPECT_EQ(ruleset.find("seckit"), std::string::npos);
  EXPECT_NE(ruleset.find("table inet other"), std::string::npos);
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall6));
}

TEST_F(NftLiveTest, BlocksNetworks) {
  SECKIT_REQUIRE_NETNS(net_);
  // 198.51.100.2/31 holds both peer addresses; /30 would hold the firewall's own .1.
  CommandResult r = FwBlock({"--apply"}, "198.51.100.2/31\n198.51.100.0/30\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"reason\":\"contains own address"), std::string::npos) << r.out;
  EXPECT_NE(NftSet("net4").find("198.51.100.2/31"), std::string::npos);
  EXPECT_FALSE(net_.PeerPings(NetnsPair::kFirewall4, NetnsPair::kPeer4));
  EXPECT_FALSE(net_.PeerPings(NetnsPair::kFirewall4, NetnsPair::kPeer4b));
  // A network overlapping a blocked one is refused (nft's interval set would reject the whole
  // batch); a single address inside it goes to the host set.
  r = FwBlock({"--apply"}, "198.51.100.2/32\n192.0.2.0/24\n192.0.2.128/25\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("overlaps 192.0.2.0/24, blocked already"), std::string::npos) << r.out;
  EXPECT_NE(NftSet("host4").find(NetnsPair::kPeer4), std::string::npos);
  ASSERT_EQ(FwBlock({"--unblock", "198.51.100.2/31", "--apply"}).exit_code, 0);
  EXPECT_FALSE(net_.PeerPings(NetnsPair::kFirewall4, NetnsPair::kPeer4));  // the host entry
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall4, NetnsPair::kPeer4b));
}

TEST_F(NftLiveTest, TrafficFlowsAgainAfterTheTtl) {
  SECKIT_REQUIRE_NETNS(net_);
  ExpectBlockEndsWithItsTtl(net_, kPort, [this](std::vector<std::string> args,
                                                const std::string& input) {
    return FwBlock(std::move(args), input);
  });
}

TEST_F(NftLiveTest, RefusedInputChangesNoFirewall) {
  SECKIT_REQUIRE_NETNS(net_);
  const std::string input = std::string("garbage\nevil.example\n0.0.0.0/0\n") +
                            NetnsPair::kFirewall4 + "\n127.0.0.1\n::1\nfe80::1\n224.0.0.1\n";
  CommandResult r = FwBlock({"--apply", "--force-wide"}, input);
  EXPECT_EQ(r.exit_code, 65) << r.err;
  EXPECT_NE(r.err.find("\"garbage\" is not an IP address or CIDR ((standard input):1)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("host name"), std::string::npos);
  EXPECT_NE(r.out.find("own address"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"action\":\"block\""), std::string::npos) << r.out;
  EXPECT_EQ(Exec(NetnsPair::In(net_.firewall(), {"nft", "list", "ruleset"})).out, "");
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall4));

  // The default gateways (here the peer, read from /proc/net/route and /proc/net/ipv6_route).
  ASSERT_EQ(Exec(NetnsPair::In(net_.firewall(), {"ip", "route", "add", "default", "via",
                                                 NetnsPair::kPeer4}))
                .exit_code,
            0);
  ASSERT_EQ(Exec(NetnsPair::In(net_.firewall(), {"ip", "-6", "route", "add", "default", "via",
                                                 NetnsPair::kPeer6}))
                .exit_code,
            0);
  r = FwBlock({"--apply"}, std::string(NetnsPair::kPeer4) + "\n" + NetnsPair::kPeer6 + "\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(std::string("\"reason\":\"is default gateway ") + NetnsPair::kPeer4),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(std::string("\"reason\":\"is default gateway ") + NetnsPair::kPeer6),
            std::string::npos);
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall4));

  // A million lines: more than --max, refused before anything changes.
  std::string million;
  million.reserve(16 * 1000000);
  for (int i = 0; i < 1000000; ++i) {
    million += "203." + std::to_string((i >> 16) & 255) + "." + std::to_string((i >> 8) & 255) +
               "." + std::to_string(i & 255) + "\n";
  }
  r = FwBlock({"--apply"}, million);
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("more than 1000 addresses to block (--max)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was changed"), std::string::npos);
  EXPECT_EQ(Exec(NetnsPair::In(net_.firewall(), {"nft", "list", "ruleset"})).out, "");
}

}  // namespace
}  // namespace seckit::fw_block_test
