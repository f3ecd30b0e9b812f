// A raw image that is a single regular file of exactly the image's size is mapped; anything else
// (E01, split raw, devices) goes through libtsk's reads.
#include "image_bytes.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace seckit::disk_carve {

Result<std::unique_ptr<ImageBytes>> ImageBytes::Open(const DiskImage& image) {
  std::unique_ptr<ImageBytes> bytes(new ImageBytes(image));
  if (image.tsk()->itype != TSK_IMG_TYPE_RAW || image.size() == 0) return bytes;
  const int fd = ::open(image.path().c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return bytes;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<uint64_t>(st.st_size) == image.size()) {
    void* map = ::mmap(nullptr, image.size(), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) {
      ::madvise(map, image.size(), MADV_SEQUENTIAL);
      bytes->map_ = static_cast<const uint8_t*>(map);
    }
  }
  ::close(fd);
  return bytes;
}

ImageBytes::~ImageBytes() {
  if (map_ != nullptr) ::munmap(const_cast<uint8_t*>(map_), image_.size());
}

Result<std::span<const uint8_t>> ImageBytes::View(uint64_t offset, uint64_t length) {
  if (offset >= size()) return std::span<const uint8_t>();
  length = std::min(length, size() - offset);
  if (map_ != nullptr) return std::span<const uint8_t>(map_ + offset, length);
  buffer_.resize(length);
  Result<size_t> got = image_.Read(offset, buffer_.data(), length);
  if (!got.ok()) return got.status();
  return std::span<const uint8_t>(buffer_.data(), got.value());
}

void ImageBytes::Release(uint64_t offset, uint64_t length) {
  if (map_ == nullptr) return;
  const uint64_t page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  const uint64_t begin = (offset + page - 1) / page * page;
  const uint64_t end = std::min(offset + length, size()) / page * page;
  if (end > begin) ::madvise(const_cast<uint8_t*>(map_ + begin), end - begin, MADV_DONTNEED);
}

}  // namespace seckit::disk_carve
