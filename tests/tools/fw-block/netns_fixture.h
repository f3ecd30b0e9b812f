// Helpers for fw-block's live tests: a pair of network namespaces joined by a veth (created by
// the test, with unique names, and always deleted, even when an assertion fails), background
// processes that are always killed, and reachability probes (ping, TCP connect) between them.
#ifndef SECKIT_TESTS_TOOLS_FW_BLOCK_NETNS_FIXTURE_H_
#define SECKIT_TESTS_TOOLS_FW_BLOCK_NETNS_FIXTURE_H_

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

extern char** environ;

namespace seckit::fw_block_test {

using testing::CommandResult;
using testing::Run;

// testing::Run under a name gtest fixtures do not hide (::testing::Test has a Run()).
inline CommandResult Exec(const std::vector<std::string>& argv, const std::string& input = "") {
  return testing::Run(argv, input);
}

// The built fw-block.
inline std::string FwBlock() { return (testing::BinDir() / "fw-block").string(); }

// A child process in its own process group, killed (SIGKILL) on destruction.
class Background {
 public:
  explicit Background(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_ = fork();
    if (pid_ != 0) return;
    const int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null < 0 || setpgid(0, 0) != 0 || prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 ||
        dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0) {
      _exit(127);
    }
    execvp(args[0], args.data());
    _exit(127);
  }
  ~Background() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

 private:
  pid_t pid_ = -1;
};

// Two namespaces, "firewall" (where fw-block runs) and "peer", joined by a veth:
// firewall 198.51.100.1/24 and 2001:db8:51::1/64, peer 198.51.100.2 and 2001:db8:51::2
// (documentation ranges: neither private nor routed, so no flag is needed to block them).
class NetnsPair {
 public:
  static constexpr const char* kFirewall4 = "198.51.100.1";
  static constexpr const char* kPeer4 = "198.51.100.2";
  static constexpr const char* kPeer4b = "198.51.100.3";  // a second address of the peer
  static constexpr const char* kFirewall6 = "2001:db8:51::1";
  static constexpr const char* kPeer6 = "2001:db8:51::2";

  NetnsPair() {
    static std::atomic<int> counter{0};
    const std::string id = std::to_string(getpid()) + "-" + std::to_string(counter++);
    firewall_ = "fwb-fw-" + id;
    peer_ = "fwb-peer-" + id;
    const std::string veth_id = std::to_string(getpid() % 100000) + std::to_string(counter);
    const std::string veth_fw = "fwbf" + veth_id, veth_peer = "fwbp" + veth_id;
    CommandResult add = Run({"ip", "netns", "add", firewall_});
    if (add.exit_code != 0) {
      error_ = "ip netns add: " + add.err;
      forbidden_ = true;
      firewall_.clear();
      return;
    }
    if (Run({"ip", "netns", "add", peer_}).exit_code != 0) {
      error_ = "ip netns add failed for the second namespace";
      peer_.clear();
      return;
    }
    const std::vector<std::vector<std::string>> setup = {
        {"ip", "-n", firewall_, "link", "add", veth_fw, "type", "veth", "peer", "name", veth_peer,
         "netns", peer_},
        {"ip", "-n", firewall_, "link", "set", "lo", "up"},
        {"ip", "-n", peer_, "link", "set", "lo", "up"},
        {"ip", "-n", firewall_, "addr", "add", std::string(kFirewall4) + "/24", "dev", veth_fw},
        {"ip", "-n", peer_, "addr", "add", std::string(kPeer4) + "/24", "dev", veth_peer},
        {"ip", "-n", peer_, "addr", "add", std::string(kPeer4b) + "/24", "dev", veth_peer},
        {"ip", "-n", firewall_, "addr", "add", std::string(kFirewall6) + "/64", "dev", veth_fw,
         "nodad"},
        {"ip", "-n", peer_, "addr", "add", std::string(kPeer6) + "/64", "dev", veth_peer, "nodad"},
        {"ip", "-n", firewall_, "link", "set", veth_fw, "up"},
        {"ip", "-n", peer_, "link", "set", veth_peer, "up"},
    };
    for (const std::vector<std::string>& argv : setup) {
      CommandResult r = Run(argv);
      if (r.exit_code != 0) {
        error_ = "setting up the namespaces failed: " + r.err;
        return;
      }
    }
    ready_ = true;
  }
  ~NetnsPair() {
    if (!firewall_.empty()) (void)Run({"ip", "netns", "del", firewall_});
    if (!peer_.empty()) (void)Run({"ip", "netns", "del", peer_});
  }
  NetnsPair(const NetnsPair&) = delete;
  NetnsPair& operator=(const NetnsPair&) = delete;

  bool ready() const { return ready_; }
  bool forbidden() const { return forbidden_; }
  const std::string& error() const { return error_; }
  const std::string& firewall() const { return firewall_; }
  const std::string& peer() const { return peer_; }

  // argv run inside namespace `ns`.
  static std::vector<std::string> In(const std::string& ns, std::vector<std::string> argv) {
    argv.insert(argv.begin(), {"ip", "netns", "exec", ns});
    return argv;
  }

  // One ping from the peer (from `source`) to the firewall's `target`.
  bool PeerPings(const std::string& target, const std::string& source = "") const {
    std::vector<std::string> argv = {"ping", "-c", "1", "-W", "1", "-n", "-q"};
    if (!source.empty()) argv.insert(argv.end(), {"-I", source});
    argv.push_back(target);
    return Run(In(peer_, argv)).exit_code == 0;
  }

  // A TCP connect from the peer to the firewall's listener on `port` (nc -z, 2 s timeout).
  bool PeerConnects(const std::string& target, int port, const std::string& source = "") const {
    std::vector<std::string> argv = {"nc", "-z", "-n", "-w", "2"};
    if (!source.empty()) argv.insert(argv.end(), {"-s", source});
    argv.insert(argv.end(), {target, std::to_string(port)});
    return Run(In(peer_, argv)).exit_code == 0;
  }

  // A TCP listener in the firewall namespace (nc -lk), until the returned object dies.
  std::unique_ptr<Background> Listen(int port) const {
    auto listener = std::make_unique<Background>(
        In(firewall_, {"nc", "-lk", "-n", "-s", "0.0.0.0", "-p", std::to_string(port)}));
    // Wait until it accepts (the namespace is fresh: nothing else listens there).
    for (int i = 0; i < 50; ++i) {
      if (Run(In(firewall_, {"nc", "-z", "-n", "-w", "1", "127.0.0.1", std::to_string(port)}))
              .exit_code == 0) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return listener;
  }

 private:
  std::string firewall_, peer_, error_;
  bool ready_ = false;
  bool forbidden_ = false;
};

// Skips the test when namespaces cannot be made here, fails it when they could but setup broke.
#define SECKIT_REQUIRE_NETNS(pair)                                               \
  if ((pair).forbidden())                                                        \
    GTEST_SKIP() << "network namespaces are forbidden here: " << (pair).error(); \
  ASSERT_TRUE((pair).ready()) << (pair).error()

// The checks every live backend test makes the same way.

// After blocking the peer's kPeer4 and kPeer6: no ping or TCP from them, but the peer's other
// address still gets through (the drop is by address, not by interface).
inline void ExpectPeerBlockedByAddress(const NetnsPair& net, int port) {
  EXPECT_FALSE(net.PeerPings(NetnsPair::kFirewall4));
  EXPECT_FALSE(net.PeerConnects(NetnsPair::kFirewall4, port));
  EXPECT_FALSE(net.PeerPings(NetnsPair::kFirewall6));
  EXPECT_TRUE(net.PeerPings(NetnsPair::kFirewall4, NetnsPair::kPeer4b));
}

// `verify` is fw-block --verify after the test added `added` to fw-block's set and removed one
// of its blocks behind its back: status 1, the one unexpected, the other missing.
inline void ExpectDriftReported(const CommandResult& verify, const std::string& added) {
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_NE(verify.out.find("\"address\":\"" + added + "\""), std::string::npos);
  EXPECT_NE(verify.out.find("\"drift\":\"unexpected\""), std::string::npos);
  EXPECT_NE(verify.out.find("\"drift\":\"missing\""), std::string::npos);
}

// The audit log holds every applied action (at least `min_lines`), one fw.action record a line.
inline void ExpectAuditOfActions(const std::filesystem::path& audit, size_t min_lines) {
  const std::vector<std::string> lines = testing::SplitLines(testing::ReadFile(audit));
  ASSERT_GE(lines.size(), min_lines);
  for (const std::string& line : lines) {
    EXPECT_EQ(nlohmann::json::parse(line)["event"]["dataset"], "fw.action");
  }
}

// A block applied with --ttl 5s holds while it should, and traffic flows again once it runs out;
// then --list calls it expired and --expire --apply forgets it. `fw_block(args, input)` runs
// fw-block in the firewall namespace with the backend under test.
template <typename FwBlockFn>
void ExpectBlockEndsWithItsTtl(const NetnsPair& net, int port, FwBlockFn fw_block) {
  auto listener = net.Listen(port);
  const auto applied_at = std::chrono::steady_clock::now();
  CommandResult applied = fw_block({"--apply", "--ttl", "5s"}, std::string(NetnsPair::kPeer4));
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_NE(applied.out.find("\"ttl\":5"), std::string::npos);
  EXPECT_FALSE(net.PeerPings(NetnsPair::kFirewall4));
  EXPECT_FALSE(net.PeerConnects(NetnsPair::kFirewall4, port));
  std::this_thread::sleep_until(applied_at + std::chrono::milliseconds(5300));
  EXPECT_TRUE(net.PeerPings(NetnsPair::kFirewall4));
  EXPECT_TRUE(net.PeerConnects(NetnsPair::kFirewall4, port));

  // The firewall dropped it; --expire forgets it in the state too, and says so.
  EXPECT_NE(fw_block({"--list"}, "").out.find("\"expired\":true"), std::string::npos);
  CommandResult expire = fw_block({"--expire", "--apply"}, "");
  ASSERT_EQ(expire.exit_code, 0) << expire.err;
  EXPECT_NE(expire.out.find("\"action\":\"expire\""), std::string::npos);
  EXPECT_EQ(fw_block({"--list"}, "").out, "");
}

}  // namespace seckit::fw_block_test

#endif  // SECKIT_TESTS_TOOLS_FW_BLOCK_NETNS_FIXTURE_H_
