// LogEvent: the ECS fields parsed from one text log line (syslog, sshd, access log), before they
// are written as a record or tested by --where.
#ifndef SECKIT_LOG_GREP_LOG_EVENT_H_
#define SECKIT_LOG_GREP_LOG_EVENT_H_

#include <cstdint>
#include <optional>
#include <span>
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

// The fields of one line. Reused from line to line: Clear() keeps the fields' strings and their
// memory, so parsing a line allocates nothing once the strings have grown to the longest values
// (a string per field per line was a tenth of `--json`'s time).
class LogEvent {
 public:
  std::optional<TimeNs> time;  // @timestamp, when the line has one

  void Clear() {
    time.reset();
    size_ = 0;
  }
  void Add(std::string_view key, std::string_view text) {
    LogField& field = Append(key);
    field.text.assign(text);
    field.number = 0;
    field.is_number = false;
  }
  void AddNumber(std::string_view key, int64_t number) {
    LogField& field = Append(key);
    field.text.clear();
    field.number = number;
    field.is_number = true;
  }
  // The text of the field added last, for a value written in place (an address's canonical form).
  std::string& last_text() { return storage_[size_ - 1].text; }

  std::span<const LogField> fields() const { return {storage_.data(), size_}; }
  // The first field named `key`, or nullptr.
  const LogField* Find(std::string_view key) const {
    for (const LogField& field : fields()) {
      if (field.key == key) return &field;
    }
    return nullptr;
  }

 private:
  LogField& Append(std::string_view key) {
    if (size_ == storage_.size()) storage_.emplace_back();
    LogField& field = storage_[size_++];
    field.key = key;
    return field;
  }

  std::vector<LogField> storage_;  // [0, size_) are this line's; the rest keep their memory
  size_t size_ = 0;
};

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_LOG_EVENT_H_
