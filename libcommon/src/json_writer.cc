// JSON string escaping with UTF-8 validation, and number formatting, for JsonWriter.
#include "seckit/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>

namespace seckit {
namespace {

enum ByteClass : uint8_t { kPlain = 0, kEscape = 1, kMultiByte = 2 };

constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> classes{};
  for (int i = 0; i < 256; ++i) {
    if (i < 0x20 || i == '"' || i == '\\') {
      classes[i] = kEscape;
    } else if (i >= 0x80) {
      classes[i] = kMultiByte;
    }
  }
  return classes;
}
constexpr std::array<uint8_t, 256> kByteClasses = MakeByteClasses();

// Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no surrogates, at most
// U+10FFFF), or 0 when the bytes there are not one.
size_t ValidUtf8Length(const unsigned char* p, const unsigned char* end) {
  unsigned char b0 = p[0];
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (static_cast<size_t>(end - p) < need) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < need; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
  }
  return need;
}

void AppendEscape(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out.append("\\\""); return;
    case '\\': out.append("\\\\"); return;
    case '\n': out.append("\\n"); return;
    case '\r': out.append("\\r"); return;
    case '\t': out.append("\\t"); return;
    case '\b': out.append("\\b"); return;
    case '\f': out.append("\\f"); return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      char escaped[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      out.append(escaped, 6);
    }
  }
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  out.push_back('"');
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  const unsigned char* run = p;  // start of bytes to copy unchanged
  while (p < end) {
    uint8_t cls = kByteClasses[*p];
    if (cls == kPlain) {
      ++p;
      continue;
    }
    if (cls == kMultiByte) {
      size_t n = ValidUtf8Length(p, end);
      if (n != 0) {
        p += n;
        continue;
      }
    }
    out.append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
    if (cls == kEscape) {
      AppendEscape(out, *p);
    } else {
      out.append("\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
    }
    run = ++p;
  }
  out.append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
  out.push_back('"');
}

void AppendJsonDouble(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out.append("null");
    return;
  }
  char text[32];
  auto [end, ec] = std::to_chars(text, text + sizeof text, value);
  out.append(text, static_cast<size_t>(end - text));
}

void JsonWriter::Int(int64_t v) {
  Separator();
  char text[24];
  auto [end, ec] = std::to_chars(text, text + sizeof text, v);
  buf_.append(text, static_cast<size_t>(end - text));
}

void JsonWriter::Uint(uint64_t v) {
  Separator();
  char text[24];
  auto [end, ec] = std::to_chars(text, text + sizeof text, v);
  buf_.append(text, static_cast<size_t>(end - text));
}

}  // namespace seckit
