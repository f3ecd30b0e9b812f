// Setup shared by list, recover and carve; rules are compiled before the image is read so a bad
// rules file fails fast.
#include "run_setup.h"

#include "seckit/interrupt.h"
#include "seckit/output.h"
#include "seckit/time.h"

namespace seckit::disk_carve {

Result<RunSetup> PrepareRun(const Options& options, Io& io, std::string_view default_hashes) {
  RunSetup setup;
  const std::string_view hashes = options.hashes.empty() ? default_hashes : options.hashes;
  if (!hashes.empty() && hashes != "none") {
    Result<std::vector<HashAlgorithm>> list = ParseHashList(hashes);
    if (!list.ok()) return list.status();
    setup.plan.hashes = std::move(list.value());
  }
  if (!options.yara_rules.empty()) {
    Result<std::unique_ptr<YaraRules>> rules = YaraRules::Compile(options.yara_rules, io.diag);
    if (!rules.ok()) return rules.status();
    setup.yara = std::move(rules.value());
    setup.plan.yara = setup.yara.get();
    setup.plan.yara_max_size = options.yara_max_size;
  }
  if (options.mime) {
    Result<std::unique_ptr<MimeDetector>> mime = MimeDetector::Open();
    if (!mime.ok()) return mime.status();
    setup.mime = std::move(mime.value());
    setup.plan.mime = setup.mime.get();
  }
  Result<std::unique_ptr<DiskImage>> image = DiskImage::Open(options.image);
  if (!image.ok()) return image.status();
  setup.image = std::move(image.value());
  setup.timestamp = FormatRfc3339(Now());
  return setup;
}

GuardLimits GuardLimitsOf(const Options& options) {
  GuardLimits limits;
  limits.memory_bytes = options.fs_memory_limit;
  limits.stall_seconds = options.fs_stall_timeout;
  limits.total_seconds = options.fs_timeout;
  return limits;
}

Status OutputGate(Io& io) {
  if (Interrupted()) return Status::Interrupted();
  if (!io.out.healthy()) return Status::IoError("output stopped");
  return Status::Ok();
}

Status FinishWalk(Status walked, Io& io) {
  if (io.out.closed_by_reader()) return Status::Ok();
  if (!io.out.status().ok()) return io.out.status();
  return walked;
}

}  // namespace seckit::disk_carve
