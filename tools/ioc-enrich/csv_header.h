// CSV header rows: the field each column serves by its name (the name lists are in
// local_feeds.h), names compared loosely, and the separator a line uses.
#ifndef SECKIT_IOC_ENRICH_CSV_HEADER_H_
#define SECKIT_IOC_ENRICH_CSV_HEADER_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "feed_spec.h"

namespace seckit::ioc_enrich::feeds {

// The fields of one CSV line (copies: they outlive the line's reader).
std::vector<std::string> SplitCsvLine(std::string_view line, char separator);
// A header name or type name as compared: trimmed, lowercase, blanks and '-' as '_'.
std::string NormalName(std::string_view name);
// The separator of a CSV line: the most frequent of ',' ';' TAB '|' outside quotes (',' when
// none or on a tie with it).
char DetectSeparator(std::string_view line);
// The column each field takes by the header's names (index 0-based, -1 unmapped); the value
// column is -1 when the header names none.
std::array<int, kCsvFieldCount> MapHeader(const std::vector<std::string>& header);

}  // namespace seckit::ioc_enrich::feeds

#endif  // SECKIT_IOC_ENRICH_CSV_HEADER_H_
