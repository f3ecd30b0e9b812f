// JSON string escaping with UTF-8 validation, and number formatting, for JsonWriter.
#include "seckit/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Most text (keys, addresses, times, names) is plain ASCII; checking it 8 bytes at a time with
// word arithmetic instead of a table lookup per byte makes escaping nearly free for it.
constexpr uint64_t kEveryByte = 0x0101010101010101;  // 0x01 in each byte
constexpr uint64_t kHighBits = 0x8080808080808080;

// Nonzero when some byte of `v` has class kEscape or kMultiByte. Each term is exact for "some
// byte": (x - 0x01…) & ~x & 0x80… is nonzero iff x has a zero byte, and (v - n·0x01…) & ~v &
// 0x80… iff v has a byte below n (n <= 0x80), as in Anderson's "Bit Twiddling Hacks".
constexpr uint64_t SpecialBytes(uint64_t v) {
  uint64_t quote = v ^ (kEveryByte * '"');  // a zero byte where v has '"'
  uint64_t backslash = v ^ (kEveryByte * '\\');
  uint64_t has_control = (v - kEveryByte * 0x20) & ~v;
  uint64_t has_quote = (quote - kEveryByte) & ~quote;
  uint64_t has_backslash = (backslash - kEveryByte) & ~backslash;
  return (has_control | has_quote | has_backslash | v) & kHighBits;  // v: bytes from 0x80
}

uint64_t Load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

uint32_t Load32(const unsigned char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

#if defined(__SSE2__)
// A bit for each of the 16 bytes at p that is not plain. One signed comparison finds both the
// control characters (below 0x20) and the bytes from 0x80 (negative as signed bytes).
uint32_t SpecialMask16(const unsigned char* p) {
  const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i special =
      _mm_or_si128(_mm_cmplt_epi8(chunk, _mm_set1_epi8(0x20)),
                   _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('"')),
                                _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\\'))));
  return static_cast<uint32_t>(_mm_movemask_epi8(special));
}
#endif

// Whether `text` can be written between quotes as it is. Short texts (most keys and values) are
// checked as one word built from overlapping loads, never reading outside the text; long ones
// (whole log lines, URLs) 16 bytes at a time where SSE2 is there.
bool IsPlain(std::string_view text) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
#if defined(__SSE2__)
  if (n >= 16) {
    uint32_t special = SpecialMask16(p + n - 16);  // the tail, overlapping the last block
    for (size_t i = 0; i + 16 <= n; i += 16) special |= SpecialMask16(p + i);
    return special == 0;
  }
#endif
  if (n >= 8) {
    uint64_t special = SpecialBytes(Load64(p + n - 8));
    for (size_t i = 0; i + 8 <= n; i += 8) special |= SpecialBytes(Load64(p + i));
    return special == 0;
  }
  if (n >= 4) return SpecialBytes(Load32(p) | uint64_t{Load32(p + n - 4)} << 32) == 0;
  if (n == 0) return true;
  // 1 to 3 bytes: the first, middle and last cover them all; the rest of the word is 'a'.
  uint64_t word =
      kEveryByte * 'a' << 24 | uint64_t{p[0]} | uint64_t{p[n / 2]} << 8 | uint64_t{p[n - 1]} << 16;
  return SpecialBytes(word) == 0;
}

// The first byte from p on that is not plain, or `end`.
const unsigned char* SkipPlain(const unsigned char* p, const unsigned char* end) {
#if defined(__SSE2__)
  while (end - p >= 16) {
    const uint32_t special = SpecialMask16(p);
    if (special != 0) return p + __builtin_ctz(special);
    p += 16;
  }
#endif
  while (end - p >= 8 && SpecialBytes(Load64(p)) == 0) p += 8;
  while (p < end && kByteClasses[*p] == kPlain) ++p;
  return p;
}

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
  // A short text is checked whole at once; a long one is not checked first, as the loop below
  // finds its first special byte anyway, and long texts (log lines) often have one.
  if (text.size() < 16 && IsPlain(text)) {
    out.append(text);
    out.push_back('"');
    return;
  }
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  const unsigned char* run = p;  // start of bytes to copy unchanged
  while (p < end) {
    p = SkipPlain(p, end);
    if (p == end) break;
    uint8_t cls = kByteClasses[*p];
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

void JsonWriter::Key(std::string_view key) {
  if (IsPlain(key)) {
    // Keys are almost always plain names spelled out by the caller: copied as they are.
    buf_.append(first_ ? "\"" : ",\"", first_ ? 1 : 2);
    buf_.append(key);
    buf_.append("\":", 2);
  } else {
    Separator();
    AppendJsonString(buf_, key);
    buf_.push_back(':');
  }
  first_ = true;  // the value that follows needs no comma
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
