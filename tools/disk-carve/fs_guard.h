// Running the Sleuth Kit's work on one file system in a child process, so that libtsk's own
// failures on hostile input — a quadratic loop inside one call, a multi-gigabyte allocation, a
// crash (fuzz/known/README.md) — cost a bounded time and memory and end only that file system.
//
// Why a process: the time goes inside single libtsk calls that never call back (e.g. 46 s in
// tsk_fs_attr_append_run under one ext2fs_dir_open_meta), so no check in our callbacks can stop
// them, and only an address-space limit bounds what libtsk allocates. The child has RLIMIT_AS
// set, must show progress (an entry walked or a chunk of content read) at least every
// `stall_seconds`, and may be given a time limit in all; its records come back through a pipe
// and are written out as whole lines, its diagnostics go straight to stderr. A stopped child
// is reported as bad input naming the file system, and the next file system is processed.
#ifndef SECKIT_DISK_CARVE_FS_GUARD_H_
#define SECKIT_DISK_CARVE_FS_GUARD_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "seckit/status.h"
#include "seckit/tool_main.h"

namespace seckit::disk_carve {

struct GuardLimits {
  uint64_t memory_bytes = 0;   // the child's RLIMIT_AS; 0: none
  uint32_t stall_seconds = 0;  // longest time without progress; 0: none
  uint32_t total_seconds = 0;  // longest time for one file system; 0: none
  bool any() const { return memory_bytes != 0 || stall_seconds != 0 || total_seconds != 0; }
};

// The work on one file system, writing its records to `io.out` and reporting through `io.diag`.
using GuardedWork = std::function<Status(Io& io)>;

class FsGuard {
 public:
  FsGuard(const GuardLimits& limits, Io& io) : limits_(limits), io_(io) {}

  // Runs `work` in a child process under the limits (in this process when there are none).
  // `where` names the file system in messages ("IMAGE, ext2 file system at offset N"). Returns
  // the work's own Status; when the child was stopped or crashed, the records it finished are
  // kept, bad input naming `where` is reported, and the result is OK (the DataError of --strict).
  Status Run(const std::string& where, const GuardedWork& work);

  // The run's Status once every file system is done: `status` when it is an error, else
  // DataError with no message (each problem was reported already) when a child reported bad
  // input — those are counted in the child's copy of the diagnostics, not in ours.
  Status Finish(Status status) const;

 private:
  GuardLimits limits_;
  Io& io_;
  uint64_t child_bad_inputs_ = 0;
};

// Marks progress for the watchdog: called for every entry walked and every chunk of content
// read. A relaxed increment of a counter shared with the parent; nothing outside a guarded child.
void NoteProgress();

// Notes the file a guarded child is writing now (recover; "" once it is closed or removed): should
// the parent have to stop the child before the file is whole, it removes it. Nothing outside a
// guarded child.
void NoteWriting(std::string_view path);

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_FS_GUARD_H_
