// Executing a backend's commands on a target: this host, or a remote one through the system
// OpenSSH client in BatchMode (so ~/.ssh/config, the agent and known_hosts apply). Commands stay
// argv plus standard input: remotely each argument is quoted for the remote shell, and every piece
// of data (addresses) travels on standard input, never in the command line.
#ifndef SECKIT_FW_BLOCK_EXECUTOR_H_
#define SECKIT_FW_BLOCK_EXECUTOR_H_

#include <string>
#include <vector>

#include "command.h"
#include "seckit/status.h"

namespace seckit::fw_block {

struct Target {
  std::string ssh_destination;  // empty: this host
  std::string ssh_config;       // ssh -F FILE, when set

  bool remote() const { return !ssh_destination.empty(); }
  // The argv that runs `argv` on this target.
  std::vector<std::string> Wrap(const std::vector<std::string>& argv) const;
};

// Checks a --ssh value: [USER@]HOST or ssh://[USER@]HOST[:PORT], never starting with '-'.
Status CheckSshDestination(const std::string& destination);

// Runs `commands` in order on `target`, honouring guards; stops at the first failure and returns
// Unavailable (69), or NoPermission (77) when the firewall said "Operation not permitted", with
// the program's message.
Status ExecuteCommands(const Target& target, const std::vector<Command>& commands);

// Runs each listing command and returns its standard output ("" when the program says the table
// or set does not exist).
Result<std::vector<std::string>> ListOutputs(const Target& target,
                                             const std::vector<Command>& commands);

// The SSH_CONNECTION the remote host sees ("CLIENT PORT SERVER PORT"), asked with
// `ssh DEST printenv SSH_CONNECTION`.
Result<std::string> ProbeSshConnection(const Target& target);

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_EXECUTOR_H_
