// Input enumeration for log-grep: the command line's paths expanded into the files to read
// (directories walked with -r, as grep does) and rotated sets put in time order.
//
// Rules:
// - No path at all means standard input ("-"), or the working directory with -r (its files are
//   then named without a "./" prefix, as grep names them).
// - "-" stays standard input. A file named on the command line is always read, whatever
//   --include/--exclude say; a symbolic link named on the command line is followed.
// - A directory without -r is reported ("is a directory") and skipped, as grep does. With -r its
//   entries are walked in byte order of their names, depth first. Symbolic links met inside the
//   walk (to files or directories) are skipped, as `grep -r` skips them; with follow_symlinks
//   (-R) they are followed and a directory that contains itself is reported as a loop and not
//   entered again. Files found by walking that are not regular (FIFOs, sockets, devices) are
//   skipped with a note: reading a FIFO could block forever.
// - --include/--exclude are fnmatch(3) globs on the base names of files found by walking: a file
//   is read when it matches some --include (or none is given) and no --exclude. (grep lets the
//   later of two contradictory options win; here --exclude always wins.)
// - A path that does not exist or cannot be read (a file that cannot be opened, a directory that
//   cannot be listed) is reported as an error, skipped, and makes the outcome NoInput (66); the
//   other inputs are still returned.
// - Rotated sets: paths in the same directory (as written) that share a rotation base (see
//   ParseRotatedName) are put together, oldest first, at the place of the first of them:
//   auth.log.10.gz, auth.log.2.gz, auth.log.1, auth.log — so lines come out in time order
//   (OrderRotatedSets in rotated_name.h).
#ifndef SECKIT_LOG_GREP_INPUT_SET_H_
#define SECKIT_LOG_GREP_INPUT_SET_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "seckit/diag.h"
#include "seckit/exit_code.h"
#include "seckit/status.h"

namespace seckit::log_grep {

struct InputSetOptions {
  bool recursive = false;            // -r: walk directories
  bool follow_symlinks = false;      // -R: -r, following symbolic links met while walking
  std::vector<std::string> include;  // --include GLOB (repeatable)
  std::vector<std::string> exclude;  // --exclude GLOB (repeatable)
  bool order_rotated = true;         // put rotated sets oldest first (see above)
};

struct InputSet {
  std::vector<std::string> paths;    // files to read, in order; "-" is standard input
  ExitCode outcome = ExitCode::kOk;  // kNoInput when some input was reported and skipped
};

// Expands `args` as described at the top of this file. Problems with single inputs are reported
// through `diag` and reflected in `outcome`; the only failure is Status::Interrupted() when
// SIGINT or SIGTERM arrives during a long walk.
Result<InputSet> ExpandInputs(const std::vector<std::string>& args, const InputSetOptions& options,
                              Diagnostics& diag);

// How much of a file's start LooksBinary needs (as grep).
inline constexpr size_t kBinaryProbeBytes = size_t{64} * 1024;

// True when the first block of a file's (uncompressed) content holds a NUL byte within its first
// kBinaryProbeBytes, as grep decides; the caller then skips the file with a note.
bool LooksBinary(std::span<const uint8_t> first_block);

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_INPUT_SET_H_
