// anomaly-detect's options, filled from the command line by cli.cc and read by run.cc.
#ifndef SECKIT_ANOMALY_DETECT_OPTIONS_H_
#define SECKIT_ANOMALY_DETECT_OPTIONS_H_

#include <string>
#include <vector>

#include "seckit/status.h"
#include "seckit/tool_main.h"

namespace seckit::anomaly_detect {

struct Options {
  std::vector<std::string> inputs;     // JSON-lines files; "-" or none: standard input
  std::vector<std::string> detectors;  // --detectors: which to run (empty: all)
  bool only_alerts = false;            // --only-alerts: write alerts, not the input records
  std::string baseline_in;             // --baseline FILE: score against a saved model
  std::string baseline_out;            // --baseline-out FILE: save the model trained here
};

// Every detector's name, in the order they run.
const std::vector<std::string>& DetectorNames();

// The tool's definition for ToolMain: its self-description, flags and Run.
ToolSpec MakeSpec();

// The tool's flow: reads records, passes them through, writes alerts.
Status Run(const Options& options, Io& io);

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_OPTIONS_H_
