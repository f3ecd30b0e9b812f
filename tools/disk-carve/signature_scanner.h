// SignatureScanner: finds the next offset where the two first bytes of any chosen format occur,
// 16 or 32 offsets per step with SIMD compares; the format parsers then check the rest.
#ifndef SECKIT_DISK_CARVE_SIGNATURE_SCANNER_H_
#define SECKIT_DISK_CARVE_SIGNATURE_SCANNER_H_

#include <cstdint>
#include <span>
#include <vector>

#include "carve_formats.h"

namespace seckit::disk_carve {

class SignatureScanner {
 public:
  explicit SignatureScanner(std::vector<const CarveFormat*> formats);

  // The first offset >= `from` where data[offset] and data[offset + 1] are some format's magic,
  // or data.size() when there is none (an offset whose second byte lies past the end is not
  // reported).
  uint64_t FindNext(std::span<const uint8_t> data, uint64_t from) const;

  // The formats whose magic is at data[offset] (offset + 1 < data.size()).
  void FormatsAt(std::span<const uint8_t> data, uint64_t offset,
                 std::vector<const CarveFormat*>& out) const;

 private:
  std::vector<const CarveFormat*> formats_;
  std::vector<uint8_t> first_, second_;  // the magic pairs, for the SIMD loops
  bool pair_[256][256];                  // for the scalar tail
  bool avx2_ = false;
};

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_SIGNATURE_SCANNER_H_
