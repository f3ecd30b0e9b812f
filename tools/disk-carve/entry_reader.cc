// One read loop per entry; libtsk errors become diagnostics naming the image, offset and inode.
#include "entry_reader.h"

#include "file_content.h"

namespace seckit::disk_carve {

EntryReader::EntryReader(const InspectionPlan& plan, std::string image_path)
    : inspector_(plan), image_path_(std::move(image_path)), buffer_(1 << 20) {}

Result<std::optional<Inspection>> EntryReader::Read(const FileSystem& fs, const FileEntry& entry,
                                                    Diagnostics& diag, const ContentSink& sink,
                                                    bool* read_failed) {
  *read_failed = false;
  SECKIT_RETURN_IF_ERROR(inspector_.Begin(ContentSize(entry)));
  Status sink_status;
  Result<uint64_t> read = ReadContent(entry, buffer_, [&](std::span<const uint8_t> chunk) {
    inspector_.Update(chunk);
    if (sink) {
      sink_status = sink(chunk);
      return sink_status;
    }
    return Status::Ok();
  });
  if (!sink_status.ok()) return sink_status;
  if (!read.ok()) {
    *read_failed = true;
    const std::string where = image_path_ + ", " + fs.type_name() + " at offset " +
                              std::to_string(fs.offset) + ", inode " + entry.inode() + " " +
                              entry.path;
    if (entry.deleted) {
      diag.Note("deleted file not readable: " + read.status().message(), where);
    } else {
      SECKIT_RETURN_IF_ERROR(diag.BadInput(read.status().message(), where));
    }
    return std::optional<Inspection>();
  }
  Result<Inspection> inspection = inspector_.Finish();
  if (!inspection.ok()) return inspection.status();
  return std::optional<Inspection>(std::move(inspection.value()));
}

}  // namespace seckit::disk_carve
