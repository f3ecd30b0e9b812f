// Escaping rather than dropping bytes keeps distinct hostile names distinct, and readable.
#include "safe_name.h"

#include <cstdint>
#include <cstdio>

namespace seckit::disk_carve {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when the bytes there are not one.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  size_t n = 0;
  uint32_t min = 0;
  if (b >= 0xc2 && b <= 0xdf) {
    n = 2, min = 0x80;
  } else if (b >= 0xe0 && b <= 0xef) {
    n = 3, min = 0x800;
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  uint32_t cp = b & (0xff >> (n + 1));
  for (size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(text[i + k]);
    if ((c & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

void AppendEscaped(std::string& out, unsigned char c) {
  char hex[4];
  (void)std::snprintf(hex, sizeof hex, "%%%02X", c);
  out += hex;
}

uint64_t Fnv1a(std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::string SafeComponent(std::string_view name) {
  if (name.empty()) return "_";
  if (name == ".") return "_.";
  if (name == "..") return "_..";
  std::string out;
  for (size_t i = 0; i < name.size();) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c >= 0x80) {
      const size_t n = Utf8SequenceLength(name, i);
      if (n == 0) {
        AppendEscaped(out, c);
        ++i;
      } else {
        out.append(name.substr(i, n));
        i += n;
      }
      continue;
    }
    if (c < 0x20 || c == 0x7f || c == '%' || c == '/' || c == '\\') {
      AppendEscaped(out, c);
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  if (out.size() > kMaxComponentSize) {
    size_t cut = kMaxComponentSize - 17;
    // Never split an escape or a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0) == 0x80) --cut;
    if (cut >= 1 && out[cut - 1] == '%')
      cut -= 1;
    else if (cut >= 2 && out[cut - 2] == '%')
      cut -= 2;
    char tail[18];
    (void)std::snprintf(tail, sizeof tail, "~%016llx",
                        static_cast<unsigned long long>(Fnv1a(name)));
    out.resize(cut);
    out += tail;
  }
  return out;
}

std::vector<std::string> SafeComponents(std::string_view path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) parts.push_back(SafeComponent(path.substr(start, slash - start)));
    start = slash + 1;
  }
  return parts;
}

std::string WithCollisionSuffix(std::string_view name, int n) {
  const std::string suffix = "~" + std::to_string(n);
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::string(name) + suffix;
  return std::string(name.substr(0, dot)) + suffix + std::string(name.substr(dot));
}

}  // namespace seckit::disk_carve
