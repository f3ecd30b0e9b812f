// log-grep's options, filled from the command line by cli.cc and read by run.cc.
#ifndef SECKIT_LOG_GREP_OPTIONS_H_
#define SECKIT_LOG_GREP_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "seckit/status.h"
#include "seckit/tool_main.h"

namespace seckit::log_grep {

struct Options {
  std::vector<std::string> positionals;  // [PATTERN] FILE...: the first is a pattern unless
                                         // -e, -f, --ioc or --where gave what to look for
  std::vector<std::string> patterns;     // -e
  std::vector<std::string> pattern_files;  // -f
  std::vector<std::string> ioc_files;      // --ioc
  std::string where;                       // --where
  bool fixed = false;        // -F
  bool ignore_case = false;  // -i
  bool word = false;         // -w
  bool invert = false;       // -v
  bool count = false;        // -c
  bool files_with_matches = false;  // -l
  uint64_t max_count = 0;    // -m: stop a file after this many selected lines (0: no limit)
  size_t threads = 2;        // --threads
  std::string since, until;  // on parsed timestamps
  bool recursive = false;    // -r
  std::vector<std::string> include, exclude;  // globs on base names, with -r
  std::string format = "auto";  // auto, syslog, access, json, text
  bool json = false;            // --json: records even to a terminal
  bool text = false;            // --text: grep-like text even into a pipe
  std::string color = "auto";   // auto, always, never
  bool line_numbers = false;    // -n
  bool with_filename = false;   // -H
  bool no_filename = false;     // --no-filename
  std::string state_file;       // --state
};

// The tool's definition for ToolMain: its self-description, flags and Run.
ToolSpec MakeSpec();

// The tool's flow: finds the inputs, selects lines, writes records or text.
Status Run(const Options& options, Io& io);

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_OPTIONS_H_
