// Diagnostics: the one way a tool reports errors, warnings and bad input on stderr.
//
// Every message has the form `TOOL: error: what (where)` (or `warning:`), where `where` names the
// file and line, frame or byte offset. Bad input is reported, counted and skipped; the run goes on
// and the final exit status says some input was bad (65), unless --strict makes it fatal. After a
// hundred bad-input messages the rest are only counted, and a summary line closes the run.
#ifndef SECKIT_DIAG_H_
#define SECKIT_DIAG_H_

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "seckit/status.h"

namespace seckit {

class Diagnostics {
 public:
  Diagnostics(std::string tool, FILE* stream = stderr) : tool_(std::move(tool)), stream_(stream) {}

  void set_quiet(bool quiet) { quiet_ = quiet; }
  void set_verbose(bool verbose) { verbose_ = verbose; }
  void set_strict(bool strict) { strict_ = strict; }
  bool verbose() const { return verbose_; }
  bool strict() const { return strict_; }
  const std::string& tool() const { return tool_; }

  // Always printed (even with --quiet).
  void Error(std::string_view what, std::string_view where = {});
  // Printed unless --quiet.
  void Warning(std::string_view what, std::string_view where = {});
  // Printed only with --verbose.
  void Note(std::string_view what, std::string_view where = {});

  // Reports malformed input and counts it. Returns OK to go on, or (with --strict) a DataError
  // Status that the caller returns to stop the run.
  Status BadInput(std::string_view what, std::string_view where);

  uint64_t bad_input_count() const { return bad_input_count_; }
  // kDataError when any bad input was reported, else kOk.
  ExitCode InputOutcome() const {
    return bad_input_count_ > 0 ? ExitCode::kDataError : ExitCode::kOk;
  }
  // Prints the "N more bad inputs not shown" line if messages were suppressed.
  void Finish();

  static constexpr uint64_t kMaxBadInputMessages = 100;

 private:
  void Print(std::string_view level, std::string_view what, std::string_view where);

  std::string tool_;
  FILE* stream_;
  bool quiet_ = false;
  bool verbose_ = false;
  bool strict_ = false;
  // Atomic, and each message written with one fwrite: a tool may report bad input from a reader
  // thread while its main thread reports other things (ioc-enrich, triage-report --threads).
  std::atomic<uint64_t> bad_input_count_ = 0;
};

}  // namespace seckit

#endif  // SECKIT_DIAG_H_
