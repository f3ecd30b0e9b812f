// MimeDetector: the content type of a buffer, as libmagic names it ("image/png").
#ifndef SECKIT_DISK_CARVE_MIME_DETECTOR_H_
#define SECKIT_DISK_CARVE_MIME_DETECTOR_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "seckit/status.h"

struct magic_set;

namespace seckit::disk_carve {

class MimeDetector {
 public:
  // Loads the system's magic database. Status::Config when it cannot be loaded.
  static Result<std::unique_ptr<MimeDetector>> Open();
  ~MimeDetector();
  MimeDetector(const MimeDetector&) = delete;
  MimeDetector& operator=(const MimeDetector&) = delete;

  // The MIME type of `head` (the first bytes of a file); empty when libmagic has no answer.
  std::string Detect(std::span<const uint8_t> head) const;

  // How many leading bytes of a file are worth passing to Detect.
  static constexpr size_t kHeadSize = size_t{64} * 1024;

 private:
  explicit MimeDetector(magic_set* magic) : magic_(magic) {}
  magic_set* magic_;
};

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_MIME_DETECTOR_H_
