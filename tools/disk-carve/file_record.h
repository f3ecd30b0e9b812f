// Writing the disk.file record of one entry (docs/FORMAT.md, "disk-carve").
#ifndef SECKIT_DISK_CARVE_FILE_RECORD_H_
#define SECKIT_DISK_CARVE_FILE_RECORD_H_

#include <string>

#include "content_inspector.h"
#include "file_walk.h"
#include "seckit/json_writer.h"
#include "volumes.h"

namespace seckit::disk_carve {

struct FileRecordExtras {
  const Inspection* inspection = nullptr;  // digests, mime type, YARA matches (may be null)
  std::string recovered_path;              // set by recover: the path written under --out
};

// The ECS type name of an entry: "file", "dir", "symlink", or the kind of special file.
std::string_view FileTypeName(const FileEntry& entry);

void WriteYaraMatches(JsonWriter& w, const std::vector<YaraMatch>& matches);
void WriteDigests(JsonWriter& w, const std::vector<Digest>& digests);

void WriteFileRecord(JsonWriter& w, const std::string& timestamp, const std::string& image_path,
                     const FileSystem& fs, const FileEntry& entry, const FileRecordExtras& extras);

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_FILE_RECORD_H_
