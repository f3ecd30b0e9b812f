// triage-report's options, filled from the command line by cli.cc and read by run.cc.
#ifndef SECKIT_TRIAGE_REPORT_OPTIONS_H_
#define SECKIT_TRIAGE_REPORT_OPTIONS_H_

#include <string>
#include <vector>

#include "seckit/config.h"
#include "seckit/status.h"
#include "seckit/tool_main.h"

namespace seckit::triage_report {

struct Options {
  std::vector<std::string> inputs;  // JSON-lines files; "-" or none: standard input
  std::string format;               // --format; "" = by -o's extension, else text/json
  std::string fail_on;              // --fail-on SEVERITY
  std::string since, until;         // --since/--until (RFC 3339)
  std::string title = "Incident triage report";
  std::string rules_path;           // --rules FILE
  bool print_rules = false;         // --print-rules
  size_t max_distinct = 100'000;    // --max-distinct, else max_distinct in the config
  size_t max_citations = 10;        // --max-citations, else max_citations in the config
  size_t top = 10;                  // --top, else top in the config
  size_t threads = 1;               // --threads
  // The limits given on the command line, which the config file must not override.
  bool max_distinct_given = false, max_citations_given = false, top_given = false,
       fail_on_given = false;
};

// Fills the limits not given on the command line (max_distinct, max_citations, top, fail_on) from
// the config ([triage-report] table, or the environment); a value out of range or of the wrong
// type is Status::Config naming where it came from and the key. Defined in config_limits.cc.
Status ApplyConfigLimits(const Config& config, Options& options);

// The tool's definition for ToolMain: its self-description, flags and Run.
ToolSpec MakeSpec();

// The tool's flow: reads every input, analyses, renders the report.
Status Run(const Options& options, Io& io);

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_OPTIONS_H_
