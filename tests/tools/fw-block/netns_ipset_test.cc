// fw-block --apply with the ipset backend (sets seckit4/seckit6 and iptables/ip6tables rules) in
// a real network namespace: traffic from the blocked peer stops (ping and a TCP connect fail) and
// flows again after --unblock and after the TTL runs out; --verify and --flush agree with what
// ipset and iptables themselves list.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "netns_fixture.h"

namespace seckit::fw_block_test {
namespace {

using testing::TempDir;

constexpr int kPort = 8022;

class IpsetLiveTest : public ::testing::Test {
 protected:
  // fw-block inside the firewall namespace with the test's state and audit files.
  CommandResult FwBlock(std::vector<std::string> args, const std::string& input = "") {
    std::vector<std::string> argv = {seckit::fw_block_test::FwBlock(),
                                     "--state",
                                     (dir_ / "state").string(),
                                     "--audit",
                                     (dir_ / "audit").string(),
                                     "--backend",
                                     "ipset"};
    argv.insert(argv.end(), args.begin(), args.end());
    return Exec(NetnsPair::In(net_.firewall(), argv), input);
  }
  std::string Set(const std::string& set) {
    return Exec(NetnsPair::In(net_.firewall(), {"ipset", "list", set})).out;
  }
  std::string Rules(const char* tool = "iptables") {
    return Exec(NetnsPair::In(net_.firewall(), {tool, "-S"})).out;
  }

  NetnsPair net_;
  TempDir dir_;
};

TEST_F(IpsetLiveTest, BlocksPingAndTcpUntilUnblocked) {
  SECKIT_REQUIRE_NETNS(net_);
  auto listener = net_.Listen(kPort);
  ASSERT_TRUE(net_.PeerPings(NetnsPair::kFirewall4)) << "no connectivity before blocking";
  ASSERT_TRUE(net_.PeerConnects(NetnsPair::kFirewall4, kPort));
  ASSERT_TRUE(net_.PeerPings(NetnsPair::kFirewall6));

  // A dry run changes nothing.
  CommandResult plan = FwBlock({}, std::string(NetnsPair::kPeer4) + "\n");
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_NE(plan.out.find("\"applied\":false"), std::string::npos);
  EXPECT_EQ(Exec(NetnsPair::In(net_.firewall(), {"ipset", "list", "-n"})).out, "");
  EXPECT_EQ(Rules().find("seckit"), std::string::npos);
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall4));

  CommandResult applied =
      FwBlock({"--apply"}, std::string(NetnsPair::kPeer4) + "\n" + NetnsPair::kPeer6 + "\n");
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_NE(Set("seckit4").find(NetnsPair::kPeer4), std::string::npos);
  EXPECT_NE(Set("seckit6").find(NetnsPair::kPeer6), std::string::npos);
  ExpectPeerBlockedByAddress(net_, kPort);

  // Applying the same list again is harmless (and keeps one element).
  ASSERT_EQ(FwBlock({"--apply"}, std::string(NetnsPair::kPeer4) + "\n").exit_code, 0);

  CommandResult verify = FwBlock({"--verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  // Drift: an element added behind fw-block's back, and one removed.
  // Applying twice inserted each iptables rule once.
  const std::string rules = Rules();
  size_t copies = 0;
  for (size_t at = rules.find("-A INPUT -m set --match-set seckit4 src -j DROP");
       at != std::string::npos;
       at = rules.find("-A INPUT -m set --match-set seckit4 src", at + 1)) {
    ++copies;
  }
  EXPECT_EQ(copies, 1u) << rules;
  EXPECT_NE(Rules("ip6tables").find("--match-set seckit6 src -j DROP"), std::string::npos);
  ASSERT_EQ(
      Exec(NetnsPair::In(net_.firewall(), {"ipset", "add", "seckit4", "192.0.2.99"})).exit_code, 0);
  ASSERT_EQ(
      Exec(NetnsPair::In(net_.firewall(), {"ipset", "del", "seckit6", "2001:db8:51::2"})).exit_code,
      0);
  ExpectDriftReported(FwBlock({"--verify"}), "192.0.2.99");

  CommandResult unblock = FwBlock({"--unblock", NetnsPair::kPeer4, "--apply"});
  ASSERT_EQ(unblock.exit_code, 0) << unblock.err;
  EXPECT_EQ(Set("seckit4").find(NetnsPair::kPeer4), std::string::npos);
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall4));
  EXPECT_TRUE(net_.PeerConnects(NetnsPair::kFirewall4, kPort));
  EXPECT_EQ(FwBlock({"--list"}).out.find(std::string("\"") + NetnsPair::kPeer4 + "\""),
            std::string::npos);

  ExpectAuditOfActions(dir_ / "audit", 4);

  // --flush removes the sets and the rules using them, and nothing else.
  ASSERT_EQ(Exec(NetnsPair::In(net_.firewall(), {"ipset", "create", "other", "hash:ip"})).exit_code,
            0);
  ASSERT_EQ(Exec(NetnsPair::In(net_.firewall(), {"iptables", "-A", "INPUT", "-p", "tcp", "--dport",
                                                 "9", "-j", "DROP"}))
                .exit_code,
            0);
  CommandResult flush = FwBlock({"--flush", "--apply"});
  ASSERT_EQ(flush.exit_code, 0) << flush.err;
  const std::string sets = Exec(NetnsPair::In(net_.firewall(), {"ipset", "list", "-n"})).out;
  EXPECT_EQ(sets, "other\n");
  EXPECT_EQ(Rules().find("seckit"), std::string::npos);
  EXPECT_EQ(Rules("ip6tables").find("seckit"), std::string::npos);
  EXPECT_NE(Rules().find("--dport 9 -j DROP"), std::string::npos);
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall6));
}

TEST_F(IpsetLiveTest, TrafficFlowsAgainAfterTheTtl) {
  SECKIT_REQUIRE_NETNS(net_);
  ExpectBlockEndsWithItsTtl(net_, kPort, [this](std::vector<std::string> args,
                                                const std::string& input) {
    return FwBlock(std::move(args), input);
  });
}

}  // namespace
}  // namespace seckit::fw_block_test
