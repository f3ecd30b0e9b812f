// The ipset backend: hash:net sets seckit4/seckit6 with timeout support, filled by one
// `ipset -exist restore` batch, and iptables/ip6tables rules that drop traffic from and to them,
// each inserted only when `-C` says it is not there yet (so running twice adds nothing).
#include <cstdlib>

#include "backend.h"
#include "backend_internal.h"

namespace seckit::fw_block {
namespace {

constexpr const char* kCreate =
    "create seckit4 hash:net family inet timeout 0 maxelem 1048576\n"
    "create seckit6 hash:net family inet6 timeout 0 maxelem 1048576\n";

std::string SetOf(const Cidr& c) { return c.is_v4() ? "seckit4" : "seckit6"; }
std::string EntryText(const Cidr& c) { return c.IsHost() ? c.network().ToString() : c.ToString(); }

struct Rule {
  const char* chain;
  const char* direction;
};
constexpr Rule kRules[] = {
    {"INPUT", "src"}, {"FORWARD", "src"}, {"FORWARD", "dst"}, {"OUTPUT", "dst"}};

std::vector<std::string> RuleArgv(const char* tool, const char* op, const char* set,
                                  const Rule& rule) {
  std::vector<std::string> argv = {
      tool, "-w", op, rule.chain, "-m", "set", "--match-set", set, rule.direction, "-j", "DROP"};
  return argv;
}

class IpsetBackend : public Backend {
 public:
  std::string_view name() const override { return "ipset"; }
  bool native_timeout() const override { return true; }
  bool atomic() const override { return false; }  // restore stops at a failing line, keeping the rest
  std::vector<std::vector<std::string>> DataCommands() const override {
    return {{"ipset", "-exist", "restore"}};
  }
  std::vector<std::string> BlockLines(const BlockEntry& e) const override {
    // With -exist, adding an entry that is there renews its timeout.
    std::string line = "add " + SetOf(e.cidr) + " " + EntryText(e.cidr);
    line += " timeout " + std::to_string(e.ttl_seconds);  // 0: permanent
    return {line};
  }
  std::vector<std::string> UnblockLines(const Cidr& c) const override {
    return {"del " + SetOf(c) + " " + EntryText(c)};
  }
  // The sets, then the rules, and the addresses last: when a rule cannot be inserted (the batch
  // stops at the first failing command), no address is in a set yet, so what the run reports as
  // not applied is not in force. Filled first, the set was live under the rules already in place
  // while the run said nothing was applied.
  std::vector<Command> Block(const std::vector<BlockEntry>& entries) const override {
    std::vector<Command> commands = {{{"ipset", "-exist", "restore"}, kCreate}};
    for (const auto& [tool, set] : {std::pair{"iptables", "seckit4"}, {"ip6tables", "seckit6"}}) {
      for (const Rule& rule : kRules) {
        commands.push_back({RuleArgv(tool, "-I", set, rule), "", Command::Guard::kUnlessCheck,
                            RuleArgv(tool, "-C", set, rule)});
      }
    }
    std::string batch;
    for (const BlockEntry& e : entries) batch += JoinLines(BlockLines(e));
    commands.push_back({{"ipset", "-exist", "restore"}, std::move(batch)});
    return commands;
  }
  std::vector<Command> Unblock(const std::vector<Cidr>& cidrs) const override {
    std::string batch = kCreate;
    for (const Cidr& c : cidrs) batch += JoinLines(UnblockLines(c));
    return {{{"ipset", "-exist", "restore"}, std::move(batch)}};
  }
  std::vector<Command> Flush() const override {
    std::vector<Command> commands;
    for (const auto& [tool, set] : {std::pair{"iptables", "seckit4"}, {"ip6tables", "seckit6"}}) {
      for (const Rule& rule : kRules) {
        commands.push_back({RuleArgv(tool, "-D", set, rule), "", Command::Guard::kWhileCheck,
                            RuleArgv(tool, "-C", set, rule)});
      }
    }
    commands.push_back({{"ipset", "-exist", "restore"},
                        std::string(kCreate) + "destroy seckit4\ndestroy seckit6\n"});
    return commands;
  }
  std::vector<Command> ListLive() const override {
    return {{{"ipset", "save", "seckit4"}, ""}, {{"ipset", "save", "seckit6"}, ""}};
  }
  Result<std::vector<LiveEntry>> ParseLive(const std::vector<std::string>& outputs) const override {
    std::vector<LiveEntry> live;
    for (const std::string& out : outputs) {
      size_t at = 0;
      while (at < out.size()) {
        size_t nl = out.find('\n', at);
        if (nl == std::string::npos) nl = out.size();
        const std::string line = out.substr(at, nl - at);
        at = nl + 1;
        // "add seckit4 1.2.3.4 timeout 86390" (a host has no /32 in ipset's listing)
        if (line.rfind("add ", 0) != 0) continue;
        const size_t a = line.find(' ', 4);
        if (a == std::string::npos) continue;
        const size_t b = line.find(' ', a + 1);
        const std::string text = line.substr(a + 1, b == std::string::npos ? b : b - a - 1);
        std::optional<Cidr> c = Cidr::Parse(text);
        if (!c) return Status::Unavailable("ipset save: an entry fw-block cannot read");
        LiveEntry entry{*c, -1};
        if (const size_t t = line.find(" timeout "); t != std::string::npos) {
          entry.expires_in = std::strtoll(line.c_str() + t + 9, nullptr, 10);
          if (entry.expires_in == 0) entry.expires_in = -1;
        }
        live.push_back(entry);
      }
    }
    return live;
  }
};

}  // namespace

std::unique_ptr<Backend> MakeIpsetBackend() { return std::make_unique<IpsetBackend>(); }

}  // namespace seckit::fw_block
