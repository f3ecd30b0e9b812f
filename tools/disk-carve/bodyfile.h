// The Sleuth Kit's body file format (fls -m), for mactime and timeline tools:
// MD5|name|inode|mode_as_string|UID|GID|size|atime|mtime|ctime|crtime
#ifndef SECKIT_DISK_CARVE_BODYFILE_H_
#define SECKIT_DISK_CARVE_BODYFILE_H_

#include <string>

#include "file_walk.h"

namespace seckit::disk_carve {

// One body-file line (with its newline) for `entry`; `md5` is "0" when not computed.
std::string BodyfileLine(const FileEntry& entry, const std::string& md5);

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_BODYFILE_H_
