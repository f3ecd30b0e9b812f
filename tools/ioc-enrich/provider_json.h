// Reading threat-intel API answers defensively: JSON parsing that reports instead of throwing,
// typed lookups that return nothing for a missing field or a field of the wrong type, RFC 6901
// JSON pointers, the timestamp formats the APIs use, and the text encodings their requests need.
// Shared by the provider_*.cc files only.
#ifndef SECKIT_IOC_ENRICH_PROVIDER_JSON_H_
#define SECKIT_IOC_ENRICH_PROVIDER_JSON_H_

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/time.h"

namespace seckit::ioc_enrich {

using Json = nlohmann::json;

// Parses `body` into `out`. On failure returns false and sets `why` to a short description
// ("truncated JSON (512 bytes)", "invalid JSON at byte 17", "number out of range") that quotes
// nothing from the body. Never throws.
bool ParseJsonBody(std::string_view body, Json& out, std::string& why);

// The member `key` of `object`, or nullptr when `object` is not an object or has no such member.
const Json* Member(const Json* object, std::string_view key);
// Member(Member(...)) along `path`.
const Json* Dig(const Json* root, std::initializer_list<std::string_view> path);

// Typed reads: nullopt for nullptr, null and values of another type.
std::optional<std::string> String(const Json* value);
std::string StringOr(const Json* value, std::string fallback = {});
std::optional<bool> Bool(const Json* value);
// A finite number, or with `lenient` also a string holding one ("9747", as MISP writes ids).
std::optional<double> Number(const Json* value, bool lenient = false);
// Number() rounded and clamped into int64_t (huge values saturate instead of overflowing).
std::optional<int64_t> Integer(const Json* value, bool lenient = false);
// The strings of an array (other elements skipped), or a single string as a one-element list.
std::vector<std::string> Strings(const Json* value);
// An instant: a number of seconds since the epoch (or ms/us/ns by magnitude, see ParseEpoch),
// or a string in one of ParseApiTime's formats.
std::optional<TimeNs> Time(const Json* value);

// Sets `at` to `t` when `t` is earlier (KeepEarliest) or later (KeepLatest) than it, or when
// `at` is empty; an empty `t` changes nothing.
void KeepEarliest(std::optional<TimeNs>& at, std::optional<TimeNs> t);
void KeepLatest(std::optional<TimeNs>& at, std::optional<TimeNs> t);

// RFC 3339 ("2026-01-02T03:04:05Z", "+00:00" offsets, fractions); "2026-01-02 03:04:05 UTC"
// (abuse.ch); a zone-less "2026-01-02T03:04:05.123" read as UTC (OTX); a date "2026-01-02"
// (GreyNoise) as its midnight UTC; a decimal epoch ("1513893921", MISP).
std::optional<TimeNs> ParseApiTime(std::string_view text);

// RFC 6901: the value `pointer` designates in `root`, or nullptr when it designates nothing.
// "" is the root; "/a/0/b~1c" walks member "a", element 0, member "b/c".
const Json* AtPointer(const Json& root, std::string_view pointer);
// Whether `pointer` is well formed: empty, or '/'-separated tokens where '~' is only followed
// by '0' or '1'.
bool ValidPointer(std::string_view pointer);

// A score rounded and clamped to 0..100.
int ClampScore(double score);

// Appends `tag` unless it is empty or already present; stops at kMaxTags tags.
inline constexpr size_t kMaxTags = 32;
void AddTag(std::vector<std::string>& tags, std::string_view tag);

// Percent-encodes every byte outside RFC 3986's unreserved set (ALPHA DIGIT - . _ ~) and
// `keep`.
std::string PercentEncode(std::string_view text, std::string_view keep = {});
// Characters a URL path segment may carry unencoded, besides the unreserved ones (RFC 3986
// pchar, plus '/'): for APIs that take a whole URL in the path.
inline constexpr std::string_view kPathKeep = ":@!$&'()*+,;=/";
// Base64 with the URL-safe alphabet and no '=' padding (RFC 4648 section 5).
std::string Base64UrlNoPad(std::string_view data);
// `text` as the inside of a JSON string literal (without the quotes); invalid UTF-8 replaced.
std::string JsonEscape(std::string_view text);

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_PROVIDER_JSON_H_
