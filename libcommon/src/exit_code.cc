// The exit-status table shared by every tool, its docs and its tests.
#include "seckit/exit_code.h"

#include <array>

namespace seckit {
namespace {

constexpr std::array<ExitCodeInfo, 13> kTable{{
    {ExitCode::kOk, "ok", "Success (also when the reader of the output closed the pipe)."},
    {ExitCode::kNothingFound, "nothing-found",
     "Nothing matched (search-like tools), or a --fail-on threshold was reached."},
    {ExitCode::kUsage, "usage", "The command line is wrong."},
    {ExitCode::kDataError, "data-error",
     "Some input was malformed; it was reported and skipped, the rest was processed."},
    {ExitCode::kNoInput, "no-input", "An input file does not exist or cannot be opened."},
    {ExitCode::kUnavailable, "unavailable", "A remote service or the firewall is unavailable."},
    {ExitCode::kInternal, "internal", "Internal error (a bug: please report it)."},
    {ExitCode::kCantCreate, "cant-create", "An output file or directory cannot be created."},
    {ExitCode::kIoError, "io-error", "A read or write failed (for example, the disk is full)."},
    {ExitCode::kTempFail, "temp-fail",
     "A temporary failure (rate limited, timed out); trying again later may work."},
    {ExitCode::kNoPermission, "no-permission",
     "A required privilege is missing (for example CAP_NET_RAW or CAP_NET_ADMIN)."},
    {ExitCode::kConfig, "config", "The configuration or a rules file is invalid or unsafe."},
    {ExitCode::kInterrupted, "interrupted", "Interrupted by SIGINT or SIGTERM."},
}};

}  // namespace

std::span<const ExitCodeInfo> AllExitCodes() { return kTable; }

const ExitCodeInfo& InfoFor(ExitCode code) {
  for (const ExitCodeInfo& info : kTable) {
    if (info.code == code) return info;
  }
  return kTable[6];  // kInternal: an unknown code is itself a bug
}

ExitCode MoreSerious(ExitCode first, ExitCode second) {
  auto rank = [](ExitCode c) {
    if (c == ExitCode::kOk) return 0;
    if (c == ExitCode::kNothingFound) return 1;
    return 2;
  };
  return rank(second) > rank(first) ? second : first;
}

}  // namespace seckit
