// The one exit-status table of every seckit tool (sysexits-based; DESIGN.md, STYLE.md).
#ifndef SECKIT_EXIT_CODE_H_
#define SECKIT_EXIT_CODE_H_

#include <span>
#include <string_view>

namespace seckit {

enum class ExitCode : int {
  kOk = 0,             // success, also when the reader closed the pipe
  kNothingFound = 1,   // search-like tools found nothing; triage-report --fail-on reached
  kUsage = 64,         // bad command line
  kDataError = 65,     // some input was malformed (the rest was processed)
  kNoInput = 66,       // an input cannot be opened
  kUnavailable = 69,   // remote service or firewall unavailable
  kInternal = 70,      // internal error (a bug)
  kCantCreate = 73,    // cannot create an output file
  kIoError = 74,       // read or write error
  kTempFail = 75,      // temporary failure: rate limited, timed out
  kNoPermission = 77,  // missing privilege (e.g. CAP_NET_ADMIN, CAP_NET_RAW)
  kConfig = 78,        // bad config or rules file
  kInterrupted = 130,  // SIGINT or SIGTERM
};

struct ExitCodeInfo {
  ExitCode code;
  std::string_view name;     // e.g. "data-error", used in docs and JSON
  std::string_view meaning;  // one sentence for man pages and the README
};

// Every status in ascending order, for man pages, the README and tests.
std::span<const ExitCodeInfo> AllExitCodes();

// The table entry for `code`.
const ExitCodeInfo& InfoFor(ExitCode code);

// Combining two outcomes: the more serious one wins. Any failure outranks kNothingFound, which
// outranks kOk; among failures, the first one recorded stays (callers pass it first).
ExitCode MoreSerious(ExitCode first, ExitCode second);

}  // namespace seckit

#endif  // SECKIT_EXIT_CODE_H_
