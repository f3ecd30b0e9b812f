// The state file: every active block (address, backend, host, added, expires, reason, source and
// the source record itself when it was one),
// as JSON lines. A run that changes it holds an exclusive flock on FILE.lock from Load to Save,
// so two runs (cron and a human) never interleave; Save writes a temporary file and renames it
// over the old one, so a crash never leaves half a state.
#ifndef SECKIT_FW_BLOCK_STATE_FILE_H_
#define SECKIT_FW_BLOCK_STATE_FILE_H_

#include <string>
#include <vector>

#include "seckit/ip.h"
#include "seckit/status.h"
#include "seckit/time.h"

namespace seckit::fw_block {

struct StateEntry {
  Cidr cidr;
  std::string backend;
  std::string host;  // the --ssh destination; empty for this host
  TimeNs added = 0;
  TimeNs expires = 0;  // 0: until unblocked
  std::string reason;
  std::string source;  // FILE:LINE of the record or list line that asked for it
  std::string record;  // the JSON record that asked for it (valid JSON text), or empty

  bool Expired(TimeNs now) const { return expires != 0 && expires <= now; }
};

class StateFile {
 public:
  StateFile() = default;
  ~StateFile();
  StateFile(StateFile&& other) noexcept;
  StateFile& operator=(StateFile&& other) noexcept;
  StateFile(const StateFile&) = delete;

  // Reads `path` (a missing file is an empty state). With `lock`, first takes the exclusive lock
  // on `path`.lock (creating it and the directory), held until destruction. A line that cannot
  // be read is a Config error naming the file and line: the state is never silently dropped.
  static Result<StateFile> Load(const std::string& path, bool lock);

  std::vector<StateEntry>& entries() { return entries_; }
  const std::vector<StateEntry>& entries() const { return entries_; }

  // Writes every entry atomically (temp file + fsync + rename). Requires the lock.
  Status Save() const;

  // $XDG_STATE_HOME/seckit/FILE, else $HOME/.local/state/seckit/FILE.
  static std::string DefaultPath(const std::string& file);

 private:
  std::string path_;
  int lock_fd_ = -1;
  std::vector<StateEntry> entries_;
};

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_STATE_FILE_H_
