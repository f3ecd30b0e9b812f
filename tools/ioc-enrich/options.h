// ioc-enrich's options, filled from the command line by cli.cc and read by run.cc.
#ifndef SECKIT_IOC_ENRICH_OPTIONS_H_
#define SECKIT_IOC_ENRICH_OPTIONS_H_

#include <string>
#include <vector>

#include "seckit/status.h"
#include "seckit/tool_main.h"

namespace seckit::ioc_enrich {

struct Options {
  std::vector<std::string> inputs;         // JSON-lines files; "-" or none: standard input
  std::vector<std::string> indicator_lists;  // -i: plain indicator lists
  std::vector<std::string> feeds;          // --feed [FORMAT:]FILE
  std::vector<std::string> mmdb;           // --mmdb FILE
  std::vector<std::string> providers;      // --provider NAME
  std::vector<std::string> provider_urls;  // --provider-url NAME=URL
  std::vector<std::string> fields;         // --field PATH (replaces the default list)
  std::string cache_path;                  // --cache FILE ("" = default location)
  bool no_cache = false;                   // --no-cache
  bool offline = false;                    // --offline
  bool all_addresses = false;              // --all-addresses: ask about private/reserved too
  int min_score = -1;                      // --min-score N (-1: keep every record)
  int concurrency = 50;                    // --concurrency N: requests in flight in all
  double timeout_seconds = 15;             // --timeout SECONDS per request attempt
  std::string ca_file;                     // --ca-file FILE ("" = the config's, else the system's)
};

// The tool's definition for ToolMain: its self-description, flags and Run.
ToolSpec MakeSpec();

// The tool's flow: reads records or indicator lists, enriches, writes records.
Status Run(const Options& options, Io& io);

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_OPTIONS_H_
