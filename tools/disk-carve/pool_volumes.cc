// libtsk's pool layer: a container is opened once and shared by the volumes found in it.
#include "pool_volumes.h"

namespace seckit::disk_carve {

bool AddPoolVolumes(const DiskImage& image, int64_t partition, uint64_t offset,
                    const std::string& description, Diagnostics& diag, VolumeLayout& layout) {
  tsk_error_reset();
  const TSK_POOL_INFO* opened =
      tsk_pool_open_img_sing(image.tsk(), static_cast<TSK_OFF_T>(offset), TSK_POOL_TYPE_DETECT);
  if (opened == nullptr) {
    tsk_error_reset();
    return false;
  }
  std::shared_ptr<const TSK_POOL_INFO> pool(opened,
                                            [](const TSK_POOL_INFO* p) { tsk_pool_close(p); });
  bool added = false;
  for (const TSK_POOL_VOLUME_INFO* vol = pool->vol_list; vol != nullptr; vol = vol->next) {
    const std::string where = image.path() + ", pool at offset " + std::to_string(offset) +
                              ", volume at block " + std::to_string(vol->block);
    if (vol->flags & TSK_POOL_VOLUME_FLAG_ENCRYPTED) {
      diag.Warning("encrypted pool volume skipped", where);
      continue;
    }
    tsk_error_reset();
    std::unique_ptr<TSK_IMG_INFO, ImgCloser> volume_image(
        pool->get_img_info(pool.get(), vol->block));
    if (!volume_image) {
      diag.Warning("cannot open pool volume: " + TakeTskError(), where);
      continue;
    }
    TSK_FS_INFO* fs = tsk_fs_open_img(volume_image.get(), 0, TSK_FS_TYPE_DETECT);
    if (fs == nullptr) {
      diag.Warning("no file system the Sleuth Kit reads in pool volume: " + TakeTskError(), where);
      continue;
    }
    FileSystem entry;
    entry.partition = partition;
    entry.offset = offset;
    entry.partition_description = description;
    entry.pool = pool;
    entry.pool_image = std::move(volume_image);
    entry.pool_volume_block = vol->block;
    entry.fs.reset(fs);
    layout.file_systems.push_back(std::move(entry));
    added = true;
  }
  return added;
}

}  // namespace seckit::disk_carve
