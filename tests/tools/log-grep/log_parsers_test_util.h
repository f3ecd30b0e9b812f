// Helpers for the log parser tests: a compact, ordered text form of a LogEvent's fields.
#ifndef SECKIT_TESTS_TOOLS_LOG_GREP_LOG_PARSERS_TEST_UTIL_H_
#define SECKIT_TESTS_TOOLS_LOG_GREP_LOG_PARSERS_TEST_UTIL_H_

#include <set>
#include <string>
#include <string_view>

#include "log_event.h"

namespace seckit::log_grep {

// One field per line, in order: `key="text"` or `key=123`.
inline std::string Dump(const LogEvent& event) {
  std::string out;
  for (const LogField& field : event.fields()) {
    out += field.key;
    out += '=';
    if (field.is_number) {
      out += std::to_string(field.number);
    } else {
      out += '"' + field.text + '"';
    }
    out += '\n';
  }
  return out;
}

// The text of field `key`, or "<absent>" (numbers as decimal text).
inline std::string Get(const LogEvent& event, std::string_view key) {
  const LogField* field = event.Find(key);
  if (field == nullptr) return "<absent>";
  return field->is_number ? std::to_string(field->number) : field->text;
}

// True when no key appears twice and no text value is empty (the record contract).
inline bool WellFormed(const LogEvent& event) {
  std::set<std::string_view> keys;
  for (const LogField& field : event.fields()) {
    if (!keys.insert(field.key).second) return false;
    if (!field.is_number && field.text.empty()) return false;
  }
  return true;
}

}  // namespace seckit::log_grep

#endif  // SECKIT_TESTS_TOOLS_LOG_GREP_LOG_PARSERS_TEST_UTIL_H_
