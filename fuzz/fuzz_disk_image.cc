// Fuzzes disk-carve's listing on a hostile image: the input is written to a memfd and opened
// through the Sleuth Kit as `disk-carve list` opens an image (DiskImage::Open), its volume system
// and file systems are opened (OpenVolumes), and each file system is walked (WalkFiles) writing
// the disk.file record of every entry (WriteFileRecord), up to a small cap of entries so each
// run stays fast. Checks: a failure names the image; the cap stops the walk with its own status;
// every entry has a path starting with '/' and a name, and its record is one JSON line.
//
// libtsk itself is not built with the sanitizers here (it is the system's library), so memory
// errors inside it show only when they crash; our code around it is fully checked.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "disk_image.h"
#include "file_record.h"
#include "file_walk.h"
#include "fuzz_check.h"
#include "seckit/diag.h"
#include "seckit/json_writer.h"
#include "seckit/output.h"
#include "volumes.h"

namespace {

constexpr size_t kMaxImage = 1u << 20;  // larger images only make a run slower
constexpr int kMaxEntries = 64;         // entries listed per file system

}  // namespace

// libtsk's image type detection (tsk_img_open with TSK_IMG_TYPE_DETECT) leaks the libvhdi and
// libvmdk handles and the AFF state it tries on every image that is none of these (about 400
// bytes per open in libtsk 4.12, not our code); the leak checker would stop at the first run.
// Nothing else is excused. Suppressions match the stack recorded at allocation, which the fast
// (frame-pointer) unwinder cuts short inside libtsk, hence the slow unwinder.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:aff_open\nleak:vhdi_open\nleak:vmdk_open\n";
}
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit;
  using namespace seckit::disk_carve;
  if (size == 0 || size > kMaxImage) return 0;
  static FILE* const devnull = std::fopen("/dev/null", "w");

  const int fd = memfd_create("image", MFD_CLOEXEC);
  SECKIT_FUZZ_CHECK(fd >= 0);
  SECKIT_FUZZ_CHECK(write(fd, data, size) == static_cast<ssize_t>(size));
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  Diagnostics diag("fuzz_disk_image", devnull);
  {
    Result<std::unique_ptr<DiskImage>> image = DiskImage::Open(path);
    if (!image.ok()) {
      SECKIT_FUZZ_CHECK(image.status().message().find(path) != std::string::npos);
      close(fd);
      return 0;
    }
    SECKIT_FUZZ_CHECK((*image)->size() == size);
    Result<VolumeLayout> layout = OpenVolumes(**image, -1, diag);
    if (layout.ok()) {
      const int devnull_fd = fileno(devnull);
      std::unique_ptr<OutputStream> out = OutputStream::ForFd(devnull_fd, "/dev/null");
      JsonWriter writer(*out);
      for (const FileSystem& fs : layout->file_systems) {
        SECKIT_FUZZ_CHECK(fs.fs != nullptr);
        int entries = 0;
        const Status walked =
            WalkFiles(fs, path, diag, [&](const FileEntry& entry) -> Status {
              SECKIT_FUZZ_CHECK(entry.file != nullptr);
              SECKIT_FUZZ_CHECK(!entry.path.empty() && entry.path[0] == '/');
              (void)entry.inode();
              (void)entry.is_regular();
              const size_t before = out->buffer().size();
              WriteFileRecord(writer, "2026-01-01T00:00:00Z", path, fs, entry, {});
              const std::string& buffer = out->buffer();
              SECKIT_FUZZ_CHECK(buffer.size() > before && buffer.back() == '\n');
              SECKIT_FUZZ_CHECK(buffer.find('\n', before) == buffer.size() - 1);
              out->RecordDone();
              if (++entries >= kMaxEntries) return Status::Interrupted();
              return Status::Ok();
            });
        SECKIT_FUZZ_CHECK(walked.ok() || walked.code() == ExitCode::kInterrupted ||
                          !walked.message().empty());
      }
    }
  }
  close(fd);
  return 0;
}
