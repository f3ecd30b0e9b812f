// disk-carve carve: signature carving of unallocated space (or the whole image with --all).
#include "carver.h"
#include "options.h"
#include "run_setup.h"
#include "seckit/progress.h"
#include "unallocated.h"

namespace seckit::disk_carve {
namespace {

// The ranges to scan: the whole image with --all or when it holds no readable file system.
Result<std::vector<ByteRange>> RangesToScan(const Options& options, const DiskImage& image,
                                            Io& io) {
  const std::vector<ByteRange> whole = {{0, image.size()}};
  if (options.all_space) return whole;
  Result<VolumeLayout> layout = OpenVolumes(image, options.partition, io.diag);
  if (!layout.ok()) {
    if (layout.status().code() != ExitCode::kDataError) return layout.status();
    io.diag.Note("no volume system or file system: carving the whole image", image.path());
    return whole;
  }
  return UnallocatedRanges(layout.value(), image.path(), io.diag);
}

}  // namespace

Status RunCarve(const Options& options, Io& io) {
  Result<std::vector<const CarveFormat*>> formats = SelectCarveFormats(options.types);
  if (!formats.ok()) return formats.status();
  Result<RunSetup> setup = PrepareRun(options, io, "sha256");
  if (!setup.ok()) return setup.status();
  Result<std::vector<ByteRange>> ranges = RangesToScan(options, *setup->image, io);
  if (!ranges.ok()) return ranges.status();
  Result<std::unique_ptr<OutputDir>> out = OutputDir::Open(options.out_dir);
  if (!out.ok()) return out.status();
  Result<std::unique_ptr<ImageBytes>> scan_bytes = ImageBytes::Open(*setup->image);
  if (!scan_bytes.ok()) return scan_bytes.status();
  // A mapped image serves both the scan and the parsers (one mapping, released behind the scan);
  // otherwise each needs its own buffer.
  std::unique_ptr<ImageBytes> own_file_bytes;
  if (!scan_bytes.value()->mapped()) {
    Result<std::unique_ptr<ImageBytes>> file_bytes = ImageBytes::Open(*setup->image);
    if (!file_bytes.ok()) return file_bytes.status();
    own_file_bytes = std::move(file_bytes.value());
  }
  ImageBytes& file_bytes = own_file_bytes ? *own_file_bytes : *scan_bytes.value();
  uint64_t total = 0;
  for (const ByteRange& range : ranges.value()) total += range.length;
  ProgressOptions shown;
  shown.force = io.common.progress;
  shown.disable = io.common.quiet;
  Progress progress("disk-carve", total, shown);
  Carver::Settings settings;
  settings.progress = &progress;
  settings.formats = std::move(formats.value());
  settings.max_size = options.max_size;
  settings.image_path = options.image;
  settings.timestamp = setup->timestamp;
  Carver carver(std::move(settings), *scan_bytes.value(), file_bytes, *out.value(), setup->plan,
                io);
  for (const ByteRange& range : ranges.value()) {
    SECKIT_RETURN_IF_ERROR(carver.ScanRange(range));
  }
  progress.Finish();
  const CarveStats& s = carver.stats();
  io.diag.Note("scanned " + std::to_string(s.scanned_bytes) + " bytes, " +
               std::to_string(s.candidates) + " signature hits, " + std::to_string(s.carved) +
               " files carved (" + std::to_string(s.partial) + " partial)");
  return FinishWalk(Status::Ok(), io);
}

}  // namespace seckit::disk_carve
