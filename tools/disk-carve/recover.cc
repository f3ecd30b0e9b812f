// disk-carve recover: the selected files written under --out, safely, with a disk.file record per
// file written (the manifest).
#include <unistd.h>

#include "entry_filter.h"
#include "entry_reader.h"
#include "fd_writer.h"
#include "file_record.h"
#include "fs_guard.h"
#include "options.h"
#include "output_dir.h"
#include "run_setup.h"
#include "safe_name.h"
#include "seckit/interrupt.h"

namespace seckit::disk_carve {
namespace {

// Where an entry goes under --out: with a volume system, below "partition-N/".
std::vector<std::string> TargetComponents(const FileSystem& fs, const FileEntry& entry,
                                          bool several_volumes) {
  std::vector<std::string> parts = SafeComponents(entry.path);
  if (several_volumes) {
    parts.insert(parts.begin(), "partition-" + std::to_string(fs.partition));
  }
  if (parts.empty()) parts.push_back("_");
  return parts;
}

class Recoverer {
 public:
  Recoverer(const Options& options, Io& io, RunSetup& setup, OutputDir& out)
      : options_(options),
        io_(io),
        setup_(setup),
        out_(out),
        filter_(options),
        reader_(setup.plan, options.image),
        writer_(io.out) {}

  Status Visit(const FileSystem& fs, const FileEntry& entry, bool several_volumes) {
    SECKIT_RETURN_IF_ERROR(OutputGate(io_));
    if (!entry.is_regular() || !filter_.Keeps(entry)) return Status::Ok();
    Result<CreatedFile> created = out_.Create(TargetComponents(fs, entry, several_volumes));
    if (!created.ok()) return created.status();
    const CreatedFile& file = created.value();
    NoteWriting(file.path);
    bool read_failed = false;
    // A signal ends the file being written at its next chunk: it is removed, not left in part.
    Result<std::optional<Inspection>> read = reader_.Read(
        fs, entry, io_.diag,
        [&](std::span<const uint8_t> chunk) {
          if (Interrupted()) return Status::Interrupted();
          return WriteAll(file.fd, chunk, file.path);
        },
        &read_failed);
    const bool closed = ::close(file.fd) == 0;
    if (!read.ok() || read_failed || !closed) {
      out_.RemoveFailed(file);
      NoteWriting("");
      if (!read.ok()) return read.status();
      if (!closed) return Status::IoError("closing " + file.path);
      return Status::Ok();
    }
    NoteWriting("");
    FileRecordExtras extras;
    extras.inspection = &*read.value();
    extras.recovered_path = file.path;
    WriteFileRecord(writer_, setup_.timestamp, options_.image, fs, entry, extras);
    return Status::Ok();
  }

 private:
  const Options& options_;
  Io& io_;
  RunSetup& setup_;
  OutputDir& out_;
  EntryFilter filter_;
  EntryReader reader_;
  JsonWriter writer_;
};

}  // namespace

Status RunRecover(const Options& options, Io& io) {
  Result<RunSetup> setup = PrepareRun(options, io, "sha256");
  if (!setup.ok()) return setup.status();
  Result<VolumeLayout> layout = OpenVolumes(*setup->image, options.partition, io.diag);
  if (!layout.ok()) return layout.status();
  if (layout->file_systems.empty()) {
    return Status::DataError("no file system the Sleuth Kit reads in " + options.image);
  }
  Result<std::unique_ptr<OutputDir>> out = OutputDir::Open(options.out_dir);
  if (!out.ok()) return out.status();
  const bool several = !layout->volume_system.empty();
  FsGuard guard(GuardLimitsOf(options), io);
  for (const FileSystem& fs : layout->file_systems) {
    Status done = guard.Run(fs.Where(options.image), [&](Io& child_io) {
      Recoverer recoverer(options, child_io, setup.value(), *out.value());
      Status walked = WalkFiles(fs, options.image, child_io.diag, [&](const FileEntry& entry) {
        return recoverer.Visit(fs, entry, several);
      });
      return FinishWalk(std::move(walked), child_io);
    });
    SECKIT_RETURN_IF_ERROR(FinishWalk(std::move(done), io));
    if (!io.out.healthy()) return FinishWalk(Status::Ok(), io);
  }
  return guard.Finish(Status::Ok());
}

}  // namespace seckit::disk_carve
