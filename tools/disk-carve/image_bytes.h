// ImageBytes: views of an image's bytes for the carver — the file mapped into memory when the
// image is one raw file (no copy), else read through libtsk into a buffer (E01, split raw).
#ifndef SECKIT_DISK_CARVE_IMAGE_BYTES_H_
#define SECKIT_DISK_CARVE_IMAGE_BYTES_H_

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "disk_image.h"
#include "seckit/status.h"

namespace seckit::disk_carve {

class ImageBytes {
 public:
  static Result<std::unique_ptr<ImageBytes>> Open(const DiskImage& image);
  ~ImageBytes();
  ImageBytes(const ImageBytes&) = delete;
  ImageBytes& operator=(const ImageBytes&) = delete;

  uint64_t size() const { return image_.size(); }
  // Whether views are free (a mapped file), so large windows cost nothing.
  bool mapped() const { return map_ != nullptr; }

  // The bytes [offset, offset + length), clipped to the image. Valid until the next View on this
  // object. Status::IoError naming the offset when they cannot be read.
  Result<std::span<const uint8_t>> View(uint64_t offset, uint64_t length);

  // Says the bytes [offset, offset + length) will not be viewed again soon: a mapped image drops
  // them from this process's resident set (they stay in the page cache), so scanning a large
  // image does not grow the process by the image's size.
  void Release(uint64_t offset, uint64_t length);

 private:
  explicit ImageBytes(const DiskImage& image) : image_(image) {}
  const DiskImage& image_;
  const uint8_t* map_ = nullptr;
  std::vector<uint8_t> buffer_;
};

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_IMAGE_BYTES_H_
