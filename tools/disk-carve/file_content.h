// Reading a file's content (its default data, or an NTFS stream) from the image, the way icat
// does: sparse runs read as zeros.
#ifndef SECKIT_DISK_CARVE_FILE_CONTENT_H_
#define SECKIT_DISK_CARVE_FILE_CONTENT_H_

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "file_walk.h"
#include "seckit/status.h"

namespace seckit::disk_carve {

// The size of the content ReadContent delivers.
uint64_t ContentSize(const FileEntry& entry);

// Passes the content of `entry` to `sink` in chunks of up to `buffer.size()` bytes. Returns the
// number of bytes delivered, or Status::IoError with libtsk's reason when a read fails (what was
// delivered before stays delivered).
Result<uint64_t> ReadContent(const FileEntry& entry, std::vector<uint8_t>& buffer,
                             const std::function<Status(std::span<const uint8_t>)>& sink);

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_FILE_CONTENT_H_
