// A --feed argument taken apart ("csv:value=2,tags=5:FILE"): the format and the CSV column
// mapping. The rules are documented in local_feeds.h.
#ifndef SECKIT_IOC_ENRICH_FEED_SPEC_H_
#define SECKIT_IOC_ENRICH_FEED_SPEC_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/status.h"

namespace seckit::ioc_enrich::feeds {

enum class FeedFormat { kDetect, kPlain, kCsv, kMispCsv, kMispJson, kStix };
std::string_view FeedFormatName(FeedFormat format);

// The fields a CSV column can be mapped to.
enum class CsvField {
  kValue,
  kType,
  kFirstSeen,
  kLastSeen,
  kTags,
  kScore,
  kDescription,
  kReference,
};
inline constexpr size_t kCsvFieldCount = 8;
std::string_view CsvFieldName(CsvField field);

struct CsvColumn {
  int number = 0;    // 1-based; 0 when given by name or not mapped
  std::string name;  // a header name, lowercase
  bool mapped() const { return number > 0 || !name.empty(); }
};

struct CsvOptions {
  enum class Header { kAuto, kYes, kNo };
  bool explicit_mapping = false;  // a mapping was given: only its fields are read
  std::array<CsvColumn, kCsvFieldCount> columns;
  char separator = 0;  // 0: detected
  Header header = Header::kAuto;

  CsvColumn& column(CsvField f) { return columns[static_cast<size_t>(f)]; }
  const CsvColumn& column(CsvField f) const { return columns[static_cast<size_t>(f)]; }
};

struct FeedSpec {
  FeedFormat format = FeedFormat::kDetect;
  std::string path;
  CsvOptions csv;
};

// Takes a --feed argument apart. Usage errors: an unknown format, a bad mapping.
Result<FeedSpec> ParseFeedSpec(std::string_view spec);

}  // namespace seckit::ioc_enrich::feeds

#endif  // SECKIT_IOC_ENRICH_FEED_SPEC_H_
