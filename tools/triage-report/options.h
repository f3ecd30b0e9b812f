// triage-report's options, filled from the command line by cli.cc and read by run.cc.
#ifndef SECKIT_TRIAGE_REPORT_OPTIONS_H_
#define SECKIT_TRIAGE_REPORT_OPTIONS_H_

#include <string>
#include <vector>

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
  size_t max_distinct = 100'000;    // --max-distinct
  size_t max_citations = 10;        // --max-citations
  size_t top = 10;                  // --top
};

// The tool's definition for ToolMain: its self-description, flags and Run.
ToolSpec MakeSpec();

// The tool's flow: reads every input, analyses, renders the report.
Status Run(const Options& options, Io& io);

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_OPTIONS_H_
