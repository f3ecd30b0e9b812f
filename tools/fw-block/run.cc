// Run: checks the flags, sets up the context (backend, targets, state, audit) and hands over to
// the one mode asked for.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "duration.h"
#include "host_facts.h"
#include "run_context.h"
#include "seckit/config.h"
#include "seckit/diag.h"

namespace seckit::fw_block {
namespace {

Status CheckFlags(const Options& o, const Backend& backend) {
  const int modes =
      // cppcheck-suppress cppcheckError ; "Cyclic reverse analysis": cppcheck gave up, no finding
      int{o.list} + int{o.verify} + int{!o.unblock.empty()} + int{o.expire} + int{o.flush};
  if (modes > 1) {
    return Status::Usage("--list, --verify, --unblock, --expire and --flush go one at a time");
  }
  if (modes == 1 && !o.inputs.empty()) {
    return Status::Usage("inputs are read only when blocking; drop them or the mode flag");
  }
  if (!backend.executes() && o.apply) {
    return Status::Usage("the " + std::string(backend.name()) +
                         " backend only generates text: drop --apply (--text prints it)");
  }
  if (!backend.executes() && !o.ssh.empty()) {
    return Status::Usage("--ssh needs a backend that executes (nft, ipset, pf)");
  }
  for (const std::string& dest : o.ssh) SECKIT_RETURN_IF_ERROR(CheckSshDestination(dest));
  return Status::Ok();
}

Result<std::unique_ptr<OutputStream>> OpenAudit(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::CantCreate("cannot open the audit log " + path + ": " + std::strerror(errno));
  }
  // ForFd does not close the descriptor; one audit log per run, closed at exit.
  return OutputStream::ForFd(fd, path);
}

}  // namespace

void RunContext::Emit(const Action& action) {
  if (!options.text) {
    JsonWriter w(io.out);
    WriteAction(w, action, now);
  }
  if (audit && (action.applied || !action.error.empty() || action.kind == "skip")) {
    JsonWriter w(*audit);
    WriteAction(w, action, now);
  }
}

void RunContext::EmitText(const Target& target, const std::vector<Command>& commands) {
  if (!options.text) return;
  for (const Command& c : commands) {
    if (!c.argv.empty()) {
      if (c.guard != Command::Guard::kNone) {
        io.out.Write(std::string("# ") +
                     (c.guard == Command::Guard::kUnlessCheck ? "unless: " : "while: ") +
                     QuoteForShell(target.Wrap(c.check)) + "\n");
      }
      io.out.Write("# " + QuoteForShell(target.Wrap(c.argv)) + "\n");
    }
    io.out.Write(c.input);
  }
}

Status RunContext::Finish() {
  if (!audit) return Status::Ok();
  return audit->Flush();
}

long FindState(const StateFile& state, std::string_view backend, std::string_view host,
               const Cidr& cidr) {
  const std::vector<StateEntry>& entries = state.entries();
  for (size_t i = 0; i < entries.size(); ++i) {
    const StateEntry& e = entries[i];
    if (e.cidr == cidr && e.backend == backend && e.host == host) return static_cast<long>(i);
  }
  return -1;
}

Result<SafetyPolicy> LocalSafetyPolicy(const Options& options, const Config& config) {
  SafetyPolicy policy(options.allow_private, options.force_wide);
  // This host's addresses and gateways matter to its own firewall; a remote firewall is kept
  // reachable by ProtectRemote instead (the address it sees us from, and its own).
  if (options.ssh.empty()) {
    for (const ProtectedAddress& p : OwnAddresses()) policy.Protect(p.address, p.why);
    for (const ProtectedAddress& p : DefaultGateways()) policy.Protect(p.address, p.why);
  }
  if (const char* ssh = std::getenv("SSH_CONNECTION")) {
    const std::vector<IpAddress> ends = ParseSshConnection(ssh);
    if (ends.size() == 2) {
      policy.Protect(ends[0], "the peer of the SSH session fw-block runs in");
      policy.Protect(ends[1], "this host's end of the SSH session");
    }
  }
  std::vector<std::string> allow = options.allow;
  Result<std::optional<std::vector<std::string>>> listed = config.GetStringList("allow");
  if (!listed.ok()) return listed.status();
  if (listed.value()) allow.insert(allow.end(), listed.value()->begin(), listed.value()->end());
  for (const std::string& text : allow) {
    std::optional<Cidr> cidr = Cidr::Parse(text);
    if (!cidr) return Status::Usage("--allow/allow \"" + text + "\": not an address or CIDR");
    policy.Protect(*cidr, "on the allowlist");
  }
  return policy;
}

Status ProtectRemote(const Target& target, SafetyPolicy& policy) {
  Result<std::string> connection = ProbeSshConnection(target);
  if (!connection.ok()) return connection.status();
  const std::vector<IpAddress> ends = ParseSshConnection(*connection);
  if (ends.size() != 2) {
    return Status::Unavailable(target.ssh_destination +
                               ": cannot tell which address it is reached from (SSH_CONNECTION)");
  }
  policy.Protect(ends[0], "the address " + target.ssh_destination + " is reached from");
  policy.Protect(ends[1], target.ssh_destination + "'s own address");
  // The remote host's other addresses and its default gateways, where it can tell (Linux):
  // best effort, since a pf host has neither `ip` nor /proc/net.
  const ProcessResult addresses = RunProcess(target.Wrap({"ip", "-o", "addr", "show"}), "");
  for (const IpAddress& a : ParseIpAddrOutput(addresses.out)) {
    policy.Protect(a, target.ssh_destination + "'s own address");
  }
  const ProcessResult routes =
      RunProcess(target.Wrap({"cat", "/proc/net/route", "/proc/net/ipv6_route"}), "");
  for (const IpAddress& a : ParseIpv4RouteTable(routes.out)) {
    policy.Protect(a, target.ssh_destination + "'s default gateway");
  }
  for (const IpAddress& a : ParseIpv6RouteTable(routes.out)) {
    policy.Protect(a, target.ssh_destination + "'s default gateway");
  }
  return Status::Ok();
}

Status Run(const Options& options, Io& io) {
  RunContext ctx{options, io, MakeBackend(options.backend), {}, 0, Now(), {}, nullptr};
  if (!ctx.backend) return Status::Usage("unknown backend " + options.backend);
  SECKIT_RETURN_IF_ERROR(CheckFlags(options, *ctx.backend));
  if (!options.ttl.empty()) {
    std::optional<int64_t> ttl = ParseDuration(options.ttl);
    if (!ttl) return Status::Usage("--ttl \"" + options.ttl + "\": not a duration (90s, 24h, 7d)");
    ctx.ttl = *ttl;
  }
  if (options.ssh.empty()) ctx.targets.push_back({});
  for (const std::string& dest : options.ssh) ctx.targets.push_back({dest, options.ssh_config});

  const std::string state_path =
      options.state_path.empty() ? StateFile::DefaultPath("fw-block.state") : options.state_path;
  const bool changes = options.apply && !options.list && !options.verify;
  Result<StateFile> state = StateFile::Load(state_path, changes);
  if (!state.ok()) return state.status();
  ctx.state = std::move(state.value());
  if (changes) {
    const std::string audit_path = options.audit_path.empty()
                                       ? StateFile::DefaultPath("fw-block-audit.jsonl")
                                       : options.audit_path;
    Result<std::unique_ptr<OutputStream>> audit = OpenAudit(audit_path);
    if (!audit.ok()) return audit.status();
    ctx.audit = std::move(audit.value());
  }

  Status status;
  if (options.list) {
    status = ListMode(ctx);
  } else if (options.verify) {
    status = VerifyMode(ctx);
  } else if (!options.unblock.empty()) {
    status = UnblockMode(ctx);
  } else if (options.expire) {
    status = ExpireMode(ctx);
  } else if (options.flush) {
    status = FlushMode(ctx);
  } else {
    status = BlockMode(ctx);
  }
  Status finished = ctx.Finish();
  if (!status.ok()) return status;
  return finished;
}

}  // namespace seckit::fw_block
