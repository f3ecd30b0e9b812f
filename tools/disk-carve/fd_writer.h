// Writing a whole buffer to a descriptor (EINTR and short writes retried).
#ifndef SECKIT_DISK_CARVE_FD_WRITER_H_
#define SECKIT_DISK_CARVE_FD_WRITER_H_

#include <cstdint>
#include <span>
#include <string>

#include "seckit/status.h"

namespace seckit::disk_carve {

// Status::IoError("writing NAME: reason") on failure.
Status WriteAll(int fd, std::span<const uint8_t> data, const std::string& name);

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_FD_WRITER_H_
