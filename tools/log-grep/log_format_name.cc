// Names of the log formats, as --format takes them and event.dataset shows them.
#include "log_event.h"

namespace seckit::log_grep {

std::string_view LogFormatName(LogFormat format) {
  switch (format) {
    case LogFormat::kAuto: return "auto";
    case LogFormat::kSyslog: return "syslog";
    case LogFormat::kAccess: return "access";
    case LogFormat::kJson: return "json";
    case LogFormat::kText: return "text";
  }
  return "text";
}

std::optional<LogFormat> ParseLogFormat(std::string_view name) {
  for (LogFormat format : {LogFormat::kAuto, LogFormat::kSyslog, LogFormat::kAccess,
                           LogFormat::kJson, LogFormat::kText}) {
    if (LogFormatName(format) == name) return format;
  }
  return std::nullopt;
}

}  // namespace seckit::log_grep
