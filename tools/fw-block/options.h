// fw-block's options, filled from the command line by cli.cc and read by run.cc.
#ifndef SECKIT_FW_BLOCK_OPTIONS_H_
#define SECKIT_FW_BLOCK_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "seckit/status.h"
#include "seckit/tool_main.h"

namespace seckit::fw_block {

struct Options {
  std::vector<std::string> inputs;    // records or address lists; none or "-": standard input
  std::string input_format = "auto";  // --input-format auto|json|list
  std::vector<std::string> fields;    // --field PATH (replaces the default list)
  int min_score = -1;                 // --min-score N over threat.enrichments (-1: off)
  std::string verdict;                // --verdict malicious|suspicious (empty: off)
  std::string backend = "nft";        // --backend
  bool apply = false;                 // --apply: execute (default: dry-run plan)
  bool text = false;                  // --text: print the commands' text instead of records
  std::string ttl;                    // --ttl DURATION ("" = no expiry)
  std::vector<std::string> allow;     // --allow CIDR (repeatable; config fw-block.allow too)
  bool allow_private = false;         // --allow-private
  bool force_wide = false;            // --force-wide
  int64_t max = 1000;                 // --max N
  std::vector<std::string> ssh;       // --ssh DEST (repeatable)
  std::string ssh_config;             // --ssh-config FILE (ssh -F)
  std::string state_path;             // --state FILE
  std::string audit_path;             // --audit FILE
  std::string reason;                 // --reason TEXT (default: derived from the input)
  bool list = false;                  // --list
  bool verify = false;                // --verify
  std::vector<std::string> unblock;   // --unblock ADDR (repeatable)
  bool expire = false;                // --expire
  bool flush = false;                 // --flush
};

// The tool's definition for ToolMain: its self-description, flags and Run.
ToolSpec MakeSpec();

// The tool's flow: plans (and with --apply, executes) blocks, unblocks, expiry or a flush.
Status Run(const Options& options, Io& io);

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_OPTIONS_H_
