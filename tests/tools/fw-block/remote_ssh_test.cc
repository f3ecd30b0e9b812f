// fw-block --ssh against a real OpenSSH sshd started by the test, with a generated host key and
// user key, inside the firewall namespace of a veth pair: on 127.0.0.1 (the namespace's own
// loopback) and on the veth address. The blocks land in that namespace's nft, traffic from the
// peer stops, one unreachable host fails alone (exit 69), and the address a remote host is
// reached from is never blocked.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "netns_fixture.h"

namespace seckit::fw_block_test {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

constexpr int kSshPort = 2222;  // free: the firewall namespace is fresh
constexpr int kClosedPort = 2223;

// sshd needs /run/sshd; it runs in a mount namespace of its own with a private /run, so the host
// is left as it was. $1 is sshd's config file.
constexpr const char* kStartSshd =
    "set -e; mount -t tmpfs -o mode=0755 tmpfs /run; mkdir -m 0755 /run/sshd; "
    "exec /usr/sbin/sshd -D -e -f \"$1\"";

class RemoteSshTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* p : {"/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/ssh-keygen"}) {
      if (access(p, X_OK) != 0) GTEST_SKIP() << p << " is not installed";
    }
    if (net_.forbidden()) GTEST_SKIP() << "network namespaces are forbidden here: " << net_.error();
    ASSERT_TRUE(net_.ready()) << net_.error();
    const std::string d = dir_.path().string();
    ASSERT_EQ(
        Exec({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", d + "/host_key"}).exit_code, 0);
    ASSERT_EQ(
        Exec({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", d + "/user_key"}).exit_code, 0);
    fs::copy_file(dir_ / "user_key.pub", dir_ / "authorized_keys");
    testing::WriteFile(dir_ / "sshd_config",
                       "Port " + std::to_string(kSshPort) + "\nListenAddress 127.0.0.1\n" +
                           "ListenAddress " + NetnsPair::kFirewall4 + "\nHostKey " + d +
                           "/host_key\nPidFile none\nAuthorizedKeysFile " + d +
                           "/authorized_keys\nUsePAM no\nPasswordAuthentication no\n"
                           "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n"
                           "StrictModes no\nLogLevel ERROR\n");
    const std::string host_key = testing::ReadFile(dir_ / "host_key.pub");
    const std::string key = host_key.substr(0, host_key.rfind(' '));
    testing::WriteFile(dir_ / "known_hosts", "[127.0.0.1]:" + std::to_string(kSshPort) + " " + key +
                                                 "\n[" + NetnsPair::kFirewall4 +
                                                 "]:" + std::to_string(kSshPort) + " " + key +
                                                 "\nslowhost " + key + "\n");
    // Host aliases: the firewall over loopback, over the veth, and a port nobody listens on.
    std::string config;
    for (const auto& [alias, address, port] : {std::tuple{"fw", "127.0.0.1", kSshPort},
                                               {"fw-veth", NetnsPair::kFirewall4, kSshPort},
                                               {"nowhere", "127.0.0.1", kClosedPort}}) {
      config += std::string("Host ") + alias + "\n  HostName " + address + "\n  Port " +
                std::to_string(port) + "\n";
    }
    // Two more names for the firewall whose every connection takes 3 s to set up, to see that
    // hosts are done in parallel.
    for (const char* alias : {"slow1", "slow2"}) {
      config += std::string("Host ") + alias + "\n  HostName 127.0.0.1\n  Port " +
                std::to_string(kSshPort) + "\n  HostKeyAlias slowhost\n" +
                "  ProxyCommand sh -c 'sleep 3; exec nc -n %h %p'\n";
    }
    config += "Host *\n  IdentityFile " + d +
              "/user_key\n  IdentitiesOnly yes\n"
              "  IdentityAgent none\n  UserKnownHostsFile " +
              d +
              "/known_hosts\n"
              "  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n"
              "  ConnectTimeout 5\n  LogLevel ERROR\n";
    testing::WriteFile(dir_ / "ssh_config", config);
    sshd_ = std::make_unique<Background>(
        NetnsPair::In(net_.firewall(), {"unshare", "--mount", "--propagation", "private", "sh",
                                        "-c", kStartSshd, "sh", d + "/sshd_config"}));
    for (int i = 0; i < 100; ++i) {
      if (Exec(NetnsPair::In(net_.firewall(),
                             {"nc", "-z", "-n", "-w", "1", "127.0.0.1", std::to_string(kSshPort)}))
              .exit_code == 0) {
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "sshd did not start";
  }

  // fw-block run in namespace `ns` with the test's ssh config, state and audit files.
  CommandResult FwBlockIn(const std::string& ns, std::vector<std::string> args,
                          const std::string& input = "") {
    std::vector<std::string> argv = {FwBlock(),
                                     "--ssh-config",
                                     (dir_ / "ssh_config").string(),
                                     "--state",
                                     (dir_ / "state").string(),
                                     "--audit",
                                     (dir_ / "audit").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return Exec(NetnsPair::In(ns, argv), input);
  }

  std::vector<nlohmann::json> Records(const std::string& out) {
    std::vector<nlohmann::json> records;
    for (const std::string& line : testing::SplitLines(out)) {
      records.push_back(nlohmann::json::parse(line));
    }
    return records;
  }

  NetnsPair net_;
  TempDir dir_;
  std::unique_ptr<Background> sshd_;
};

TEST_F(RemoteSshTest, BlocksOnTheRemoteHostAndOneFailingHostFailsAlone) {
  const std::string input = std::string(NetnsPair::kPeer4) + "\n";
  // The plan says which commands would run over ssh, per host, and changes nothing.
  CommandResult plan = FwBlockIn(net_.firewall(), {"--ssh", "root@fw"}, input);
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  std::vector<nlohmann::json> records = Records(plan.out);
  ASSERT_EQ(records.size(), 1u) << plan.out;
  EXPECT_EQ(records[0]["fw"]["host"], "root@fw");
  EXPECT_EQ(records[0]["fw"]["commands"][0],
            nlohmann::json({"ssh", "-T", "-o", "BatchMode=yes", "-F",
                            (dir_ / "ssh_config").string(), "--", "root@fw", "nft", "-f", "-"}));
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall4));

  CommandResult applied =
      FwBlockIn(net_.firewall(), {"--ssh", "root@fw", "--ssh", "root@nowhere", "--apply"}, input);
  EXPECT_EQ(applied.exit_code, 69) << applied.err;
  EXPECT_NE(applied.err.find("1 of 2 hosts failed"), std::string::npos) << applied.err;
  records = Records(applied.out);
  ASSERT_EQ(records.size(), 2u) << applied.out;
  EXPECT_EQ(records[0]["fw"]["host"], "root@fw");
  EXPECT_EQ(records[0]["fw"]["applied"], true);
  EXPECT_EQ(records[1]["fw"]["host"], "root@nowhere");
  EXPECT_FALSE(records[1]["fw"].contains("applied") && records[1]["fw"]["applied"] == true);
  EXPECT_FALSE(net_.PeerPings(NetnsPair::kFirewall4));
  EXPECT_NE(Exec(NetnsPair::In(net_.firewall(), {"nft", "list", "set", "inet", "seckit", "host4"}))
                .out.find(NetnsPair::kPeer4),
            std::string::npos);

  // The state knows the block on fw, not on the host that failed; --verify reads it over ssh.
  const std::string state = testing::ReadFile(dir_ / "state");
  EXPECT_NE(state.find("\"host\":\"root@fw\""), std::string::npos) << state;
  EXPECT_EQ(state.find("nowhere"), std::string::npos) << state;
  EXPECT_EQ(FwBlockIn(net_.firewall(), {"--ssh", "root@fw", "--verify"}).exit_code, 0);

  CommandResult unblock =
      FwBlockIn(net_.firewall(), {"--ssh", "root@fw", "--unblock", NetnsPair::kPeer4, "--apply"});
  ASSERT_EQ(unblock.exit_code, 0) << unblock.err;
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall4));
}

TEST_F(RemoteSshTest, HostsAreDoneInParallel) {
  // Each host takes four ssh connections (SSH_CONNECTION, addresses, routes, the nft batch) of
  // at least 3 s each: one after the other, two hosts cannot take less than 24 s; in parallel
  // they take 12 s and the connections' own time.
  const auto start = std::chrono::steady_clock::now();
  CommandResult r =
      FwBlockIn(net_.firewall(), {"--ssh", "root@slow1", "--ssh", "root@slow2", "--apply"},
                std::string(NetnsPair::kPeer4) + "\n");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(seconds, 12.0);
  EXPECT_LT(seconds, 24.0) << "hosts one after the other?";
  RecordProperty("seconds", std::to_string(seconds));
  const std::vector<nlohmann::json> records = Records(r.out);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0]["fw"]["host"], "root@slow1");  // in the order the hosts were given
  EXPECT_EQ(records[1]["fw"]["host"], "root@slow2");
  EXPECT_EQ(records[0]["fw"]["applied"], true);
  EXPECT_EQ(records[1]["fw"]["applied"], true);
  EXPECT_FALSE(net_.PeerPings(NetnsPair::kFirewall4));
}

TEST_F(RemoteSshTest, NeverBlocksTheAddressTheHostIsReachedFrom) {
  // fw-block runs in the peer namespace and reaches the firewall over the veth from kPeer4.
  const std::string input = std::string(NetnsPair::kPeer4) + "\n" + NetnsPair::kPeer4b + "\n" +
                            NetnsPair::kFirewall4 + "\n" + NetnsPair::kFirewall6 + "\n";
  CommandResult r = FwBlockIn(net_.peer(), {"--ssh", "root@fw-veth", "--apply"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<nlohmann::json> records = Records(r.out);
  ASSERT_EQ(records.size(), 4u) << r.out;
  EXPECT_EQ(records[0]["fw"]["action"], "skip");
  EXPECT_NE(records[0]["fw"]["reason"].get<std::string>().find("root@fw-veth is reached from"),
            std::string::npos);
  EXPECT_EQ(records[1]["fw"]["action"], "block");
  EXPECT_EQ(records[2]["fw"]["action"], "skip");
  EXPECT_NE(records[2]["fw"]["reason"].get<std::string>().find("own address"), std::string::npos);
  // Its other address, learnt from `ip -o addr show` on the remote host.
  EXPECT_EQ(records[3]["fw"]["action"], "skip");
  EXPECT_EQ(records[3]["fw"]["reason"], "is root@fw-veth's own address 2001:db8:51::1");
  // Traffic from the blocked address stops; the session's own address still gets through.
  EXPECT_FALSE(net_.PeerPings(NetnsPair::kFirewall4, NetnsPair::kPeer4b));
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall4, NetnsPair::kPeer4));
  EXPECT_EQ(FwBlockIn(net_.peer(), {"--ssh", "root@fw-veth", "--flush", "--apply"}).exit_code, 0);
  EXPECT_TRUE(net_.PeerPings(NetnsPair::kFirewall4, NetnsPair::kPeer4b));
}

}  // namespace
}  // namespace seckit::fw_block_test
