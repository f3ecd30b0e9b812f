// Entropy and DGA-likeness of DNS labels.
#include "name_entropy.h"

#include <array>
#include <cmath>

namespace seckit::anomaly_detect {

double ShannonEntropy(std::string_view text) {
  if (text.empty()) return 0;
  std::array<uint32_t, 256> counts{};
  for (unsigned char c : text) ++counts[c];
  const double n = static_cast<double>(text.size());
  double bits = 0;
  // Each distinct byte once, in the order of the text (names are far shorter than 256): its
  // count is cleared once it has been added.
  for (unsigned char c : text) {
    if (counts[c] == 0) continue;
    const double p = counts[c] / n;
    bits -= p * std::log2(p);
    counts[c] = 0;
  }
  return bits;
}

std::string_view SubdomainPart(std::string_view name, std::string_view registered) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (registered.empty() || name.size() <= registered.size() + 1) return {};
  const size_t cut = name.size() - registered.size();
  if (name[cut - 1] != '.') return {};
  return name.substr(0, cut - 1);
}

bool LooksGenerated(std::string_view label) {
  if (label.size() < 10 || ShannonEntropy(label) < 3.0) return false;
  int letters = 0, vowels = 0, digits = 0;
  for (char c : label) {
    const char lower = static_cast<char>(c | 0x20);
    if (lower >= 'a' && lower <= 'z') {
      ++letters;
      vowels += lower == 'a' || lower == 'e' || lower == 'i' || lower == 'o' || lower == 'u' ||
                lower == 'y';
    } else if (c >= '0' && c <= '9') {
      ++digits;
    }
  }
  const double n = static_cast<double>(label.size());
  if (letters > 0 && digits / n > 0.2) return true;
  return letters > 0 && static_cast<double>(vowels) / letters < 0.3;
}

}  // namespace seckit::anomaly_detect
