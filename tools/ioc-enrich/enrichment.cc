// Verdict names, as they appear in records and on the command line.
#include "enrichment.h"

#include <array>

namespace seckit::ioc_enrich {
namespace {

constexpr std::array<std::string_view, 4> kVerdictNames = {"unknown", "benign", "suspicious",
                                                           "malicious"};

}  // namespace

std::string_view VerdictName(Verdict verdict) {
  return kVerdictNames[static_cast<size_t>(verdict)];
}

std::optional<Verdict> ParseVerdict(std::string_view name) {
  for (size_t i = 0; i < kVerdictNames.size(); ++i) {
    if (kVerdictNames[i] == name) return static_cast<Verdict>(i);
  }
  return std::nullopt;
}

}  // namespace seckit::ioc_enrich
