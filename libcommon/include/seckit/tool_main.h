// ToolMain: the one main() of every seckit tool — common flags, config, errors → exit status.
//
// A tool's main.cc is a few lines: it builds a ToolSpec (its ToolInfo, a function that adds its
// own flags to the CLI11 app, and its Run) and returns ToolMain(spec, argc, argv). ToolMain adds
// the common flags of DESIGN.md, parses the command line (usage errors exit 64, never CLI11's own
// codes), loads the config, ignores SIGPIPE, turns SIGINT/SIGTERM into a flag Run can poll, runs
// the tool, flushes output (a failed final flush is an I/O error) and maps the outcome to the
// exit-status table. Exceptions from third-party code are caught here, once (exit 70).
//
// The hidden flag `--generate man|bash|zsh|fish` prints the man page or a completion script made
// from the same CLI11 definition (see cli_doc.h); scripts/gen-docs writes them into the tree.
#ifndef SECKIT_TOOL_MAIN_H_
#define SECKIT_TOOL_MAIN_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/interrupt.h"
#include "seckit/status.h"

namespace CLI {
class App;
}

namespace seckit {

class Config;
class Diagnostics;
class OutputStream;

struct Example {
  std::string command;      // as typed at a shell prompt, without the prompt
  std::string explanation;  // one or two sentences
};

// What a tool says about itself: the source of --help, the man page and the completions.
struct ToolInfo {
  std::string name;         // binary name, e.g. "pcap-extract"
  std::string summary;      // one line, lower case, no final period: the man page NAME line
  std::string description;  // paragraphs separated by blank lines; plain text
  std::vector<Example> examples;
  // Extra man page sections in order, e.g. {"RECORDS", "..."}, {"PERFORMANCE", "..."}.
  std::vector<std::pair<std::string, std::string>> sections;
  std::string exit_status_notes;  // what status 1 or 65 means for this tool in particular
  std::vector<std::string> see_also;  // "log-grep(1)", "seckit-format(7)", "tshark(1)"
};

// The flags every tool has (DESIGN.md, "Command-line conventions").
struct CommonOptions {
  bool quiet = false;
  bool verbose = false;
  bool progress = false;       // progress on stderr even when it is not a terminal
  bool line_buffered = false;  // flush output after every record
  bool strict = false;         // bad input is fatal instead of reported and skipped
  std::string config_path;     // --config; empty means the default location, if present
  std::string output_path;     // -o; empty or "-" means standard output
};

// What Run gets: the common options and the shared mechanics, set up by ToolMain.
struct Io {
  const CommonOptions& common;
  Diagnostics& diag;
  OutputStream& out;
  const Config& config;
};

struct ToolSpec {
  ToolInfo info;
  // Adds the tool's own options and positionals to `app`, bound to the tool's Options.
  std::function<void(CLI::App& app)> define;
  // The tool's flow. Returns the outcome; bad input already reported through io.diag counts too.
  std::function<Status(Io& io)> run;
  // Short names of common flags the tool uses for something else (log-grep: "v" is grep's
  // --invert-match, so --verbose has no short form there).
  std::vector<std::string> reserved_short_flags;
};

// The version string every tool prints for --version: "seckit 0.1.0".
std::string VersionString();

// Builds the CLI11 app for `spec` with the common flags bound to `common`. ToolMain and the
// man-page/completion tests both use it, so what is documented is what is parsed.
void DefineCommandLine(const ToolSpec& spec, CLI::App& app, CommonOptions& common);

int ToolMain(const ToolSpec& spec, int argc, char** argv);

}  // namespace seckit

#endif  // SECKIT_TOOL_MAIN_H_
