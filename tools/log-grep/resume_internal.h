// Pieces shared by resume_state.cc, resume_plan.cc and resume_open.cc: probing a file's identity
// and naming the rotation set a path belongs to. Not for use outside the resume state.
#ifndef SECKIT_LOG_GREP_RESUME_INTERNAL_H_
#define SECKIT_LOG_GREP_RESUME_INTERNAL_H_

#include <string>
#include <string_view>
#include <utility>

#include "resume_state.h"

namespace seckit::log_grep::resume {

// A file opened and looked at by Plan().
struct Probe {
  bool ok = false;  // a regular file, opened, its first bytes read (decompressed if need be)
  FileIdentity identity;
  std::string head;  // its first min(kFingerprintBytes, length) content bytes
};

// Probes `path` without opening anything that is not a regular file (opening a FIFO would disturb
// its writer). `ok` is false when it is not a regular file or cannot be opened or decompressed.
Probe ProbeFile(const std::string& path);

// True when `head` starts with the bytes the entry's fingerprint was taken over.
bool FingerprintMatches(const FileIdentity& entry, std::string_view head);

// The absolute, lexically normal form of `path` (no symlinks resolved); `path` when that fails.
std::string AbsolutePath(const std::string& path);

// (directory, rotation base) of an absolute path: the rotation set it belongs to.
std::pair<std::string, std::string> RotationSetOf(const std::string& absolute_path);

}  // namespace seckit::log_grep::resume

#endif  // SECKIT_LOG_GREP_RESUME_INTERNAL_H_
