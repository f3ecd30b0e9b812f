// Resume state for `log-grep --state FILE`: how far each followed file was read, so a run from
// cron reads only the lines added since the last run — across logrotate's renames, copytruncate
// and (delayed) compression — and repeats or loses none of them.
//
// THE STATE FILE. One JSON object (read with simdjson, written with JsonWriter):
//   {"format":"seckit-log-grep-state","version":1,"files":[{"path":"/var/log/auth.log",
//    "dev":2049,"inode":1311,"size":52011,"offset":51980,"line":611,"fingerprint":"9f…",
//    "fingerprint_length":1024,"compressed":false,"complete":false}, …]}
// One entry per file content followed: the absolute path where it was last seen, its device and
// inode, its size then (compressed size for .gz/.zst), the offset reached in its uncompressed
// content (just past the last complete line read), the number of lines before that offset, and a
// fingerprint: the SHA-256 of its first fingerprint_length = min(1024, length) content bytes
// (decompressed for .gz/.zst). "complete" says a compressed file was read to its end.
// A missing or empty (0-byte) file is an empty state: the first run reads every input from its
// start. Anything else that is not such a document (broken JSON, wrong format, a newer version,
// a field of the wrong type) is Status::Config (exit 78) naming the file; the state is never
// silently reset, since that would repeat every line of every file.
// It is written only by Save(): to a temporary file in the same directory, fsync'ed, renamed over
// FILE, then the directory fsync'ed; mode 0600. A crash leaves the old or the new state.
//
// LOCKING. Open() takes flock(LOCK_EX|LOCK_NB) on FILE.lock (created 0600 beside FILE, never
// removed: removing it would let two runs lock two different files) and holds it until the
// ResumeState is destroyed. FILE itself cannot carry the lock, because Save() replaces it. When
// another run holds the lock, Open() fails at once with Status::TempFail (exit 75) — the next cron
// run will catch up — or, with lock_wait, retries until that much time has passed.
//
// MATCHING A FILE TO AN ENTRY. Plan() opens each input (and, see below, its rotated siblings),
// reads its first 1024 content bytes and looks for an entry:
//  1. Same file: same device and inode, not compressed, its first fingerprint_length bytes hash to
//     the fingerprint, and it is at least `offset` long → read from `offset`.
//     The same inode with other first bytes, or shorter than `offset`, was truncated (copytruncate,
//     `: > file`): it is read from 0, and the entry is looked for elsewhere (rule 2).
//  2. Same content elsewhere: a file whose first fingerprint_length bytes hash to an entry's
//     fingerprint is that content moved or copied — logrotate's copy (copytruncate), its
//     compression (auth.log.1 → auth.log.2.gz), or the same file after a device number change →
//     read from `offset` (compressed files are decompressed and the first `offset` bytes skipped).
//     A compressed file whose entry is complete is skipped without decompressing it.
//     If the entry was already claimed by its file under rule 1, this file is a copy of content
//     being followed (e.g. auth.log.1 and auth.log.2.gz while gzip runs) and is skipped.
//     An entry with fingerprint_length 0 (the file was empty) matches nothing by content.
//  3. No entry: a new file, read from 0.
// Each entry is claimed by one file per run, and each file (device+inode) is read once per run,
// even when named twice.
//
// ROTATED SIBLINGS. Files named on the command line are always read (from where rules 1-3 say).
// When the state has entries for a file's rotation set — same directory, same base name, see
// rotated_name.h: auth.log, auth.log.0, auth.log.1, auth.log-20261124, auth.log.2.gz, … — the
// set's rotated files older than the newest one named are examined too, and read first, oldest
// first, when they hold unread lines:
//  - a sibling matching an entry under rule 1 or 2 is read from the entry's offset when it has
//    grown past it (a renamed file still written by its daemon until it reopens the log, a
//    delaycompress file) or when it is compressed and not complete;
//  - a sibling matching nothing that is newer than the newest matched member of the set is read
//    from 0: it was rotated in full between two runs (several rotations without a run).
// Siblings older than what was followed are never read: they predate the state.
// An entry whose file cannot be found any more — its live path now holds another file and no
// sibling holds its content — is reported with a warning ("rotated away or truncated; lines after
// offset N may be lost") and dropped. Entries of rotated files that disappeared (deleted by
// `rotate N`) are dropped silently; entries of files outside every input's rotation set are kept
// unchanged.
//
// PARTIAL LINES. The offset recorded for a file that may still grow is just past its last '\n':
// an unterminated last line is not consumed and is read again, complete, by the next run (from the
// same file, or from the rotated or compressed file it became). A compressed file does not grow
// (ReadPlan::final): its unterminated last line is consumed and its entry marked complete.
//
// USE (run.cc):
//   auto state = ResumeState::Open(path);                  // lock + load; fail → exit
//   for (ReadPlan& plan : state->Plan(paths, diag)) {       // paths from ExpandInputs
//     auto in = OpenPlanned(plan);                         // positioned at plan.start_offset
//     // TempFail here: the file was rotated after Plan(); warn and go on, it is read next run.
//     LineReader reader(**in); reader.SetPosition(plan.start_offset, plan.start_line);
//     … read; keep the end of the last complete line consumed (EndOfCompleteLines) …
//     state->Record(plan, {offset, lines, reached_end});   // only if the file was processed
//   }
//   output.Commit(); then state->Save() if the output is intact (not on a write error or EPIPE).
// Save() after a partial success is right: a file that failed is not recorded and keeps its old
// entry, so it is retried from the same place. After SIGINT, Save() records what was consumed.
#ifndef SECKIT_LOG_GREP_RESUME_STATE_H_
#define SECKIT_LOG_GREP_RESUME_STATE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "seckit/diag.h"
#include "seckit/input.h"
#include "seckit/line_reader.h"
#include "seckit/status.h"

namespace seckit::log_grep {

// Content bytes hashed into a fingerprint.
inline constexpr uint64_t kFingerprintBytes = 1024;

// What recognises one file's content from run to run.
struct FileIdentity {
  uint64_t dev = 0;
  uint64_t inode = 0;
  uint64_t size = 0;                // file size (compressed size for .gz/.zst) when planned
  bool compressed = false;          // gzip or zstd: the content is final
  std::string fingerprint;          // lowercase hex SHA-256 of the first fingerprint_length bytes
  uint64_t fingerprint_length = 0;  // min(kFingerprintBytes, content length)
};

// One file to read, in the order Plan() returns them.
struct ReadPlan {
  std::string path;           // as to be shown (log.file.path); siblings share their input's dir
  uint64_t start_offset = 0;  // uncompressed bytes already read: skip them (OpenPlanned does)
  uint64_t start_line = 0;    // lines before start_offset, for LineReader::SetPosition
  bool tracked = false;       // a regular file with an identity: Record() it after reading
  bool rotated = false;       // not named on the command line: a rotated sibling (see above)
  bool final = false;         // nothing is resumed from its end (a compressed file, or an
                              // untracked input): consume an unterminated last line too
  FileIdentity identity;
  int entry = -1;  // the state entry it continues, or -1 (internal)
};

// What the caller consumed from one planned file.
struct ReadProgress {
  uint64_t offset = 0;       // just past the last complete line consumed (past the last byte for
                             // a final file read to its end); at least start_offset
  uint64_t line = 0;         // lines before `offset` (start_line + lines consumed)
  bool reached_end = false;  // the file was read to its end
};

// One entry of the state file (see the top of this file).
struct StateEntry {
  std::string path;  // absolute, where the content was last seen
  FileIdentity identity;
  uint64_t offset = 0;
  uint64_t line = 0;
  bool complete = false;
};

struct ResumeStateOptions {
  // How long Open() waits for another run to release the lock; 0 fails at once.
  std::chrono::milliseconds lock_wait{0};
};

class ResumeState {
 public:
  // Locks and loads `path` (see LOCKING and THE STATE FILE). Errors: TempFail (75) when another
  // run holds the lock; CantCreate (73) when the lock file cannot be created (e.g. the directory
  // is missing); NoInput (66) when the state file exists but cannot be read; Config (78) when it
  // is corrupt. Every message names the file.
  static Result<ResumeState> Open(const std::string& path, const ResumeStateOptions& options = {});

  ResumeState(ResumeState&& other) noexcept;
  ResumeState& operator=(ResumeState&& other) noexcept;
  ResumeState(const ResumeState&) = delete;
  ResumeState& operator=(const ResumeState&) = delete;
  ~ResumeState();  // releases the lock

  // The files to read for `inputs` (ExpandInputs' paths, "-" allowed: it is planned untracked),
  // in order, each with where to start (see MATCHING and ROTATED SIBLINGS). Inputs that cannot be
  // opened are planned untracked from 0, so opening them reports the error where others are
  // reported. Skipped files and rotations are noted through `diag` (warnings for possible loss,
  // notes for the rest). Call once per run.
  std::vector<ReadPlan> Plan(const std::vector<std::string>& inputs, Diagnostics& diag);

  // Remembers how far a tracked plan was read; untracked plans are ignored. Entries of planned
  // files that are never recorded (unreadable, skipped as binary, interrupted before) stay as
  // they were.
  void Record(const ReadPlan& plan, const ReadProgress& progress);

  // Writes the state atomically (see THE STATE FILE). CantCreate (73) when the temporary file
  // cannot be created or renamed, IoError (74) on a write or fsync error; the old state is then
  // left as it was. May be called more than once.
  Status Save();

  const std::string& path() const { return path_; }
  // The entries as loaded (after Plan(), with the paths where their files are now).
  const std::vector<StateEntry>& entries() const { return entries_; }
  // The entries Save() writes: those loaded, updated by Record(), less the dropped ones (see
  // ROTATED SIBLINGS), sorted by path.
  std::vector<StateEntry> Snapshot() const;

 private:
  ResumeState(std::string path, int lock_fd) : path_(std::move(path)), lock_fd_(lock_fd) {}
  Status Load();

  std::string path_;
  int lock_fd_ = -1;
  std::vector<StateEntry> entries_;
  // Filled by Plan(): which entries were claimed by a file, and which entries belong to the
  // rotation set of some input (unclaimed ones of those are dropped on Save).
  std::vector<bool> claimed_;
  std::vector<bool> in_touched_set_;
  std::vector<StateEntry> recorded_;
  std::vector<int> recorded_from_;  // entry each recorded one replaces, or -1
};

// Opens `path` ("-" is standard input) with its first `offset` uncompressed bytes skipped: by
// lseek for a plain regular file, by reading (and decompressing) otherwise. NoInput (66) when it
// cannot be opened; DataError (65) when it is shorter than `offset`; errors of OpenInput.
// raw_offset() of the source counts from where reading started.
Result<std::unique_ptr<InputSource>> OpenAt(const std::string& path, uint64_t offset);

// OpenAt for a plan. For a tracked plan the opened file must still be the one planned (same
// device and inode): when it was rotated in between, TempFail (75) "… changed since it was
// planned …" — warn and go on without recording it; the next run reads it from the same place.
Result<std::unique_ptr<InputSource>> OpenPlanned(const ReadPlan& plan);

// The offset just past the last '\n' in `block` (block.offset when it holds none: an unterminated
// last line, which a file that may grow must not consume).
uint64_t EndOfCompleteLines(const LineBlock& block);

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_RESUME_STATE_H_
