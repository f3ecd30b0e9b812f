// ContentInspector: what list, recover and carve learn from a file's bytes in one pass — the
// requested digests, the libmagic type and the YARA matches.
#ifndef SECKIT_DISK_CARVE_CONTENT_INSPECTOR_H_
#define SECKIT_DISK_CARVE_CONTENT_INSPECTOR_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mime_detector.h"
#include "seckit/hash.h"
#include "yara_rules.h"

namespace seckit::disk_carve {

struct Inspection {
  uint64_t bytes = 0;
  std::vector<Digest> digests;
  std::string mime_type;                       // empty: not asked or no answer
  std::optional<std::vector<YaraMatch>> yara;  // set when the content was scanned
};

// What to compute; the pointers may be null (not asked for).
struct InspectionPlan {
  std::vector<HashAlgorithm> hashes;
  const YaraRules* yara = nullptr;
  const MimeDetector* mime = nullptr;
  uint64_t yara_max_size = 64ull << 20;  // larger files are hashed but not scanned
  bool empty() const { return hashes.empty() && yara == nullptr && mime == nullptr; }
};

class ContentInspector {
 public:
  explicit ContentInspector(const InspectionPlan& plan);

  // Starts a file of (expected) `size` bytes.
  Status Begin(uint64_t size);
  void Update(std::span<const uint8_t> data);
  // Everything about the bytes passed since Begin.
  Result<Inspection> Finish();

 private:
  const InspectionPlan& plan_;
  std::optional<MultiHasher> hasher_;
  std::vector<uint8_t> kept_;  // the bytes YARA or libmagic will look at
  size_t keep_limit_ = 0;
  bool scan_yara_ = false;
  uint64_t bytes_ = 0;
};

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_CONTENT_INSPECTOR_H_
