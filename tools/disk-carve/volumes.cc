// Walking the volume system: a partition that cannot be read is reported and the rest go on.
#include "volumes.h"

#include "pool_volumes.h"

namespace seckit::disk_carve {
namespace {

struct VsCloser {
  void operator()(TSK_VS_INFO* vs) const { tsk_vs_close(vs); }
};

std::string OffsetText(uint64_t offset) { return "offset " + std::to_string(offset); }

// Opens the file system at `offset`; on failure reports it and records the range. A file system
// that extends past the end of the image (a truncated image) is bad input: what is missing reads
// as nothing, and libtsk skips such directories silently.
Status TryFileSystem(const DiskImage& image, int64_t partition, uint64_t offset, uint64_t length,
                     const std::string& description, Diagnostics& diag, VolumeLayout& layout) {
  tsk_error_reset();
  TSK_FS_INFO* fs =
      tsk_fs_open_img(image.tsk(), static_cast<TSK_OFF_T>(offset), TSK_FS_TYPE_DETECT);
  if (fs == nullptr) {
    const std::string why = TakeTskError();
    if (AddPoolVolumes(image, partition, offset, description, diag, layout)) return Status::Ok();
    std::string what = partition >= 0 ? "no file system the Sleuth Kit reads in partition " +
                                            std::to_string(partition) + " (" + description + ")"
                                      : "no file system the Sleuth Kit reads";
    diag.Warning(what + (why.empty() ? "" : ": " + why) + "; left to the carver",
                 image.path() + ", " + OffsetText(offset));
    layout.without_fs.push_back({offset, length});
    return Status::Ok();
  }
  const uint64_t needed = static_cast<uint64_t>(fs->block_count) * fs->block_size;
  if (offset + needed > image.size()) {
    Status bad =
        diag.BadInput("image truncated: the " + std::string(tsk_fs_type_toname(fs->ftype)) +
                          " file system needs " + std::to_string(needed) +
                          " bytes, the image ends " + std::to_string(image.size() - offset) +
                          " bytes after its start; files and "
                          "directories past offset " +
                          std::to_string(image.size()) + " are missing",
                      image.path() + ", " + OffsetText(offset));
    if (!bad.ok()) {
      tsk_fs_close(fs);
      return bad;
    }
  }
  FileSystem entry;
  entry.partition = partition;
  entry.offset = offset;
  entry.partition_description = description;
  entry.fs.reset(fs);
  layout.file_systems.push_back(std::move(entry));
  return Status::Ok();
}

}  // namespace

Result<VolumeLayout> OpenVolumes(const DiskImage& image, int64_t partition, Diagnostics& diag) {
  VolumeLayout layout;
  tsk_error_reset();
  std::unique_ptr<TSK_VS_INFO, VsCloser> vs(tsk_vs_open(image.tsk(), 0, TSK_VS_TYPE_DETECT));
  if (!vs) {
    tsk_error_reset();
    if (partition >= 0) {
      return Status::Usage("--partition " + std::to_string(partition) + ": " + image.path() +
                           " has no volume system (partition table)");
    }
    tsk_error_reset();
    TSK_FS_INFO* probe = tsk_fs_open_img(image.tsk(), 0, TSK_FS_TYPE_DETECT);
    if (probe == nullptr) {
      const std::string why = TakeTskError();
      if (AddPoolVolumes(image, -1, 0, "", diag, layout)) return layout;
      return Status::DataError("no volume system or file system the Sleuth Kit reads in " +
                               image.path() + " (offset 0" + (why.empty() ? "" : ": " + why) + ")");
    }
    tsk_fs_close(probe);
    SECKIT_RETURN_IF_ERROR(TryFileSystem(image, -1, 0, image.size(), "", diag, layout));
    return layout;
  }
  layout.volume_system = tsk_vs_type_toname(vs->vstype);
  const uint64_t block = vs->block_size;
  bool found = false;
  for (TSK_PNUM_T i = 0; i < vs->part_count; ++i) {
    const TSK_VS_PART_INFO* part = tsk_vs_part_get(vs.get(), i);
    if (part == nullptr) continue;
    if (partition >= 0 && static_cast<int64_t>(part->addr) != partition) continue;
    found = true;
    const uint64_t offset = vs->offset + part->start * block;
    const uint64_t length = part->len * block;
    const std::string description = part->desc != nullptr ? part->desc : "";
    if (part->flags & TSK_VS_PART_FLAG_META) continue;
    if (part->flags & TSK_VS_PART_FLAG_UNALLOC) {
      layout.without_fs.push_back({offset, length});
      continue;
    }
    SECKIT_RETURN_IF_ERROR(TryFileSystem(image, static_cast<int64_t>(part->addr), offset, length,
                                         description, diag, layout));
  }
  if (partition >= 0 && !found) {
    return Status::Usage("--partition " + std::to_string(partition) + ": no such slot in the " +
                         layout.volume_system + " volume system of " + image.path() +
                         " (see mmls)");
  }
  return layout;
}

}  // namespace seckit::disk_carve
