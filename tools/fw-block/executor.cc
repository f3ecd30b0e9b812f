// ExecuteCommands and the SSH wrapping.
#include "executor.h"

namespace seckit::fw_block {
namespace {

std::string FirstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();  // ssh ends its messages in CRLF
  if (line.size() > 300) line.resize(300);
  return line;
}

Status Failure(const Target& target, const std::vector<std::string>& argv, const ProcessResult& r) {
  std::string where = target.remote() ? " on " + target.ssh_destination : "";
  if (!r.spawn_error.empty()) return Status::Unavailable(r.spawn_error + where);
  std::string message =
      QuoteForShell(argv) + where + " failed (exit " + std::to_string(r.exit_code) + ")";
  if (!r.err.empty()) message += ": " + FirstLine(r.err);
  if (r.err.find("Operation not permitted") != std::string::npos ||
      r.err.find("Permission denied (you must be root)") != std::string::npos) {
    return Status::NoPermission(message);
  }
  return Status::Unavailable(message);
}

ProcessResult RunOn(const Target& target, const std::vector<std::string>& argv,
                    const std::string& input) {
  return RunProcess(target.Wrap(argv), input);
}

}  // namespace

std::vector<std::string> Target::Wrap(const std::vector<std::string>& argv) const {
  if (!remote()) return argv;
  std::vector<std::string> wrapped = {"ssh", "-T", "-o", "BatchMode=yes"};
  if (!ssh_config.empty()) wrapped.insert(wrapped.end(), {"-F", ssh_config});
  wrapped.push_back("--");
  wrapped.push_back(ssh_destination);
  // ssh hands the remote shell one line: quote each argument so it arrives as it is.
  for (const std::string& a : argv) wrapped.push_back(QuoteArgument(a));
  return wrapped;
}

Status CheckSshDestination(const std::string& destination) {
  if (destination.empty() || destination[0] == '-') {
    return Status::Usage("--ssh \"" + destination + "\": not a destination ([USER@]HOST)");
  }
  for (char c : destination) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_' || c == '@' || c == ':' || c == '/' ||
                    c == '[' || c == ']';
    if (!ok) return Status::Usage("--ssh \"" + destination + "\": unexpected character");
  }
  return Status::Ok();
}

Status ExecuteCommands(const Target& target, const std::vector<Command>& commands) {
  for (const Command& c : commands) {
    if (c.argv.empty()) continue;
    if (c.guard == Command::Guard::kUnlessCheck) {
      const ProcessResult check = RunOn(target, c.check, "");
      if (check.exit_code == 0) continue;  // already there
      if (target.remote() && check.exit_code == 255) return Failure(target, c.check, check);
    }
    int rounds = c.guard == Command::Guard::kWhileCheck ? 16 : 1;
    while (rounds-- > 0) {
      if (c.guard == Command::Guard::kWhileCheck) {
        const ProcessResult check = RunOn(target, c.check, "");
        if (target.remote() && check.exit_code == 255) return Failure(target, c.check, check);
        if (check.exit_code != 0) break;
      }
      const ProcessResult r = RunOn(target, c.argv, c.input);
      if (r.exit_code != 0) return Failure(target, c.argv, r);
    }
  }
  return Status::Ok();
}

Result<std::vector<std::string>> ListOutputs(const Target& target,
                                             const std::vector<Command>& commands) {
  std::vector<std::string> outputs;
  for (const Command& c : commands) {
    ProcessResult r = RunOn(target, c.argv, c.input);
    if (r.exit_code != 0) {
      const bool absent = r.err.find("No such file or directory") != std::string::npos ||
                          r.err.find("does not exist") != std::string::npos;
      if (!absent) return Failure(target, c.argv, r);
      r.out.clear();
    }
    outputs.push_back(std::move(r.out));
  }
  return outputs;
}

Result<std::string> ProbeSshConnection(const Target& target) {
  const std::vector<std::string> argv = {"printenv", "SSH_CONNECTION"};
  const ProcessResult r = RunOn(target, argv, "");
  if (r.exit_code != 0) return Failure(target, argv, r);
  return FirstLine(r.out);
}

}  // namespace seckit::fw_block
