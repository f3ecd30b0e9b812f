// Defensive JSON reading and request encodings for the providers (see provider_json.h).
#include "provider_json.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "seckit/text.h"

namespace seckit::ioc_enrich {
namespace {

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

bool IsDecimal(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// One reference token of a JSON pointer with ~1 and ~0 undone.
std::string UnescapeToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size()) {
      out.push_back(token[i + 1] == '1' ? '/' : '~');
      ++i;
    } else {
      out.push_back(token[i]);
    }
  }
  return out;
}

// An array index token: "0" or digits without a leading zero.
std::optional<size_t> ArrayIndex(std::string_view token) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) {
    return std::nullopt;
  }
  size_t index = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + static_cast<size_t>(c - '0');
  }
  return index;
}

}  // namespace

bool ParseJsonBody(std::string_view body, Json& out, std::string& why) {
  try {
    out = Json::parse(body.begin(), body.end());
    return true;
  } catch (const Json::parse_error& e) {
    // The parser stops at the end of the input when the document is cut short.
    why = e.byte >= body.size() ? "truncated JSON (" + std::to_string(body.size()) + " bytes)"
                                : "invalid JSON at byte " + std::to_string(e.byte);
    if (body.empty()) why = "empty body";
  } catch (const Json::out_of_range&) {
    why = "number out of range";
  } catch (const std::exception&) {
    why = "cannot parse JSON";
  }
  return false;
}

const Json* Member(const Json* object, std::string_view key) {
  if (object == nullptr || !object->is_object()) return nullptr;
  auto it = object->find(key);
  return it == object->end() ? nullptr : &*it;
}

const Json* Dig(const Json* root, std::initializer_list<std::string_view> path) {
  const Json* at = root;
  for (std::string_view key : path) at = Member(at, key);
  return at;
}

std::optional<std::string> String(const Json* value) {
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get_ref<const std::string&>();
}

std::string StringOr(const Json* value, std::string fallback) {
  std::optional<std::string> s = String(value);
  return s ? std::move(*s) : std::move(fallback);
}

std::optional<bool> Bool(const Json* value) {
  if (value == nullptr || !value->is_boolean()) return std::nullopt;
  return value->get<bool>();
}

std::optional<double> Number(const Json* value, bool lenient) {
  if (value == nullptr) return std::nullopt;
  double number = 0;
  if (value->is_number_unsigned()) {
    number = static_cast<double>(value->get<uint64_t>());
  } else if (value->is_number_integer()) {
    number = static_cast<double>(value->get<int64_t>());
  } else if (value->is_number_float()) {
    number = value->get<double>();
  } else if (lenient && value->is_string()) {
    const std::string& text = value->get_ref<const std::string&>();
    if (!IsDecimal(text)) return std::nullopt;
    char* end = nullptr;
    number = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(number)) return std::nullopt;
  return number;
}

std::optional<int64_t> Integer(const Json* value, bool lenient) {
  if (value != nullptr && value->is_number_integer() && !value->is_number_unsigned()) {
    return value->get<int64_t>();  // exact, no detour through double
  }
  std::optional<double> number = Number(value, lenient);
  if (!number) return std::nullopt;
  // 2^63 is exactly representable; anything at or beyond it saturates.
  constexpr double kLimit = 9223372036854775808.0;
  if (*number >= kLimit) return std::numeric_limits<int64_t>::max();
  if (*number <= -kLimit) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(std::llround(*number));
}

std::vector<std::string> Strings(const Json* value) {
  std::vector<std::string> out;
  if (value == nullptr) return out;
  if (value->is_string()) {
    out.push_back(value->get<std::string>());
  } else if (value->is_array()) {
    for (const Json& element : *value) {
      if (element.is_string()) out.push_back(element.get<std::string>());
    }
  }
  return out;
}

std::optional<TimeNs> Time(const Json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_string()) return ParseApiTime(value->get_ref<const std::string&>());
  // Beyond int64_t the value is nonsense, not a far future: no time rather than a clamped one.
  std::optional<double> number = Number(value);
  if (!number || std::fabs(*number) >= 9e18) return std::nullopt;
  return ParseEpoch(std::to_string(*Integer(value)));
}

void KeepEarliest(std::optional<TimeNs>& at, std::optional<TimeNs> t) {
  if (t && (!at || *t < *at)) at = t;
}

void KeepLatest(std::optional<TimeNs>& at, std::optional<TimeNs> t) {
  if (t && (!at || *t > *at)) at = t;
}

std::optional<TimeNs> ParseApiTime(std::string_view text) {
  text = TrimAsciiSpace(text);
  if (text.empty()) return std::nullopt;
  if (std::optional<TimeNs> t = ParseRfc3339(text)) return t;
  std::string fixed(text);
  if (text.size() > 4 && (text.ends_with(" UTC") || text.ends_with(" GMT"))) {
    fixed.resize(text.size() - 4);
    fixed += 'Z';
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    fixed += "T00:00:00Z";
  } else if (IsDecimal(text)) {
    return ParseEpoch(text);
  } else {
    fixed += 'Z';  // a zone-less date and time: the APIs that write them mean UTC
  }
  return ParseRfc3339(fixed);
}

const Json* AtPointer(const Json& root, std::string_view pointer) {
  if (!ValidPointer(pointer)) return nullptr;
  const Json* at = &root;
  while (!pointer.empty()) {
    pointer.remove_prefix(1);  // the '/'
    const size_t slash = pointer.find('/');
    const std::string token = UnescapeToken(pointer.substr(0, slash));
    pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash);
    if (at->is_object()) {
      auto it = at->find(token);
      if (it == at->end()) return nullptr;
      at = &*it;
    } else if (at->is_array()) {
      std::optional<size_t> index = ArrayIndex(token);
      if (!index || *index >= at->size()) return nullptr;
      at = &(*at)[*index];
    } else {
      return nullptr;
    }
  }
  return at;
}

bool ValidPointer(std::string_view pointer) {
  if (pointer.empty()) return true;
  if (pointer.front() != '/') return false;
  for (size_t i = 0; i < pointer.size(); ++i) {
    if (pointer[i] == '~' &&
        (i + 1 == pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1'))) {
      return false;
    }
  }
  return true;
}

int ClampScore(double score) {
  if (!(score > 0)) return 0;  // also NaN
  if (score >= 100) return 100;
  return static_cast<int>(std::lround(score));
}

void AddTag(std::vector<std::string>& tags, std::string_view tag) {
  tag = TrimAsciiSpace(tag);
  if (tag.empty() || tags.size() >= kMaxTags) return;
  if (std::find(tags.begin(), tags.end(), tag) != tags.end()) return;
  tags.emplace_back(tag);
}

std::string PercentEncode(std::string_view text, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c) || keep.find(ch) != std::string_view::npos) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string Base64UrlNoPad(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(data[i])) << 16 |
                       static_cast<uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8 |
                       static_cast<unsigned char>(data[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(n >> shift) & 63]);
  }
  const size_t rest = data.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(data[i])) << 16;
    if (rest == 2) n |= static_cast<uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    if (rest == 2) out.push_back(kAlphabet[(n >> 6) & 63]);
  }
  return out;
}

std::string JsonEscape(std::string_view text) {
  const std::string quoted =
      Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
  return quoted.substr(1, quoted.size() - 2);
}

}  // namespace seckit::ioc_enrich
