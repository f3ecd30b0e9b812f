// libmagic with MAGIC_MIME_TYPE, loaded once per run.
#include "mime_detector.h"

#include <magic.h>

namespace seckit::disk_carve {

Result<std::unique_ptr<MimeDetector>> MimeDetector::Open() {
  magic_t magic = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
  if (magic == nullptr) return Status::Internal("magic_open failed");
  if (magic_load(magic, nullptr) != 0) {
    std::string why = magic_error(magic) != nullptr ? magic_error(magic) : "unknown error";
    magic_close(magic);
    return Status::Config("cannot load the libmagic database: " + why);
  }
  return std::unique_ptr<MimeDetector>(new MimeDetector(magic));
}

MimeDetector::~MimeDetector() { magic_close(magic_); }

std::string MimeDetector::Detect(std::span<const uint8_t> head) const {
  const char* type = magic_buffer(magic_, head.data(), head.size());
  return type != nullptr ? type : "";
}

}  // namespace seckit::disk_carve
