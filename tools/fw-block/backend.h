// Backend: how one kind of firewall blocks and unblocks addresses, as Commands (argv + stdin).
// Backends only produce commands and parse listings; executing them (locally or over SSH) is
// executor.h's job, so every backend's output can be checked as text. Each backend touches only
// its own namespace: nft table `inet seckit`, ipsets seckit4/seckit6, pf table `seckit`.
#ifndef SECKIT_FW_BLOCK_BACKEND_H_
#define SECKIT_FW_BLOCK_BACKEND_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "command.h"
#include "seckit/ip.h"
#include "seckit/status.h"

namespace seckit::fw_block {

struct BlockEntry {
  Cidr cidr;
  int64_t ttl_seconds = 0;  // 0: until unblocked
  bool refresh = false;     // already blocked: renew its timeout
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string_view name() const = 0;
  // False for snippet generators (print, cisco-ios, cisco-asa): nothing to execute.
  virtual bool executes() const { return true; }
  // True when the firewall drops an entry itself when its TTL runs out.
  virtual bool native_timeout() const { return false; }
  // False when the same address cannot be blocked again while blocked without trouble
  // (nft interval sets refuse overlapping elements).
  virtual bool allows_overlap() const { return true; }
  // False when a failing Block() may leave part of its addresses in force (ipset restore applies
  // line by line): the run then reads the live firewall to report what really was applied.
  virtual bool atomic() const { return true; }

  // The argv of the commands that carry per-address data (for fw.commands in records).
  virtual std::vector<std::vector<std::string>> DataCommands() const = 0;
  // The lines one address contributes to those commands' input (for fw.input in records).
  virtual std::vector<std::string> BlockLines(const BlockEntry& entry) const = 0;
  virtual std::vector<std::string> UnblockLines(const Cidr& cidr) const = 0;

  // Every command, in order, that blocks / unblocks all the given addresses at once.
  virtual std::vector<Command> Block(const std::vector<BlockEntry>& entries) const = 0;
  virtual std::vector<Command> Unblock(const std::vector<Cidr>& cidrs) const = 0;
  // Removes everything of the backend's own (its table or sets and the rules using them).
  virtual std::vector<Command> Flush() const = 0;

  // Commands whose outputs list what is blocked now (empty when the backend cannot tell), and the
  // parser of their outputs: one output per command, with its exit code.
  virtual std::vector<Command> ListLive() const { return {}; }
  struct LiveEntry {
    Cidr cidr;
    int64_t expires_in = -1;  // seconds left; -1 when unknown or never
  };
  virtual Result<std::vector<LiveEntry>> ParseLive(const std::vector<std::string>& outputs) const {
    (void)outputs;
    return Status::Unavailable(std::string(name()) + " cannot list what is blocked");
  }
};

// The backend called `name` (nft, ipset, pf, cisco-ios, cisco-asa, print), or nullptr.
std::unique_ptr<Backend> MakeBackend(std::string_view name);

// The names MakeBackend knows, for the CLI's check and the man page.
std::vector<std::string> BackendNames();

// Commands joined into one input: the lines of each, each ending in '\n'.
std::string JoinLines(const std::vector<std::string>& lines);

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_BACKEND_H_
