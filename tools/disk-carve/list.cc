// disk-carve list: one disk.file record (or body-file line) per file and directory of every file
// system in the image.
#include "bodyfile.h"
#include "entry_filter.h"
#include "entry_reader.h"
#include "file_record.h"
#include "fs_guard.h"
#include "options.h"
#include "run_setup.h"
#include "seckit/diag.h"
#include "seckit/interrupt.h"
#include "seckit/output.h"

namespace seckit::disk_carve {
namespace {

// Lists one file system to `io` (the guarded child's, see fs_guard.h).
Status ListFileSystem(const Options& options, RunSetup& setup, const FileSystem& fs, Io& io) {
  JsonWriter w(io.out);
  EntryFilter filter(options);
  EntryReader reader(setup.plan, options.image);
  const bool bodyfile_md5 = std::find(setup.plan.hashes.begin(), setup.plan.hashes.end(),
                                      HashAlgorithm::kMd5) != setup.plan.hashes.end();
  Status walked = WalkFiles(
      fs, options.image, io.diag,
      [&](const FileEntry& entry) -> Status {
        SECKIT_RETURN_IF_ERROR(OutputGate(io));
        if (!filter.Keeps(entry)) return Status::Ok();
        std::optional<Inspection> inspection;
        if (!setup.plan.empty() && entry.is_regular()) {
          bool failed = false;
          Result<std::optional<Inspection>> read = reader.Read(fs, entry, io.diag, {}, &failed);
          if (!read.ok()) return read.status();
          inspection = std::move(read.value());
        }
        if (options.bodyfile) {
          std::string md5 = "0";
          if (inspection && bodyfile_md5) {
            for (const Digest& d : inspection->digests) {
              if (d.algorithm == HashAlgorithm::kMd5) md5 = d.hex;
            }
          }
          io.out.Write(BodyfileLine(entry, md5));
          io.out.RecordDone();
          return Status::Ok();
        }
        FileRecordExtras extras;
        extras.inspection = inspection ? &*inspection : nullptr;
        WriteFileRecord(w, setup.timestamp, options.image, fs, entry, extras);
        return Status::Ok();
      },
      WalkOptions{.file_name_times = options.bodyfile});
  return FinishWalk(std::move(walked), io);
}

}  // namespace

Status RunList(const Options& options, Io& io) {
  Result<RunSetup> setup = PrepareRun(options, io, "");
  if (!setup.ok()) return setup.status();
  Result<VolumeLayout> layout = OpenVolumes(*setup->image, options.partition, io.diag);
  if (!layout.ok()) return layout.status();
  if (layout->file_systems.empty()) {
    return Status::DataError("no file system the Sleuth Kit reads in " + options.image);
  }
  FsGuard guard(GuardLimitsOf(options), io);
  for (const FileSystem& fs : layout->file_systems) {
    Status done = guard.Run(fs.Where(options.image), [&](Io& child_io) {
      return ListFileSystem(options, setup.value(), fs, child_io);
    });
    SECKIT_RETURN_IF_ERROR(FinishWalk(std::move(done), io));
    if (!io.out.healthy()) return FinishWalk(Status::Ok(), io);
  }
  return guard.Finish(Status::Ok());
}

}  // namespace seckit::disk_carve
