// Telling a feed's format from its content (the rules are in local_feeds.h).
#include "feed_detect.h"

#include <algorithm>

#include "csv_header.h"
#include "seckit/indicators.h"

namespace seckit::ioc_enrich::feeds {
namespace {

// Whether `line` is a header row: two or more fields, one naming a value column, and none of
// them an indicator itself.
bool IsHeaderRow(std::string_view line, size_t* field_count, char* separator) {
  *separator = DetectSeparator(line);
  const std::vector<std::string> fields = SplitCsvLine(line, *separator);
  *field_count = fields.size();
  if (fields.size() < 2) return false;
  if (MapHeader(fields)[static_cast<size_t>(CsvField::kValue)] < 0) return false;
  return std::none_of(fields.begin(), fields.end(),
                      [](const std::string& f) { return Classify(f).has_value(); });
}

bool IsMispCsvHeader(std::string_view line) {
  std::vector<std::string> names;
  for (const std::string& f : SplitCsvLine(line, ',')) names.push_back(NormalName(f));
  for (std::string_view want : {"uuid", "event_id", "category", "type", "value"}) {
    if (std::find(names.begin(), names.end(), want) == names.end()) return false;
  }
  return true;
}

}  // namespace

FeedFormat DetectTextFormat(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n\v\f");
  if (first == std::string_view::npos) return FeedFormat::kPlain;
  if (text[first] == '{' || text[first] == '[') return FeedFormat::kDetect;
  std::string_view previous;  // the line before, when it is a comment
  while (!text.empty()) {
    const size_t eol = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(std::min(eol + 1, text.size()));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    const size_t start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos) {
      previous = {};
      continue;
    }
    line.remove_prefix(start);
    if (line.front() == '#') {
      previous = line.substr(line.find_first_not_of("# \t") == std::string_view::npos
                                 ? line.size()
                                 : line.find_first_not_of("# \t"));
      continue;
    }
    if (IsMispCsvHeader(line)) return FeedFormat::kMispCsv;
    size_t fields = 0, comment_fields = 0;
    char separator = 0, comment_separator = 0;
    if (IsHeaderRow(line, &fields, &separator)) return FeedFormat::kCsv;
    if (!previous.empty() && IsHeaderRow(previous, &comment_fields, &comment_separator) &&
        SplitCsvLine(line, comment_separator).size() == comment_fields) {
      return FeedFormat::kCsv;
    }
    return FeedFormat::kPlain;
  }
  return FeedFormat::kPlain;
}

std::optional<FeedFormat> DetectJsonFormat(simdjson::dom::element root) {
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (root.get_array().get(array) == simdjson::SUCCESS) {
    if (array.begin() == array.end()) return std::nullopt;
    if ((*array.begin()).get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
    if (object["spec_version"].error() == simdjson::SUCCESS) return FeedFormat::kStix;
    for (const char* key : {"Event", "Attribute", "Object", "info"}) {  // "info": event index
      if (object[key].error() == simdjson::SUCCESS) return FeedFormat::kMispJson;
    }
    return std::nullopt;
  }
  if (root.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
  std::string_view type;
  if ((object["type"].get_string().get(type) == simdjson::SUCCESS && type == "bundle") ||
      object["objects"].is_array()) {
    return FeedFormat::kStix;
  }
  for (const char* key : {"Event", "response", "Attribute", "Object"}) {
    if (object[key].error() == simdjson::SUCCESS) return FeedFormat::kMispJson;
  }
  return std::nullopt;
}

}  // namespace seckit::ioc_enrich::feeds
