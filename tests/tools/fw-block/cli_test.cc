// fw-block's command line end to end: help, usage errors (64), missing input (66), bad input
// (65), a closed pipe (0), dry runs that never touch the firewall, and the snippet backends' text.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace seckit::fw_block {
namespace {

using testing::CommandResult;
using testing::TempDir;

std::string Bin() { return (testing::BinDir() / "fw-block").string(); }

CommandResult FwBlock(const TempDir& dir, std::vector<std::string> args,
                      const std::string& input = "") {
  std::vector<std::string> argv = {Bin(), "--state", (dir / "state").string(), "--audit",
                                   (dir / "audit").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::Run(argv, input);
}

TEST(FwBlockCli, HelpAndUsageErrors) {
  TempDir dir;
  CommandResult help = testing::Run({Bin(), "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--backend"), std::string::npos);
  EXPECT_EQ(FwBlock(dir, {"--no-such-flag"}).exit_code, 64);
  EXPECT_EQ(FwBlock(dir, {"--backend", "iptables"}).exit_code, 64);
  CommandResult r = FwBlock(dir, {"--ttl", "soon"});
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("--ttl \"soon\": not a duration"), std::string::npos) << r.err;
  r = FwBlock(dir, {"--backend", "cisco-ios", "--apply"});
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("drop --apply"), std::string::npos);
  EXPECT_EQ(FwBlock(dir, {"--list", "--flush"}).exit_code, 64);
  EXPECT_EQ(FwBlock(dir, {"--unblock", "evil.example"}).exit_code, 64);
  EXPECT_EQ(FwBlock(dir, {"--ssh", "-oProxyCommand=x"}).exit_code, 64);
  EXPECT_EQ(FwBlock(dir, {"--allow", "nonsense"}, "203.0.113.1\n").exit_code, 64);
}

TEST(FwBlockCli, MissingInputAndBadInput) {
  TempDir dir;
  testing::WriteFile(dir / "ok.txt", "203.0.113.1\n");
  CommandResult r = FwBlock(dir, {(dir / "absent.txt").string(), (dir / "ok.txt").string()});
  EXPECT_EQ(r.exit_code, 66);
  EXPECT_NE(r.out.find("\"address\":\"203.0.113.1\""), std::string::npos);  // the rest is read
  r = FwBlock(dir, {}, "203.0.113.1\nnot-an-address\n");
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("\"not-an-address\" is not an IP address or CIDR ((standard input):2)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("203.0.113.1"), std::string::npos);
  r = FwBlock(dir, {"--strict"}, "not-an-address\n203.0.113.1\n");
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(r.out, "");
}

TEST(FwBlockCli, DryRunPlanIsRecordsAndTouchesNoState) {
  TempDir dir;
  CommandResult r =
      FwBlock(dir, {"--ttl", "1h", "--reason", "incident 42"}, "203.0.113.1\n127.0.0.1\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = testing::SplitLines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  const nlohmann::json block = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(block["event"]["kind"], "event");
  EXPECT_EQ(block["event"]["module"], "fw-block");
  EXPECT_EQ(block["event"]["dataset"], "fw.action");
  EXPECT_EQ(block["fw"]["action"], "block");
  EXPECT_EQ(block["fw"]["address"], "203.0.113.1");
  EXPECT_EQ(block["fw"]["reason"], "incident 42");
  EXPECT_EQ(block["fw"]["applied"], false);
  EXPECT_EQ(block["fw"]["ttl"], 3600);
  EXPECT_TRUE(block["fw"].contains("expires"));
  EXPECT_EQ(block["fw"]["commands"], nlohmann::json::parse(R"([["nft","-f","-"]])"));
  EXPECT_EQ(block["related"]["ip"], nlohmann::json::parse(R"(["203.0.113.1"])"));
  const nlohmann::json skip = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(skip["fw"]["action"], "skip");
  EXPECT_EQ(skip["fw"]["reason"], "is loopback (127.0.0.0/8)");
  EXPECT_FALSE(std::filesystem::exists(dir / "state"));
  EXPECT_FALSE(std::filesystem::exists(dir / "audit"));
}

TEST(FwBlockCli, AllowlistFromConfigAndFlagAndTheSshPeer) {
  TempDir dir;
  testing::WriteFile(dir / "config.toml", "[fw-block]\nallow = [\"203.0.113.0/28\"]\n");
  std::filesystem::permissions(dir / "config.toml", std::filesystem::perms(0600));
  CommandResult r =
      FwBlock(dir, {"--config", (dir / "config.toml").string(), "--allow", "198.51.100.64/26"},
              "203.0.113.5\n203.0.113.20\n198.51.100.70\n198.51.100.1\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = testing::SplitLines(r.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_NE(lines[0].find("\"reason\":\"is on the allowlist 203.0.113.0/28\""), std::string::npos);
  EXPECT_NE(lines[1].find("\"action\":\"block\""), std::string::npos);
  EXPECT_NE(lines[2].find("\"reason\":\"is on the allowlist 198.51.100.64/26\""),
            std::string::npos);
  EXPECT_NE(lines[3].find("\"action\":\"block\""), std::string::npos);

  // Run from an SSH session: its peer is never blocked.
  r = testing::Run({"env", "SSH_CONNECTION=192.0.2.44 50000 192.0.2.1 22", Bin(), "--state",
                    (dir / "state").string()},
                   "192.0.2.44\n192.0.2.45\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"reason\":\"is the peer of the SSH session fw-block runs in 192.0.2.44\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"address\":\"192.0.2.45\",\"reason\":\"listed"), std::string::npos);
}

TEST(FwBlockCli, ClosedPipeIsSuccess) {
  TempDir dir;
  std::string input;
  for (int i = 0; i < 900; ++i)
    input += "203.0." + std::to_string(i / 256) + "." + std::to_string(i % 256) + "\n";
  testing::WriteFile(dir / "in.txt", input);
  // `| head -1`: the reader goes away after one line.
  CommandResult r = testing::Run({"sh", "-c", "\"$0\" --state \"$1\" \"$2\" | head -1", Bin(),
                                  (dir / "state").string(), (dir / "in.txt").string()});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(testing::SplitLines(r.out).size(), 1u);
  EXPECT_EQ(r.err, "");
}

TEST(FwBlockCli, SnippetText) {
  TempDir dir;
  CommandResult r = FwBlock(dir, {"--backend", "cisco-ios", "--text"},
                            "203.0.113.7\n198.51.100.0/24\n10.0.0.1\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "ip access-list extended SECKIT-BLOCK\n"
            " deny ip host 203.0.113.7 any\n"
            " deny ip 198.51.100.0 0.0.0.255 any\n");
  r = FwBlock(dir, {"--backend", "pf", "--text"}, "203.0.113.7\n");
  EXPECT_EQ(r.out, "# pfctl -t seckit -T add -f -\n203.0.113.7\n");
}

TEST(FwBlockCli, ListOfAnEmptyStateAndDamagedState) {
  TempDir dir;
  CommandResult r = FwBlock(dir, {"--list"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  testing::WriteFile(dir / "state",
                     "{\"address\":\"203.0.113.1\",\"backend\":\"nft\","
                     "\"added\":\"2026-12-01T00:00:00Z\"}\nbroken\n");
  r = FwBlock(dir, {"--list"});
  EXPECT_EQ(r.exit_code, 78);
  EXPECT_NE(r.err.find("state:2"), std::string::npos) << r.err;
  // The source record kept in the state comes back under fw.record.
  testing::WriteFile(dir / "state",
                     "{\"address\":\"203.0.113.1\",\"backend\":\"nft\","
                     "\"added\":\"2026-12-01T00:00:00Z\",\"record\":{\"a\":[1]}}\n");
  r = FwBlock(dir, {"--list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["fw"]["record"], nlohmann::json::parse(R"({"a":[1]})"));
}

TEST(FwBlockCli, ExpireDrivenByTheStateForBackendsWithoutTimeouts) {
  TempDir dir;
  testing::WriteFile(
      dir / "state",
      "{\"address\":\"203.0.113.1\",\"backend\":\"pf\",\"added\":\"2026-01-01T00:00:00Z\","
      "\"expires\":\"2026-01-02T00:00:00Z\"}\n"
      "{\"address\":\"203.0.113.2\",\"backend\":\"pf\",\"added\":\"2026-01-01T00:00:00Z\","
      "\"expires\":\"2200-01-01T00:00:00Z\"}\n");
  CommandResult r = FwBlock(dir, {"--expire"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = testing::SplitLines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  const nlohmann::json e = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(e["fw"]["action"], "expire");
  EXPECT_EQ(e["fw"]["address"], "203.0.113.1");
  EXPECT_EQ(e["fw"]["commands"][0][4], "delete");
  EXPECT_EQ(e["fw"]["applied"], false);
}

}  // namespace
}  // namespace seckit::fw_block
