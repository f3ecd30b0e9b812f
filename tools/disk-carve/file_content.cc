// Content reads through libtsk: tsk_fs_attr_read for streams, tsk_fs_file_read for default data.
#include "file_content.h"

#include <algorithm>

#include "fs_guard.h"

namespace seckit::disk_carve {

uint64_t ContentSize(const FileEntry& entry) {
  if (entry.attr != nullptr) return static_cast<uint64_t>(entry.attr->size);
  if (entry.file->meta == nullptr) return 0;
  return static_cast<uint64_t>(std::max<TSK_OFF_T>(entry.file->meta->size, 0));
}

Result<uint64_t> ReadContent(const FileEntry& entry, std::vector<uint8_t>& buffer,
                             const std::function<Status(std::span<const uint8_t>)>& sink) {
  const uint64_t size = ContentSize(entry);
  uint64_t offset = 0;
  tsk_error_reset();
  while (offset < size) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(buffer.size(), size - offset));
    char* out = reinterpret_cast<char*>(buffer.data());
    const ssize_t got = entry.attr != nullptr
                            ? tsk_fs_attr_read(entry.attr, static_cast<TSK_OFF_T>(offset), out,
                                               want, TSK_FS_FILE_READ_FLAG_NONE)
                            : tsk_fs_file_read(entry.file, static_cast<TSK_OFF_T>(offset), out,
                                               want, TSK_FS_FILE_READ_FLAG_NONE);
    // Like icat, content that libtsk ends early (an NTFS attribute initialised only in part)
    // ends there.
    if (got == 0 && tsk_error_get() == nullptr) break;
    if (got <= 0) {
      return Status::IoError("cannot read content at byte " + std::to_string(offset) + ": " +
                             TakeTskError());
    }
    SECKIT_RETURN_IF_ERROR(sink(std::span<const uint8_t>(buffer.data(), static_cast<size_t>(got))));
    offset += static_cast<uint64_t>(got);
    NoteProgress();
  }
  return offset;
}

}  // namespace seckit::disk_carve
