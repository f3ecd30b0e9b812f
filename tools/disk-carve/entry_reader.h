// Reading one entry's content once for everything asked of it: the inspection (digests, YARA,
// libmagic) and, for recover, a copy to an output file.
#ifndef SECKIT_DISK_CARVE_ENTRY_READER_H_
#define SECKIT_DISK_CARVE_ENTRY_READER_H_

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "content_inspector.h"
#include "file_walk.h"
#include "seckit/diag.h"

namespace seckit::disk_carve {

using ContentSink = std::function<Status(std::span<const uint8_t>)>;

class EntryReader {
 public:
  EntryReader(const InspectionPlan& plan, std::string image_path);

  // Reads `entry` (a regular file or stream) through the inspector and `sink` (may be empty).
  // A read failure is reported — as bad input for an allocated file, as a note for a deleted one,
  // whose blocks may since have been reused — and gives nullopt with `*read_failed` set; a failed
  // sink or a failed digest is returned as a Status.
  Result<std::optional<Inspection>> Read(const FileSystem& fs, const FileEntry& entry,
                                         Diagnostics& diag, const ContentSink& sink,
                                         bool* read_failed);

 private:
  ContentInspector inspector_;
  std::string image_path_;
  std::vector<uint8_t> buffer_;
};

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_ENTRY_READER_H_
