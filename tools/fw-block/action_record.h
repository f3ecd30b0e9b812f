// The fw.action record (docs/FORMAT.md, "fw-block"): one per address and host, for the plan on
// standard output and for the audit log; and the fw.state record of --list and --verify.
#ifndef SECKIT_FW_BLOCK_ACTION_RECORD_H_
#define SECKIT_FW_BLOCK_ACTION_RECORD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "seckit/ip.h"
#include "seckit/json_writer.h"
#include "seckit/time.h"
#include "state_file.h"

namespace seckit::fw_block {

struct Action {
  std::string kind;  // "block", "unblock", "skip", "expire"
  Cidr cidr;
  std::string reason;
  std::string source;  // FILE:LINE
  std::string record;  // the source record (kept in the state file, not written in fw.action)
  std::string backend;
  std::string host;  // --ssh destination; empty for this host
  bool applied = false;
  int64_t ttl = 0;  // seconds; 0: none
  TimeNs expires = 0;
  std::vector<std::vector<std::string>> commands;  // argv of each command carrying the address
  std::vector<std::string> input;  // the lines this address adds to those commands' input
  std::string error;               // why applying failed
};

// The address as fw.address shows it: a bare address for a host, else network/len.
std::string AddressText(const Cidr& cidr);

void WriteAction(JsonWriter& w, const Action& action, TimeNs now);

// A state entry for --list; `drift` ("missing", "unexpected" or empty) for --verify.
void WriteStateRecord(JsonWriter& w, const StateEntry& entry, TimeNs now, const std::string& drift,
                      int64_t live_expires_in);

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_ACTION_RECORD_H_
