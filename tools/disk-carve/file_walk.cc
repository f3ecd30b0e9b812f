// The dir-walk callback: builds paths, skips "." and "..", splits out NTFS streams, and keeps
// any failure of the visitor from crossing libtsk's C frames.
#include "file_walk.h"

#include <cstring>

#include "fs_guard.h"

namespace seckit::disk_carve {
namespace {

struct WalkState {
  const FileVisitor* visit;
  bool ntfs;
  bool file_name_times;
  Status status;
  Diagnostics* diag;
  std::string where;  // "IMAGE, TYPE file system at offset N"
};

bool IsDotName(const char* name) {
  return std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0;
}

bool IsUnnamed(const TSK_FS_ATTR* attr) {
  return attr->name == nullptr || attr->name[0] == '\0' || std::strcmp(attr->name, "$Data") == 0 ||
         std::strcmp(attr->name, "$I30") == 0;
}

// NTFS, as fls prints it: one entry per $DATA attribute and per index root (a directory's $I30
// is the directory itself, other names are streams); the bare name when there is none. With
// `file_name_times`, also the $FILE_NAME attribute the metadata's FILE_NAME times came from (fls
// -m), which does not count as a stream.
Status VisitNtfsAttributes(TSK_FS_FILE* file, const FileEntry& base, const FileVisitor& visit,
                           bool file_name_times) {
  const int count = tsk_fs_file_attr_getsize(file);
  bool visited = false;
  for (int i = 0; i < count; ++i) {
    const TSK_FS_ATTR* attr = tsk_fs_file_attr_get_idx(file, i);
    if (attr == nullptr) continue;
    if (file_name_times && attr->type == TSK_FS_ATTR_TYPE_NTFS_FNAME &&
        attr->id == file->meta->time2.ntfs.fn_id) {
      FileEntry entry = base;
      entry.attr = attr;
      entry.file_name_times = true;
      SECKIT_RETURN_IF_ERROR(visit(entry));
      continue;
    }
    if (attr->type != TSK_FS_ATTR_TYPE_NTFS_DATA && attr->type != TSK_FS_ATTR_TYPE_NTFS_IDXROOT) {
      continue;
    }
    FileEntry entry = base;
    entry.attr = attr;
    if (!IsUnnamed(attr)) {
      entry.named_stream = true;
      entry.path += ':';
      entry.path += attr->name;
      entry.name += ':';
      entry.name += attr->name;
    }
    visited = true;
    SECKIT_RETURN_IF_ERROR(visit(entry));
  }
  return visited ? Status::Ok() : visit(base);
}

TSK_WALK_RET_ENUM OnName(TSK_FS_FILE* file, const char* parent, void* ptr) {
  auto* state = static_cast<WalkState*>(ptr);
  NoteProgress();
  if (file->name == nullptr || IsDotName(file->name->name)) return TSK_WALK_CONT;
  FileEntry entry;
  entry.file = file;
  entry.name = file->name->name;
  entry.path.reserve(std::strlen(parent) + entry.name.size() + 1);
  entry.path = "/";
  entry.path += parent;
  entry.path += entry.name;
  entry.deleted = (file->name->flags & TSK_FS_NAME_FLAG_UNALLOC) != 0 ||
                  (file->meta != nullptr && (file->meta->flags & TSK_FS_META_FLAG_UNALLOC) != 0);
  // An allocated name whose metadata libtsk cannot load, or loads with no known type, points at a
  // corrupt inode (or MFT entry): libtsk then skips what it holds without a word, so say so here.
  const bool meta_unusable = file->meta == nullptr || file->meta->type == TSK_FS_META_TYPE_UNDEF;
  if (!entry.deleted && meta_unusable && file->name->meta_addr != 0) {
    state->status =
        state->diag->BadInput("the metadata of inode " + std::to_string(file->name->meta_addr) +
                                  " cannot be read (corrupt?); what it holds is missing",
                              state->where + ", " + entry.path);
    if (!state->status.ok()) return TSK_WALK_STOP;
  }
  try {
    state->status = state->ntfs && file->meta != nullptr
                        ? VisitNtfsAttributes(file, entry, *state->visit, state->file_name_times)
                        : (*state->visit)(entry);
  } catch (const std::exception& e) {
    state->status = Status::Internal(e.what());
  }
  return state->status.ok() ? TSK_WALK_CONT : TSK_WALK_STOP;
}

}  // namespace

bool FileEntry::is_regular() const {
  if (file_name_times) return false;
  if (named_stream) return true;
  return file->meta != nullptr && file->meta->type == TSK_FS_META_TYPE_REG;
}

std::string FileEntry::inode() const {
  std::string text = std::to_string(file->name->meta_addr);
  if (attr != nullptr) {
    text += '-' + std::to_string(static_cast<int>(attr->type)) + '-' + std::to_string(attr->id);
  }
  return text;
}

Status WalkFiles(const FileSystem& fs, const std::string& image_path, Diagnostics& diag,
                 const FileVisitor& visit, const WalkOptions& options) {
  WalkState state{&visit,
                  TSK_FS_TYPE_ISNTFS(fs.fs->ftype) != 0,
                  options.file_name_times,
                  Status::Ok(),
                  &diag,
                  fs.Where(image_path)};
  tsk_error_reset();
  const auto flags = static_cast<TSK_FS_DIR_WALK_FLAG_ENUM>(
      TSK_FS_DIR_WALK_FLAG_RECURSE | TSK_FS_DIR_WALK_FLAG_ALLOC | TSK_FS_DIR_WALK_FLAG_UNALLOC);
  const uint8_t failed = tsk_fs_dir_walk(fs.fs.get(), fs.fs->root_inum, flags, OnName, &state);
  if (!state.status.ok()) return state.status;
  if (failed != 0 || tsk_error_get() != nullptr) {
    const std::string why = TakeTskError();
    return diag.BadInput("file system walk stopped early" + (why.empty() ? "" : ": " + why),
                         state.where);
  }
  return Status::Ok();
}

}  // namespace seckit::disk_carve
