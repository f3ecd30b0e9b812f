// What every subcommand sets up first: the image, its file systems, and what to compute per file
// (digests, YARA rules compiled once, libmagic).
#ifndef SECKIT_DISK_CARVE_RUN_SETUP_H_
#define SECKIT_DISK_CARVE_RUN_SETUP_H_

#include <memory>
#include <string>

#include "content_inspector.h"
#include "disk_image.h"
#include "fs_guard.h"
#include "options.h"
#include "volumes.h"

namespace seckit::disk_carve {

struct RunSetup {
  std::unique_ptr<DiskImage> image;
  std::unique_ptr<YaraRules> yara;
  std::unique_ptr<MimeDetector> mime;
  InspectionPlan plan;
  std::string timestamp;  // the run's @timestamp
};

// Parses --hash (or `default_hashes` when it is empty), compiles --yara, loads libmagic for
// --mime and opens the image.
Result<RunSetup> PrepareRun(const Options& options, Io& io, std::string_view default_hashes);

// The guard limits the options ask for (--fs-memory-limit, --fs-stall-timeout, --fs-timeout).
GuardLimits GuardLimitsOf(const Options& options);

// For a visitor: Status::Interrupted on SIGINT/SIGTERM, an error once the output cannot take more
// (the reader closed the pipe, or a write failed), so that the walk stops.
Status OutputGate(Io& io);

// What a walk that `walked` ended as means for the run: OK when the reader closed the pipe, the
// output's own error when a write failed, else `walked`.
Status FinishWalk(Status walked, Io& io);

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_RUN_SETUP_H_
