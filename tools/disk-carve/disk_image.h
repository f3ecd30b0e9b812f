// DiskImage: one disk image opened with the Sleuth Kit (raw, split raw, E01 when libtsk has
// libewf, block devices), with large random-access reads for the carver.
#ifndef SECKIT_DISK_CARVE_DISK_IMAGE_H_
#define SECKIT_DISK_CARVE_DISK_IMAGE_H_

#include <tsk/libtsk.h>

#include <cstdint>
#include <memory>
#include <string>

#include "seckit/status.h"

namespace seckit::disk_carve {

// The Sleuth Kit's pending error message on one line (empty when none), and the error cleared.
std::string TakeTskError();

class DiskImage {
 public:
  // Opens `path`. A first segment named like image.001 / image.aa brings in the others (libtsk
  // finds them). Status::NoInput when the file cannot be opened, Status::DataError when it is not
  // an image the installed libtsk reads (an E01 without libewf support says so).
  static Result<std::unique_ptr<DiskImage>> Open(const std::string& path);
  ~DiskImage();
  DiskImage(const DiskImage&) = delete;
  DiskImage& operator=(const DiskImage&) = delete;

  TSK_IMG_INFO* tsk() const { return img_; }
  const std::string& path() const { return path_; }
  uint64_t size() const { return static_cast<uint64_t>(img_->size); }
  // "raw", "ewf", ...
  std::string type_name() const;

  // Reads up to `length` bytes at `offset` (fewer at the end of the image). Status::IoError naming
  // the offset when the image cannot be read there.
  Result<size_t> Read(uint64_t offset, uint8_t* buffer, size_t length) const;

 private:
  DiskImage(TSK_IMG_INFO* img, std::string path) : img_(img), path_(std::move(path)) {}
  TSK_IMG_INFO* img_;
  std::string path_;
};

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_DISK_IMAGE_H_
