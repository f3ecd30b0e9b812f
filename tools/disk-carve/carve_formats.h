// The file formats carve knows: each one's signature and a function that measures a candidate by
// parsing the format, so a file's length comes from its own structure, not a footer search.
#ifndef SECKIT_DISK_CARVE_CARVE_FORMATS_H_
#define SECKIT_DISK_CARVE_CARVE_FORMATS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/status.h"

namespace seckit::disk_carve {

// What a format's parser says about the bytes at a candidate offset.
struct Measured {
  uint64_t length = 0;  // bytes that belong to the file (as far as it checks out)
  bool valid = false;   // the whole structure was parsed, up to its proper end
  // The parser stopped because `data` ended, not because the bytes broke the format: with more
  // data it could go on (the caller retries with a larger window when the image has more).
  bool needs_more = false;
  std::string_view extension;  // overrides the format's default extension ("docx" for a ZIP)
};

// Parses `data` (which starts with the format's signature). nullopt when the bytes are not this
// format after all (a false signature hit); otherwise Measured with length > 0.
using MeasureFn = std::optional<Measured> (*)(std::span<const uint8_t> data);

struct CarveFormat {
  std::string_view name;       // "jpg", the --types name
  std::string_view extension;  // default extension of carved files
  uint8_t magic[2];            // the first two bytes, for the scanner
  MeasureFn measure;
};

std::optional<Measured> MeasureJpeg(std::span<const uint8_t> data);
std::optional<Measured> MeasurePng(std::span<const uint8_t> data);
std::optional<Measured> MeasureGif(std::span<const uint8_t> data);
std::optional<Measured> MeasureBmp(std::span<const uint8_t> data);
std::optional<Measured> MeasurePdf(std::span<const uint8_t> data);
std::optional<Measured> MeasureZip(std::span<const uint8_t> data);
std::optional<Measured> MeasureGzip(std::span<const uint8_t> data);
std::optional<Measured> MeasureElf(std::span<const uint8_t> data);
std::optional<Measured> MeasurePe(std::span<const uint8_t> data);
std::optional<Measured> MeasureSqlite(std::span<const uint8_t> data);

// Every known format.
std::span<const CarveFormat> AllCarveFormats();

// The formats named in a --types list ("jpg,pdf,zip"; also jpeg, gzip, exe, pe, docx, db);
// every format for "" or "all". Status::Usage naming an unknown type.
Result<std::vector<const CarveFormat*>> SelectCarveFormats(std::string_view list);

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_CARVE_FORMATS_H_
