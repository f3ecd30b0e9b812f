// LogEvent: the ECS fields parsed from one text log line (syslog, sshd, access log), before they
// are written as a record or tested by --where.
#ifndef SECKIT_LOG_GREP_LOG_EVENT_H_
#define SECKIT_LOG_GREP_LOG_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/time.h"

namespace seckit::log_grep {

// The line formats log-grep understands. kSyslog covers RFC 3164 and RFC 5424; sshd messages
// inside syslog lines are recognised by the program name and add their own fields.
enum class LogFormat { kAuto, kSyslog, kAccess, kJson, kText };

// "syslog", "access", "json", "text" (and "auto"); the dataset is "log." + this name.
std::string_view LogFormatName(LogFormat format);
std::optional<LogFormat> ParseLogFormat(std::string_view name);

// One ECS field: a dotted name ("source.ip") and its value, either text or a number.
struct LogField {
  std::string_view key;  // always a string literal: fields never own their names
  std::string text;
  int64_t number = 0;
  bool is_number = false;
};

struct LogEvent {
  std::optional<TimeNs> time;  // @timestamp, when the line has one
  std::vector<LogField> fields;

  void Clear() {
    time.reset();
    fields.clear();
  }
  void Add(std::string_view key, std::string_view text) {
    fields.push_back({key, std::string(text), 0, false});
  }
  void AddNumber(std::string_view key, int64_t number) {
    fields.push_back({key, {}, number, true});
  }
  // The first field named `key`, or nullptr.
  const LogField* Find(std::string_view key) const {
    for (const LogField& field : fields) {
      if (field.key == key) return &field;
    }
    return nullptr;
  }
};

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_LOG_EVENT_H_
