// Command: one program to run, as argv plus the data it reads on standard input — never a shell
// line. A command may be guarded by a check command (iptables -C) that decides whether it runs.
#ifndef SECKIT_FW_BLOCK_COMMAND_H_
#define SECKIT_FW_BLOCK_COMMAND_H_

#include <string>
#include <vector>

namespace seckit::fw_block {

struct Command {
  enum class Guard {
    kNone,         // always run
    kUnlessCheck,  // run only when `check` fails (insert a rule that is not there yet)
    kWhileCheck,   // run as long as `check` succeeds (delete every copy of a rule), at most 16
  };
  Command() = default;
  Command(std::vector<std::string> a, std::string in = {})
      : argv(std::move(a)), input(std::move(in)) {}
  Command(std::vector<std::string> a, std::string in, Guard g, std::vector<std::string> c)
      : argv(std::move(a)), input(std::move(in)), guard(g), check(std::move(c)) {}

  std::vector<std::string> argv;  // empty for snippet backends: `input` is text for a human
  std::string input;              // written to the program's standard input
  Guard guard = Guard::kNone;
  std::vector<std::string> check;
};

// The outcome of running one program.
struct ProcessResult {
  int exit_code = -1;       // exit status, 128+signal when killed, -1 when it could not start
  std::string out;          // standard output
  std::string err;          // standard error
  std::string spawn_error;  // set when the program could not be started
};

// Runs argv[0] (looked up in PATH) with `input` on its standard input and collects both outputs.
// No shell; the environment is inherited. Reading and writing are interleaved (poll), so large
// inputs and outputs cannot deadlock.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& input);

// A command line as a reader would type it, each argument quoted for a POSIX shell when needed
// (for --text output and messages; never executed).
std::string QuoteForShell(const std::vector<std::string>& argv);
std::string QuoteArgument(const std::string& arg);

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_COMMAND_H_
