// The file systems of an image: every partition of its volume system (DOS/MBR, GPT, BSD, Mac,
// Sun) opened with libtsk, or the whole image as one file system, and the byte ranges that hold
// no readable file system (for the carver).
#ifndef SECKIT_DISK_CARVE_VOLUMES_H_
#define SECKIT_DISK_CARVE_VOLUMES_H_

#include <tsk/libtsk.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "disk_image.h"
#include "seckit/diag.h"
#include "seckit/status.h"

namespace seckit::disk_carve {

struct FsCloser {
  void operator()(TSK_FS_INFO* fs) const { tsk_fs_close(fs); }
};
struct ImgCloser {
  void operator()(TSK_IMG_INFO* img) const { tsk_img_close(img); }
};

struct FileSystem {
  int64_t partition = -1;             // mmls slot number; -1 when the image has no volume system
  uint64_t offset = 0;                // byte offset of the file system in the image
  std::string partition_description;  // e.g. "Linux (0x83)"; empty without a volume system
  // For a volume of a pool (an APFS container): the pool and the image libtsk gives for the
  // volume. Declared before `fs` so that the file system is closed first.
  std::shared_ptr<const TSK_POOL_INFO> pool;
  std::unique_ptr<TSK_IMG_INFO, ImgCloser> pool_image;
  uint64_t pool_volume_block = 0;  // the volume's superblock (fls -B)
  std::unique_ptr<TSK_FS_INFO, FsCloser> fs;
  std::string type_name() const { return tsk_fs_type_toname(fs->ftype); }
  // "IMAGE, TYPE file system at offset N", for messages.
  std::string Where(const std::string& image_path) const {
    return image_path + ", " + type_name() + " file system at offset " + std::to_string(offset);
  }
};

struct ByteRange {
  uint64_t offset = 0;
  uint64_t length = 0;
};

struct VolumeLayout {
  std::string volume_system;             // "dos", "gpt", ...; empty when there is none
  std::vector<FileSystem> file_systems;  // in image order
  std::vector<ByteRange> without_fs;     // unallocated sectors and partitions without a fs
};

// Opens the volume system and every file system of `image`; only partition slot `partition`
// when it is not -1. A partition whose file system libtsk cannot read gets a warning naming its
// offset and is skipped. Status::DataError when nothing readable is found at all (and
// Status::Usage when `partition` names no partition).
Result<VolumeLayout> OpenVolumes(const DiskImage& image, int64_t partition, Diagnostics& diag);

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_VOLUMES_H_
