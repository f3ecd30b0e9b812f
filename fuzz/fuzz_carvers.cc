// Fuzzes disk-carve's format parsers (the Measure* functions of carve_formats.h), which measure a
// candidate file from its own structure at a signature hit in an untrusted image. The first byte
// picks the format; the format's two signature bytes are put in front of the rest, as the scanner
// only calls a parser where its signature is. Checks: a measured file lies inside the bytes given
// and is not empty, "valid" and "needs more data" exclude each other, and measuring is
// deterministic and sees the same file again when given exactly the bytes it measured.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "carve_formats.h"
#include "fuzz_check.h"

namespace seckit::disk_carve {
namespace {

void CheckMeasured(const CarveFormat& format, std::span<const uint8_t> bytes) {
  const std::optional<Measured> m = format.measure(bytes);
  if (!m) return;
  SECKIT_FUZZ_CHECK(m->length > 0);
  SECKIT_FUZZ_CHECK(m->length <= bytes.size());
  SECKIT_FUZZ_CHECK(!(m->valid && m->needs_more));

  const std::optional<Measured> again = format.measure(bytes);
  SECKIT_FUZZ_CHECK(again && again->length == m->length && again->valid == m->valid &&
                    again->needs_more == m->needs_more && again->extension == m->extension);

  // A file measured as whole is still a file when cut to its own length (the carver writes out
  // just those bytes). Its length may differ: a format whose end is found by a search (ZIP's
  // end record, PDF's last %%EOF) may stop at an earlier end inside the cut.
  if (m->valid) {
    const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(m->length));
    const std::optional<Measured> alone = format.measure(cut);
    SECKIT_FUZZ_CHECK(alone.has_value() && alone->length <= cut.size());
  }
}

}  // namespace
}  // namespace seckit::disk_carve

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit::disk_carve;
  if (size == 0 || size > (1u << 20)) return 0;
  const std::span<const CarveFormat> formats = AllCarveFormats();
  const CarveFormat& format = formats[data[0] % formats.size()];
  // An exact-size copy, so ASan sees a read past the end of what the parser was given.
  std::vector<uint8_t> bytes;
  bytes.reserve(size + 1);
  bytes.push_back(format.magic[0]);
  bytes.push_back(format.magic[1]);
  bytes.insert(bytes.end(), data + 1, data + size);
  bytes.shrink_to_fit();
  CheckMeasured(format, bytes);
  // Every prefix that ends inside the first header (from the signature on, as the scanner calls).
  for (size_t n = 2; n < bytes.size() && n < 8; ++n) {
    const std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(n));
    CheckMeasured(format, prefix);
  }
  return 0;
}
