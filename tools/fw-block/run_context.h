// What every mode of a run shares: the options, the backend, the targets, the clock, the state
// and the audit log, and how actions are written.
#ifndef SECKIT_FW_BLOCK_RUN_CONTEXT_H_
#define SECKIT_FW_BLOCK_RUN_CONTEXT_H_

#include <memory>
#include <string>
#include <vector>

#include "action_record.h"
#include "backend.h"
#include "executor.h"
#include "options.h"
#include "safety.h"
#include "seckit/output.h"
#include "seckit/tool_main.h"
#include "state_file.h"

namespace seckit::fw_block {

struct RunContext {
  const Options& options;
  Io& io;
  std::unique_ptr<Backend> backend;
  std::vector<Target> targets;  // one empty Target for this host
  int64_t ttl = 0;
  TimeNs now = 0;
  StateFile state;
  std::unique_ptr<OutputStream> audit;  // open only with --apply

  // Writes `action` to standard output (as a record, unless --text) and, when applied or
  // attempted, to the audit log.
  void Emit(const Action& action);
  // Prints commands as --text shows them: "# ARGV" lines, then their input.
  void EmitText(const Target& target, const std::vector<Command>& commands);
  // Flushes the audit log; its failure is the run's.
  Status Finish();
};

// Modes (run_block.cc, run_admin.cc).
Status BlockMode(RunContext& ctx);
Status UnblockMode(RunContext& ctx);
Status ExpireMode(RunContext& ctx);
Status FlushMode(RunContext& ctx);
Status ListMode(RunContext& ctx);
Status VerifyMode(RunContext& ctx);

// The safety rules for this host: special ranges, own addresses and gateways (when the firewall is
// this host's, i.e. without --ssh), the SSH peer, the allowlist (--allow and the config's
// `allow`).
Result<SafetyPolicy> LocalSafetyPolicy(const Options& options, const Config& config);

// Adds what a remote host must keep reachable (from its SSH_CONNECTION) to `policy`.
Status ProtectRemote(const Target& target, SafetyPolicy& policy);

// Index of the state entry for (backend, host, cidr), or -1.
long FindState(const StateFile& state, std::string_view backend, std::string_view host,
               const Cidr& cidr);

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_RUN_CONTEXT_H_
