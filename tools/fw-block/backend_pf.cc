// The pf backend: the table `seckit`, changed with `pfctl -t seckit -T add|delete -f -` (the
// addresses on standard input, one per line). pf has no per-entry timeout, so the state file
// drives --expire. The rule using the table is the administrator's, once, in pf.conf:
//   table <seckit> persist
//   block drop quick from <seckit> to any
//   block drop quick from any to <seckit>
#include "backend.h"
#include "backend_internal.h"

namespace seckit::fw_block {
namespace {

// Functions, not static vectors: nothing that can throw runs before main.
std::vector<std::string> AddCommand() { return {"pfctl", "-t", "seckit", "-T", "add", "-f", "-"}; }
std::vector<std::string> DeleteCommand() {
  return {"pfctl", "-t", "seckit", "-T", "delete", "-f", "-"};
}

class PfBackend : public Backend {
 public:
  std::string_view name() const override { return "pf"; }
  std::vector<std::vector<std::string>> DataCommands() const override { return {AddCommand()}; }
  std::vector<std::string> BlockLines(const BlockEntry& e) const override {
    return {e.cidr.IsHost() ? e.cidr.network().ToString() : e.cidr.ToString()};
  }
  std::vector<std::string> UnblockLines(const Cidr& c) const override {
    return {c.IsHost() ? c.network().ToString() : c.ToString()};
  }
  std::vector<Command> Block(const std::vector<BlockEntry>& entries) const override {
    std::string table;
    for (const BlockEntry& e : entries) table += JoinLines(BlockLines(e));
    return {{AddCommand(), std::move(table)}};
  }
  std::vector<Command> Unblock(const std::vector<Cidr>& cidrs) const override {
    std::string table;
    for (const Cidr& c : cidrs) table += JoinLines(UnblockLines(c));
    return {{DeleteCommand(), std::move(table)}};
  }
  std::vector<Command> Flush() const override {
    return {{{"pfctl", "-t", "seckit", "-T", "flush"}, ""}};
  }
  std::vector<Command> ListLive() const override {
    return {{{"pfctl", "-t", "seckit", "-T", "show"}, ""}};
  }
  Result<std::vector<LiveEntry>> ParseLive(const std::vector<std::string>& outputs) const override {
    // `pfctl -T show` prints one address or network per line, indented.
    std::vector<LiveEntry> live;
    for (const std::string& out : outputs) {
      size_t at = 0;
      while (at < out.size()) {
        size_t nl = out.find('\n', at);
        if (nl == std::string::npos) nl = out.size();
        std::string_view line(out.data() + at, nl - at);
        at = nl + 1;
        const size_t b = line.find_first_not_of(" \t");
        if (b == std::string_view::npos) continue;
        line = line.substr(b, line.find_last_not_of(" \t\r") - b + 1);
        std::optional<Cidr> c = Cidr::Parse(line);
        if (!c) return Status::Unavailable("pfctl -T show: a line fw-block cannot read");
        live.push_back({*c, -1});
      }
    }
    return live;
  }
};

}  // namespace

std::unique_ptr<Backend> MakePfBackend() { return std::make_unique<PfBackend>(); }

}  // namespace seckit::fw_block
