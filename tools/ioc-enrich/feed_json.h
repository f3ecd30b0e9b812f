// Tolerant reads from a simdjson DOM for the JSON feeds: a missing member or one of another
// type reads as absent, never as an error.
#ifndef SECKIT_IOC_ENRICH_FEED_JSON_H_
#define SECKIT_IOC_ENRICH_FEED_JSON_H_

#include <simdjson.h>

#include <cstdint>
#include <string_view>

namespace seckit::ioc_enrich::feeds {

// The string member `key` of `object`, or "" when absent or not a string.
inline std::string_view StringAt(simdjson::dom::element object, std::string_view key) {
  std::string_view out;
  if (object[key].get_string().get(out) != simdjson::SUCCESS) return {};
  return out;
}

// Calls f(element) for each element of the array member `key` (nothing when there is none).
template <typename F>
void ForEachIn(simdjson::dom::element object, std::string_view key, F&& f) {
  simdjson::dom::array array;
  if (object[key].get_array().get(array) != simdjson::SUCCESS) return;
  for (simdjson::dom::element e : array) f(e);
}

// Calls f(element) for each element of `value` when it is an array.
template <typename F>
void ForEachElement(simdjson::dom::element value, F&& f) {
  simdjson::dom::array array;
  if (value.get_array().get(array) != simdjson::SUCCESS) return;
  for (simdjson::dom::element e : array) f(e);
}

// A flag written as true/false, 1/0 or "1"/"0"/"true"/"false" (MISP writes all of them);
// `fallback` when absent or anything else.
inline bool FlagAt(simdjson::dom::element object, std::string_view key, bool fallback) {
  simdjson::dom::element e;
  if (object[key].get(e) != simdjson::SUCCESS) return fallback;
  bool b;
  if (e.get_bool().get(b) == simdjson::SUCCESS) return b;
  int64_t i;
  if (e.get_int64().get(i) == simdjson::SUCCESS) return i != 0;
  std::string_view s;
  if (e.get_string().get(s) == simdjson::SUCCESS) {
    if (s == "1" || s == "true" || s == "True") return true;
    if (s == "0" || s == "false" || s == "False") return false;
  }
  return fallback;
}

}  // namespace seckit::ioc_enrich::feeds

#endif  // SECKIT_IOC_ENRICH_FEED_JSON_H_
