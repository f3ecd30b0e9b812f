// Walking every file and directory of a file system, allocated and deleted, as fls -r does
// (including the Sleuth Kit's $OrphanFiles), with NTFS alternate data streams as entries of their
// own.
#ifndef SECKIT_DISK_CARVE_FILE_WALK_H_
#define SECKIT_DISK_CARVE_FILE_WALK_H_

#include <tsk/libtsk.h>

#include <functional>
#include <string>

#include "seckit/diag.h"
#include "seckit/status.h"
#include "volumes.h"

namespace seckit::disk_carve {

// One name found by the walk. Pointers are valid only during the visitor's call.
struct FileEntry {
  TSK_FS_FILE* file = nullptr;
  std::string path;  // "/dir/name", or "/dir/name:stream" for an NTFS ADS
  std::string name;  // "name" or "name:stream"
  // NTFS: the attribute this entry stands for (fls lists one line per data attribute, and the
  // index root of directories); nullptr elsewhere, where the entry is the file's default data.
  const TSK_FS_ATTR* attr = nullptr;
  bool named_stream = false;  // attr is an alternate data stream ("name:stream")
  // NTFS, body files only (WalkOptions::file_name_times): attr is the $FILE_NAME attribute whose
  // times libtsk loaded, which fls -m prints as a line of its own ("name ($FILE_NAME)").
  bool file_name_times = false;
  bool deleted = false;  // the name or its metadata is unallocated
  bool has_meta() const { return file->meta != nullptr; }
  bool is_regular() const;    // regular file (or an ADS), so it has content to read
  std::string inode() const;  // "12", or "64-128-3" on NTFS, as fls prints it
};

// Called for each entry; returns a non-OK Status to stop the walk (that Status is returned).
using FileVisitor = std::function<Status(const FileEntry&)>;

struct WalkOptions {
  // Also visit, on NTFS, the $FILE_NAME attribute of each file (FileEntry::file_name_times), as
  // fls -m does; such entries have no content of their own.
  bool file_name_times = false;
};

// Visits every entry of `fs` below its root. Errors libtsk reports inside the walk (a corrupt
// directory) are reported as bad input naming the file system's offset, and the walk goes on with
// what libtsk could read.
Status WalkFiles(const FileSystem& fs, const std::string& image_path, Diagnostics& diag,
                 const FileVisitor& visit, const WalkOptions& options = {});

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_FILE_WALK_H_
