// Carver: scans byte ranges of an image for file signatures, measures each candidate with its
// format's parser, writes what checks out under the output directory and reports disk.carved
// records.
#ifndef SECKIT_DISK_CARVE_CARVER_H_
#define SECKIT_DISK_CARVE_CARVER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "carve_formats.h"
#include "content_inspector.h"
#include "image_bytes.h"
#include "output_dir.h"
#include "seckit/json_writer.h"
#include "seckit/tool_main.h"
#include "signature_scanner.h"
#include "volumes.h"

namespace seckit {
class Progress;
}

namespace seckit::disk_carve {

struct CarveStats {
  uint64_t scanned_bytes = 0;
  uint64_t candidates = 0;  // signature hits
  uint64_t carved = 0;      // files written
  uint64_t partial = 0;     // of which did not validate
};

class Carver {
 public:
  struct Settings {
    std::vector<const CarveFormat*> formats;
    uint64_t max_size = 256ull << 20;
    std::string image_path;
    std::string timestamp;
    Progress* progress = nullptr;  // advanced by the bytes scanned (may be null)
  };
  // `scan_bytes` and `file_bytes` may be the same object when it is mapped (views are then free
  // and stay valid).
  Carver(Settings settings, ImageBytes& scan_bytes, ImageBytes& file_bytes, OutputDir& out,
         const InspectionPlan& plan, Io& io);

  // Scans [range.offset, range.offset + range.length); carved files may run past its end.
  Status ScanRange(const ByteRange& range);
  const CarveStats& stats() const { return stats_; }

 private:
  struct Found {
    const CarveFormat* format;
    Measured measured;
  };
  // The best reading of the candidate at `offset` (a valid one first, else the longest).
  Result<std::optional<Found>> Measure(uint64_t offset, const std::vector<const CarveFormat*>& at);
  Status Emit(uint64_t offset, const Found& found);

  Settings settings_;
  ImageBytes& scan_bytes_;
  ImageBytes& file_bytes_;
  OutputDir& out_;
  ContentInspector inspector_;
  Io& io_;
  JsonWriter writer_;
  SignatureScanner scanner_;
  CarveStats stats_;
  uint64_t resume_at_ = 0;  // scanning resumes after the last file carved
};

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_CARVER_H_
