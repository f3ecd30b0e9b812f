// pcap-extract's options, filled from the command line by cli.cc and read by run.cc.
#ifndef SECKIT_PCAP_EXTRACT_OPTIONS_H_
#define SECKIT_PCAP_EXTRACT_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "seckit/status.h"
#include "seckit/tool_main.h"

namespace seckit::pcap_extract {

struct RecordTypes {
  bool packet = false, flow = false, dns = false, http = false, tls = false;
  bool Any() const { return packet || flow || dns || http || tls; }
  bool App() const { return dns || http || tls; }
};

struct Options {
  std::vector<std::string> inputs;  // capture files; "-" is standard input
  std::string interface;            // -i: live capture
  std::string filter;               // -f: BPF expression
  std::vector<std::string> types{"flow", "dns", "http", "tls"};
  uint64_t count = 0;               // stop after this many frames (0: no limit)
  double duration = 0;              // live: stop after this many seconds (0: no limit)
  int snaplen = 262144;
  bool no_promiscuous = false;
  double flow_timeout = 120;        // seconds of inactivity that end a flow
  uint64_t max_flows = 1'000'000;
  std::string checksums = "ignore";  // ignore | verify (application-layer packets only)
};

// Parses --type values (each may be a comma-separated list) into flags; usage error on others.
Result<RecordTypes> ParseTypes(const std::vector<std::string>& values);

// The tool's definition for ToolMain: its self-description, flags and Run.
ToolSpec MakeSpec();

// The tool's flow: reads every input, writes the records, reports damage.
Status Run(const Options& options, Io& io);

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_OPTIONS_H_
