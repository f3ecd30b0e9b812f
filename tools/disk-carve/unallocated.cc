// Unallocated blocks come from libtsk's block walk (addresses only), merged into runs as they come.
#include "unallocated.h"

#include <algorithm>

namespace seckit::disk_carve {
namespace {

struct RangeCollector {
  uint64_t base;
  uint64_t block_size;
  std::vector<ByteRange>* ranges;
};

TSK_WALK_RET_ENUM OnBlock(const TSK_FS_BLOCK* block, void* ptr) {
  auto* c = static_cast<RangeCollector*>(ptr);
  const uint64_t offset = c->base + block->addr * c->block_size;
  if (!c->ranges->empty() && c->ranges->back().offset + c->ranges->back().length == offset) {
    c->ranges->back().length += c->block_size;
  } else {
    c->ranges->push_back({offset, c->block_size});
  }
  return TSK_WALK_CONT;
}

std::vector<ByteRange> Merge(std::vector<ByteRange> ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const ByteRange& a, const ByteRange& b) { return a.offset < b.offset; });
  std::vector<ByteRange> merged;
  for (const ByteRange& r : ranges) {
    if (r.length == 0) continue;
    if (!merged.empty() && merged.back().offset + merged.back().length >= r.offset) {
      const uint64_t end =
          std::max(merged.back().offset + merged.back().length, r.offset + r.length);
      merged.back().length = end - merged.back().offset;
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

}  // namespace

Result<std::vector<ByteRange>> UnallocatedRanges(const VolumeLayout& layout,
                                                 const std::string& image_path, Diagnostics& diag) {
  std::vector<ByteRange> ranges = layout.without_fs;
  for (const FileSystem& fs : layout.file_systems) {
    RangeCollector collector{fs.offset, fs.fs->block_size, &ranges};
    tsk_error_reset();
    const auto flags = static_cast<TSK_FS_BLOCK_WALK_FLAG_ENUM>(TSK_FS_BLOCK_WALK_FLAG_UNALLOC |
                                                                TSK_FS_BLOCK_WALK_FLAG_AONLY);
    if (tsk_fs_block_walk(fs.fs.get(), fs.fs->first_block, fs.fs->last_block, flags, OnBlock,
                          &collector) != 0) {
      SECKIT_RETURN_IF_ERROR(diag.BadInput(
          "cannot walk the unallocated blocks: " + TakeTskError(),
          image_path + ", " + fs.type_name() + " at offset " + std::to_string(fs.offset)));
    }
  }
  return Merge(std::move(ranges));
}

}  // namespace seckit::disk_carve
