// The write loop every output file of recover and carve goes through.
#include "fd_writer.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace seckit::disk_carve {

Status WriteAll(int fd, std::span<const uint8_t> data, const std::string& name) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError("writing " + name + ": " + std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace seckit::disk_carve
