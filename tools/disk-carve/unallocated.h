// The byte ranges carve scans: every file system's unallocated blocks plus the space that holds
// no readable file system (unallocated sectors, partitions libtsk cannot read).
#ifndef SECKIT_DISK_CARVE_UNALLOCATED_H_
#define SECKIT_DISK_CARVE_UNALLOCATED_H_

#include <vector>

#include "seckit/diag.h"
#include "volumes.h"

namespace seckit::disk_carve {

// Sorted, merged ranges. A block walk that fails is reported with the file system's offset.
Result<std::vector<ByteRange>> UnallocatedRanges(const VolumeLayout& layout,
                                                 const std::string& image_path, Diagnostics& diag);

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_UNALLOCATED_H_
