// Body-file lines as fls -m writes them (tsk_fs_name_print_mac): "(deleted)" after a name whose
// directory entry is unallocated ("(deleted-realloc)" when its metadata is in use again), the
// name type before the ls-style mode, times as the 32-bit integer seconds fls prints, and on NTFS
// a "($FILE_NAME)" line with the times of the $FILE_NAME attribute.
#include "bodyfile.h"

#include <cstdint>

namespace seckit::disk_carve {
namespace {

void AppendSanitized(std::string& line, const std::string& value) {
  // As fls: control characters (a newline would break the line) become '^'.
  for (char c : value) line += static_cast<unsigned char>(c) < 0x20 ? '^' : c;
}

// fls passes time_t to a "%" PRIu32 conversion: the low 32 bits, unsigned.
std::string Seconds(time_t t) { return std::to_string(static_cast<uint32_t>(t)); }

}  // namespace

std::string BodyfileLine(const FileEntry& entry, const std::string& md5) {
  const TSK_FS_META* meta = entry.file->meta;
  const TSK_FS_NAME* name = entry.file->name;
  std::string line = md5 + "|";
  AppendSanitized(line, entry.path);
  if (entry.file_name_times) line += " ($FILE_NAME)";
  if (meta != nullptr && meta->type == TSK_FS_META_TYPE_LNK && meta->link != nullptr) {
    // fls prints the target as it is; escaped here too, so that a hostile target cannot end the
    // line early.
    line += " -> ";
    AppendSanitized(line, meta->link);
  }
  if ((name->flags & TSK_FS_NAME_FLAG_UNALLOC) != 0) {
    const bool realloc = meta != nullptr && (meta->flags & TSK_FS_META_FLAG_ALLOC) != 0;
    line += realloc ? " (deleted-realloc)" : " (deleted)";
  }
  line += "|" + entry.inode() + "|";
  const auto name_type = static_cast<size_t>(name->type);
  line += name_type < TSK_FS_NAME_TYPE_STR_MAX ? tsk_fs_name_type_str[name_type] : "-";
  line += '/';
  if (meta == nullptr) return line + "----------|0|0|0|0|0|0|0\n";
  char mode[12] = "";
  tsk_fs_meta_make_ls(meta, mode, sizeof mode);
  line += mode;
  const int64_t size = entry.attr != nullptr ? entry.attr->size : meta->size;
  line += "|" + std::to_string(meta->uid) + "|" + std::to_string(meta->gid) + "|" +
          std::to_string(size) + "|";
  if (entry.file_name_times) {
    const auto& fn = meta->time2.ntfs;
    line += Seconds(fn.fn_atime) + "|" + Seconds(fn.fn_mtime) + "|" + Seconds(fn.fn_ctime) + "|" +
            Seconds(fn.fn_crtime) + "\n";
  } else {
    line += Seconds(meta->atime) + "|" + Seconds(meta->mtime) + "|" + Seconds(meta->ctime) + "|" +
            Seconds(meta->crtime) + "\n";
  }
  return line;
}

}  // namespace seckit::disk_carve
