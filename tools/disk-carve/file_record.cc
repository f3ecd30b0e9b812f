// disk.file records: ECS file.* fields plus disk.* for where the file was found.
#include "file_record.h"

#include <cstdio>

#include "seckit/time.h"

namespace seckit::disk_carve {
namespace {

// A time libtsk leaves at 0 is unknown, and absent means unknown.
void WriteTime(JsonWriter& w, std::string_view key, time_t seconds, uint32_t nanos) {
  if (seconds == 0 && nanos == 0) return;
  const TimeNs time = static_cast<TimeNs>(seconds) * kNsPerSecond + static_cast<TimeNs>(nanos);
  char text[kMaxRfc3339Size];
  const size_t n = FormatRfc3339To(time, nanos != 0 ? 9 : 0, text);
  w.Field(key, std::string_view(text, n));
}

void WriteMeta(JsonWriter& w, const TSK_FS_META& meta, bool has_owner) {
  WriteTime(w, "mtime", meta.mtime, meta.mtime_nano);
  WriteTime(w, "atime", meta.atime, meta.atime_nano);
  WriteTime(w, "ctime", meta.ctime, meta.ctime_nano);
  WriteTime(w, "created", meta.crtime, meta.crtime_nano);
  if (has_owner) {
    w.Field("uid", std::to_string(meta.uid));
    w.Field("gid", std::to_string(meta.gid));
  }
  char mode[8];
  (void)std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(meta.mode) & 07777u);
  w.Field("mode", std::string_view(mode));
}

// File systems that store a Unix owner and mode.
bool HasOwner(TSK_FS_TYPE_ENUM type) {
  return TSK_FS_TYPE_ISEXT(type) || TSK_FS_TYPE_ISFFS(type) || TSK_FS_TYPE_ISHFS(type) ||
         TSK_FS_TYPE_ISYAFFS2(type);
}

}  // namespace

std::string_view FileTypeName(const FileEntry& entry) {
  if (entry.named_stream) return "file";
  TSK_FS_META_TYPE_ENUM type = TSK_FS_META_TYPE_UNDEF;
  if (entry.file->meta != nullptr) {
    type = entry.file->meta->type;
  } else {
    switch (entry.file->name->type) {
      case TSK_FS_NAME_TYPE_REG:
        return "file";
      case TSK_FS_NAME_TYPE_DIR:
        return "dir";
      case TSK_FS_NAME_TYPE_LNK:
        return "symlink";
      default:
        return "unknown";
    }
  }
  switch (type) {
    case TSK_FS_META_TYPE_REG:
      return "file";
    case TSK_FS_META_TYPE_DIR:
      return "dir";
    case TSK_FS_META_TYPE_LNK:
      return "symlink";
    case TSK_FS_META_TYPE_FIFO:
      return "fifo";
    case TSK_FS_META_TYPE_CHR:
      return "char_device";
    case TSK_FS_META_TYPE_BLK:
      return "block_device";
    case TSK_FS_META_TYPE_SOCK:
      return "socket";
    case TSK_FS_META_TYPE_VIRT:
      return "virtual";
    case TSK_FS_META_TYPE_VIRT_DIR:
      return "virtual_dir";
    default:
      return "unknown";
  }
}

void WriteDigests(JsonWriter& w, const std::vector<Digest>& digests) {
  if (digests.empty()) return;
  w.BeginObject("hash");
  for (const Digest& d : digests) w.Field(HashAlgorithmName(d.algorithm), d.hex);
  w.EndObject();
}

void WriteYaraMatches(JsonWriter& w, const std::vector<YaraMatch>& matches) {
  w.BeginObject("yara");
  w.BeginArray("matches");
  for (const YaraMatch& m : matches) {
    w.BeginObject();
    w.Field("rule", m.rule);
    if (!m.rule_namespace.empty()) w.Field("namespace", m.rule_namespace);
    w.BeginArray("tags");
    for (const std::string& tag : m.tags) w.String(tag);
    w.EndArray();
    w.BeginObject("meta");
    for (const auto& [key, json] : m.meta) {
      w.Key(key);
      w.RawJson(json);
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteFileRecord(JsonWriter& w, const std::string& timestamp, const std::string& image_path,
                     const FileSystem& fs, const FileEntry& entry, const FileRecordExtras& extras) {
  const Inspection* inspection = extras.inspection;
  const bool alert = inspection != nullptr && inspection->yara && !inspection->yara->empty();
  w.BeginRecord();
  w.Field("@timestamp", timestamp);
  w.BeginObject("event");
  w.Field("kind", alert ? "alert" : "event");
  w.Field("module", "disk-carve");
  w.Field("dataset", "disk.file");
  w.EndObject();
  w.BeginObject("file");
  w.Field("path", entry.path);
  w.Field("name", entry.name);
  w.Field("inode", entry.inode());
  w.Field("type", FileTypeName(entry));
  w.Field("deleted", entry.deleted);
  const TSK_FS_META* meta = entry.file->meta;
  if (entry.attr != nullptr) {
    w.Field("size", static_cast<int64_t>(entry.attr->size));
  } else if (meta != nullptr) {
    w.Field("size", static_cast<int64_t>(meta->size));
  }
  if (meta != nullptr) WriteMeta(w, *meta, HasOwner(fs.fs->ftype));
  if (inspection != nullptr) {
    WriteDigests(w, inspection->digests);
    if (!inspection->mime_type.empty()) w.Field("mime_type", inspection->mime_type);
  }
  w.EndObject();
  w.BeginObject("disk");
  w.BeginObject("image");
  w.Field("path", image_path);
  w.EndObject();
  w.BeginObject("partition");
  if (fs.partition >= 0) w.Field("index", fs.partition);
  w.Field("offset", fs.offset);  // 0 for an image that is one file system
  if (!fs.partition_description.empty()) w.Field("description", fs.partition_description);
  w.EndObject();
  if (fs.pool) {
    w.BeginObject("pool");
    w.Field("type", tsk_pool_type_toname(fs.pool->ctype));
    w.Field("volume_block", fs.pool_volume_block);
    w.EndObject();
  }
  w.BeginObject("fs");
  w.Field("type", fs.type_name());
  w.Field("offset", fs.offset);
  w.EndObject();
  if (entry.named_stream) {
    w.BeginObject("stream");
    w.Field("name", entry.attr->name != nullptr ? entry.attr->name : "");
    w.EndObject();
  }
  if (!extras.recovered_path.empty()) {
    w.BeginObject("recovered");
    w.Field("path", extras.recovered_path);
    w.EndObject();
  }
  w.EndObject();
  if (inspection != nullptr && inspection->yara) WriteYaraMatches(w, *inspection->yara);
  w.EndRecord();
}

}  // namespace seckit::disk_carve
