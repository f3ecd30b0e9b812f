// Opening images through libtsk, with the checks that turn its terse failures into clear messages.
#include "disk_image.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace seckit::disk_carve {
namespace {

// EWF (E01) files start with "EVF\x09\x0d\x0a\xff\x00".
bool LooksLikeEwf(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  unsigned char head[8] = {};
  const ssize_t n = ::pread(fd, head, sizeof head, 0);
  ::close(fd);
  static constexpr unsigned char kEvf[8] = {'E', 'V', 'F', 0x09, 0x0d, 0x0a, 0xff, 0x00};
  return n == 8 && std::memcmp(head, kEvf, 8) == 0;
}

}  // namespace

std::string TakeTskError() {
  const char* text = tsk_error_get();
  std::string message = text != nullptr ? text : "";
  tsk_error_reset();
  for (char& c : message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!message.empty() && message.back() == ' ') message.pop_back();
  return message;
}

Result<std::unique_ptr<DiskImage>> DiskImage::Open(const std::string& path) {
  if (::access(path.c_str(), R_OK) != 0) {
    return Status::NoInput("cannot open " + path + ": " + std::strerror(errno));
  }
  if (LooksLikeEwf(path) && (tsk_img_type_supported() & TSK_IMG_TYPE_EWF_EWF) == 0) {
    return Status::DataError(path +
                             " is an E01 (EWF) image, but the installed libtsk was built without "
                             "libewf: convert it to raw first (ewfexport)");
  }
  tsk_error_reset();
  TSK_IMG_INFO* img = tsk_img_open_utf8_sing(path.c_str(), TSK_IMG_TYPE_DETECT, 0);
  if (img == nullptr) {
    std::string why = TakeTskError();
    return Status::DataError("cannot read " + path + " as a disk image" +
                             (why.empty() ? std::string() : ": " + why));
  }
  return std::unique_ptr<DiskImage>(new DiskImage(img, path));
}

DiskImage::~DiskImage() { tsk_img_close(img_); }

std::string DiskImage::type_name() const {
  const char* name = tsk_img_type_toname(img_->itype);
  return name != nullptr ? name : "unknown";
}

Result<size_t> DiskImage::Read(uint64_t offset, uint8_t* buffer, size_t length) const {
  if (offset >= size()) return size_t{0};
  if (length > size() - offset) length = static_cast<size_t>(size() - offset);
  size_t done = 0;
  while (done < length) {
    const ssize_t n = tsk_img_read(img_, static_cast<TSK_OFF_T>(offset + done),
                                   reinterpret_cast<char*>(buffer + done), length - done);
    if (n <= 0) {
      return Status::IoError("cannot read " + path_ + " at offset " +
                             std::to_string(offset + done) + ": " + TakeTskError());
    }
    done += static_cast<size_t>(n);
  }
  return done;
}

}  // namespace seckit::disk_carve
