// Pools: the volumes of an APFS container, each opened as a file system (as fls -P apfs -B N).
#ifndef SECKIT_DISK_CARVE_POOL_VOLUMES_H_
#define SECKIT_DISK_CARVE_POOL_VOLUMES_H_

#include "volumes.h"

namespace seckit::disk_carve {

// Opens the pool at `offset` and adds a FileSystem for each of its volumes that libtsk can read
// (an encrypted volume is reported and skipped). Returns false, adding nothing, when there is no
// pool there.
bool AddPoolVolumes(const DiskImage& image, int64_t partition, uint64_t offset,
                    const std::string& description, Diagnostics& diag, VolumeLayout& layout);

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_POOL_VOLUMES_H_
