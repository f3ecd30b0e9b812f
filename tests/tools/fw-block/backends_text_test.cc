// Every backend's commands, checked as text against what nft(8), ipset(8), pfctl(8) and the Cisco
// IOS / ASA configuration guides say the lines look like (written out here by hand); the command
// runner and the ssh wrapping.
#include <gtest/gtest.h>

#include "backend.h"
#include "command.h"
#include "executor.h"

namespace seckit::fw_block {
namespace {

Cidr C(const char* text) { return *Cidr::Parse(text); }

std::vector<BlockEntry> Entries(int64_t ttl) {
  return {{C("203.0.113.7"), ttl, false},
          {C("198.51.100.0/24"), ttl, false},
          {C("2001:db8::1"), ttl, false},
          {C("2001:db8:1::/48"), ttl, false}};
}

TEST(NftBackend, OneAtomicBatchWithTimeouts) {
  auto nft = MakeBackend("nft");
  const std::vector<Command> commands = nft->Block(Entries(3600));
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(commands[0].argv, (std::vector<std::string>{"nft", "-f", "-"}));
  const std::string& batch = commands[0].input;
  EXPECT_EQ(batch.rfind("add table inet seckit\n", 0), 0u);
  EXPECT_NE(batch.find("add set inet seckit host4 { type ipv4_addr; flags timeout; }\n"),
            std::string::npos);
  EXPECT_NE(batch.find("add set inet seckit net4 { type ipv4_addr; flags interval, timeout; }\n"),
            std::string::npos);
  EXPECT_NE(batch.find("add rule inet seckit input ip saddr @host4 drop\n"), std::string::npos);
  EXPECT_NE(batch.find("add rule inet seckit input ip saddr @net4 drop\n"), std::string::npos);
  EXPECT_NE(batch.find("add rule inet seckit output ip6 daddr @net6 drop\n"), std::string::npos);
  // Elements grouped per set, in the order hosts (v4, v6), then networks.
  const std::string elements =
      "add element inet seckit host4 { 203.0.113.7 timeout 3600s }\n"
      "add element inet seckit host6 { 2001:db8::1 timeout 3600s }\n"
      "add element inet seckit net4 { 198.51.100.0/24 timeout 3600s }\n"
      "add element inet seckit net6 { 2001:db8:1::/48 timeout 3600s }\n";
  EXPECT_EQ(batch.substr(batch.size() - elements.size()), elements);
  // Renewal re-creates the element; unblock tolerates an element that already expired.
  EXPECT_EQ(
      nft->BlockLines({C("203.0.113.7"), 60, true}),
      (std::vector<std::string>{"add element inet seckit host4 { 203.0.113.7 }",
                                "delete element inet seckit host4 { 203.0.113.7 }",
                                "add element inet seckit host4 { 203.0.113.7 timeout 60s }"}));
  // Many addresses share a statement: 4,500 hosts make three statements.
  std::vector<BlockEntry> many;
  for (int i = 0; i < 4500; ++i) {
    many.push_back(
        {*Cidr::Make(IpAddress::V4(0xCB000000u + static_cast<uint32_t>(i)), 32), 0, false});
  }
  const std::string big = nft->Block(many)[0].input;
  size_t statements = 0;
  for (size_t at = big.find("add element"); at != std::string::npos;
       at = big.find("add element", at + 1)) {
    ++statements;
  }
  EXPECT_EQ(statements, 3u);
  EXPECT_NE(big.find("{ 203.0.0.0, 203.0.0.1, "), std::string::npos);
  EXPECT_EQ(nft->Flush()[0].input, "add table inet seckit\ndelete table inet seckit\n");
}

TEST(NftBackend, ParsesTheJsonListing) {
  // `nft -j list set inet seckit block4` of nft 1.0.6, as it prints it.
  const std::string listing =
      R"({"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, )"
      R"({"set": {"family": "inet", "name": "block4", "table": "seckit", "type": "ipv4_addr", "handle": 1, "flags": ["interval", "timeout"], )"
      R"("elem": [{"elem": {"val": "1.2.3.4", "timeout": 100, "expires": 99}}, "5.5.5.5", )"
      R"({"elem": {"val": {"prefix": {"addr": "10.0.0.0", "len": 24}}, "timeout": 50, "expires": 49}}]}}]})";
  auto live = MakeBackend("nft")->ParseLive({listing, ""});
  ASSERT_TRUE(live.ok());
  ASSERT_EQ(live->size(), 3u);
  EXPECT_EQ((*live)[0].cidr.ToString(), "1.2.3.4/32");
  EXPECT_EQ((*live)[0].expires_in, 99);
  EXPECT_EQ((*live)[1].cidr.ToString(), "5.5.5.5/32");
  EXPECT_EQ((*live)[1].expires_in, -1);
  EXPECT_EQ((*live)[2].cidr.ToString(), "10.0.0.0/24");
  EXPECT_FALSE(MakeBackend("nft")->ParseLive({"not json"}).ok());
}

TEST(IpsetBackend, RestoreBatchAndGuardedRules) {
  auto ipset = MakeBackend("ipset");
  const std::vector<Command> commands = ipset->Block(Entries(0));
  // The sets, 4 rules per family, then the addresses (so a failing rule leaves none in force).
  ASSERT_EQ(commands.size(), 10u);
  EXPECT_EQ(commands[0].argv, (std::vector<std::string>{"ipset", "-exist", "restore"}));
  EXPECT_EQ(commands[0].input,
            "create seckit4 hash:net family inet timeout 0 maxelem 1048576\n"
            "create seckit6 hash:net family inet6 timeout 0 maxelem 1048576\n");
  EXPECT_EQ(commands[9].argv, (std::vector<std::string>{"ipset", "-exist", "restore"}));
  EXPECT_EQ(commands[9].input,
            "add seckit4 203.0.113.7 timeout 0\n"
            "add seckit4 198.51.100.0/24 timeout 0\n"
            "add seckit6 2001:db8::1 timeout 0\n"
            "add seckit6 2001:db8:1::/48 timeout 0\n");
  EXPECT_EQ(commands[1].argv,
            (std::vector<std::string>{"iptables", "-w", "-I", "INPUT", "-m", "set", "--match-set",
                                      "seckit4", "src", "-j", "DROP"}));
  EXPECT_EQ(commands[1].guard, Command::Guard::kUnlessCheck);
  EXPECT_EQ(commands[1].check[2], "-C");
  EXPECT_EQ(commands[8].argv[0], "ip6tables");
  EXPECT_EQ(commands[8].argv[3], "OUTPUT");
  EXPECT_EQ(commands[8].argv[8], "dst");
  auto live =
      ipset->ParseLive({"create seckit4 hash:net family inet hashsize 1024 maxelem "
                        "1048576 timeout 0\nadd seckit4 203.0.113.7 timeout 86390\n"
                        "add seckit4 198.51.100.0/24 timeout 0\n"});
  ASSERT_TRUE(live.ok());
  ASSERT_EQ(live->size(), 2u);
  EXPECT_EQ((*live)[0].expires_in, 86390);
  EXPECT_EQ((*live)[1].cidr.ToString(), "198.51.100.0/24");
  EXPECT_EQ((*live)[1].expires_in, -1);
}

TEST(PfBackend, TableFileOnStandardInput) {
  auto pf = MakeBackend("pf");
  const std::vector<Command> add = pf->Block(Entries(3600));
  ASSERT_EQ(add.size(), 1u);
  EXPECT_EQ(add[0].argv,
            (std::vector<std::string>{"pfctl", "-t", "seckit", "-T", "add", "-f", "-"}));
  EXPECT_EQ(add[0].input, "203.0.113.7\n198.51.100.0/24\n2001:db8::1\n2001:db8:1::/48\n");
  const std::vector<Command> del = pf->Unblock({C("203.0.113.7")});
  EXPECT_EQ(del[0].argv[4], "delete");
  EXPECT_EQ(del[0].input, "203.0.113.7\n");
  EXPECT_EQ(pf->Flush()[0].argv,
            (std::vector<std::string>{"pfctl", "-t", "seckit", "-T", "flush"}));
  EXPECT_FALSE(pf->native_timeout());
  // `pfctl -t seckit -T show` output: indented, one per line.
  auto live = pf->ParseLive({"   203.0.113.7\n   198.51.100.0/24\n"});
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->size(), 2u);
  EXPECT_FALSE(pf->ParseLive({"   no.such.thing\n"}).ok());
}

TEST(CiscoIosBackend, ExtendedAclWithWildcardMasks) {
  auto ios = MakeBackend("cisco-ios");
  EXPECT_FALSE(ios->executes());
  const std::vector<Command> block = ios->Block(Entries(0));
  ASSERT_EQ(block.size(), 1u);
  EXPECT_TRUE(block[0].argv.empty());
  EXPECT_EQ(block[0].input,
            "ip access-list extended SECKIT-BLOCK\n"
            " deny ip host 203.0.113.7 any\n"
            " deny ip 198.51.100.0 0.0.0.255 any\n"
            "ipv6 access-list SECKIT-BLOCK6\n"
            " deny ipv6 host 2001:db8::1 any\n"
            " deny ipv6 2001:db8:1::/48 any\n");
  EXPECT_EQ(ios->Unblock({C("198.51.100.0/22")})[0].input,
            "ip access-list extended SECKIT-BLOCK\n no deny ip 198.51.100.0 0.0.3.255 any\n");
}

TEST(CiscoAsaBackend, NetworkObjectGroupWithNetmasks) {
  auto asa = MakeBackend("cisco-asa");
  EXPECT_EQ(asa->Block(Entries(0))[0].input,
            "object-group network SECKIT-BLOCK\n"
            " network-object host 203.0.113.7\n"
            " network-object 198.51.100.0 255.255.255.0\n"
            " network-object host 2001:db8::1\n"
            " network-object 2001:db8:1::/48\n");
  EXPECT_EQ(asa->Unblock({C("2001:db8::1")})[0].input,
            "object-group network SECKIT-BLOCK\n no network-object host 2001:db8::1\n");
}

TEST(PrintBackend, TheAddresses) {
  EXPECT_EQ(MakeBackend("print")->Block(Entries(0))[0].input,
            "203.0.113.7/32\n198.51.100.0/24\n2001:db8::1/128\n2001:db8:1::/48\n");
  EXPECT_EQ(MakeBackend("bogus"), nullptr);
}

TEST(Commands, QuotingAndSshWrapping) {
  EXPECT_EQ(QuoteArgument("nft"), "nft");
  EXPECT_EQ(QuoteArgument("a b"), "'a b'");
  EXPECT_EQ(QuoteArgument("it's"), "'it'\\''s'");
  EXPECT_EQ(QuoteArgument("$(reboot)"), "'$(reboot)'");
  EXPECT_EQ(QuoteArgument(""), "''");
  const Target remote{"admin@fw1", "/etc/fw.conf"};
  EXPECT_EQ(remote.Wrap({"nft", "-f", "-"}),
            (std::vector<std::string>{"ssh", "-T", "-o", "BatchMode=yes", "-F", "/etc/fw.conf",
                                      "--", "admin@fw1", "nft", "-f", "-"}));
  EXPECT_EQ(Target{}.Wrap({"nft"}), (std::vector<std::string>{"nft"}));
  EXPECT_TRUE(CheckSshDestination("admin@fw1.example").ok());
  EXPECT_TRUE(CheckSshDestination("ssh://root@[2001:db8::1]:2222").ok());
  EXPECT_FALSE(CheckSshDestination("-oProxyCommand=evil").ok());
  EXPECT_FALSE(CheckSshDestination("host;reboot").ok());
  EXPECT_FALSE(CheckSshDestination("").ok());
}

TEST(RunProcess, LargeInputAndOutputWithoutAShell) {
  std::string input;
  for (int i = 0; i < 200000; ++i) input += "203.0.113." + std::to_string(i % 256) + "\n";
  const ProcessResult cat = RunProcess({"cat"}, input);
  EXPECT_EQ(cat.exit_code, 0);
  EXPECT_EQ(cat.out, input);
  // An argument with shell syntax arrives as it is.
  const ProcessResult echo = RunProcess({"printf", "%s", "$(id); `id` | x"}, "");
  EXPECT_EQ(echo.out, "$(id); `id` | x");
  const ProcessResult missing = RunProcess({"/nonexistent/program"}, "");
  EXPECT_FALSE(missing.spawn_error.empty());
  EXPECT_EQ(RunProcess({"sh", "-c", "exit 3"}, "").exit_code, 3);
  EXPECT_EQ(ExecuteCommands(Target{}, {Command({"false"})}).code(), ExitCode::kUnavailable);
  EXPECT_TRUE(
      ExecuteCommands(Target{}, {Command({"false"}, "", Command::Guard::kUnlessCheck, {"true"})})
          .ok());
}

}  // namespace
}  // namespace seckit::fw_block
