// Body-file lines as fls -m writes them: "(deleted)" after a deleted name, the name type before
// the ls-style mode, times as integer seconds.
#include "bodyfile.h"

namespace seckit::disk_carve {
namespace {

void AppendField(std::string& line, const std::string& value) {
  // As fls: control characters (a newline would break the line) become '^'.
  for (char c : value) line += static_cast<unsigned char>(c) < 0x20 ? '^' : c;
}

}  // namespace

std::string BodyfileLine(const FileEntry& entry, const std::string& md5) {
  const TSK_FS_META* meta = entry.file->meta;
  std::string line = md5 + "|";
  std::string name = entry.path;
  if (meta != nullptr && meta->type == TSK_FS_META_TYPE_LNK && meta->link != nullptr &&
      meta->link[0] != '\0') {
    name += " -> ";
    name += meta->link;
  }
  if (entry.deleted) name += " (deleted)";
  AppendField(line, name);
  line += "|" + entry.inode() + "|";
  const auto name_type = static_cast<size_t>(entry.file->name->type);
  line += name_type < TSK_FS_NAME_TYPE_STR_MAX ? tsk_fs_name_type_str[name_type] : "-";
  line += '/';
  char mode[32] = "----------";
  if (meta != nullptr) tsk_fs_meta_make_ls(meta, mode, sizeof mode);
  line += mode;
  if (meta == nullptr) return line + "|0|0|0|0|0|0|0\n";
  const int64_t size = entry.attr != nullptr ? entry.attr->size : meta->size;
  line += "|" + std::to_string(meta->uid) + "|" + std::to_string(meta->gid) + "|" +
          std::to_string(size) + "|" + std::to_string(meta->atime) + "|" +
          std::to_string(meta->mtime) + "|" + std::to_string(meta->ctime) + "|" +
          std::to_string(meta->crtime) + "\n";
  return line;
}

}  // namespace seckit::disk_carve
