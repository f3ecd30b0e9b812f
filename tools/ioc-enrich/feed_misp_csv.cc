// MISP CSV exports (uuid,event_id,category,type,value,comment,to_ids,date,object_relation,
// attribute_tag,…): columns by the header's names, or MISP's default order without a header.
#include <algorithm>
#include <array>
#include <vector>

#include "csv_header.h"
#include "csv_reader.h"
#include "feed_misp.h"

namespace seckit::ioc_enrich::feeds {
namespace {

enum Column { kType, kValue, kComment, kToIds, kDate, kTags, kFirstSeen, kLastSeen, kInfo, kCount };
constexpr std::array<std::string_view, kCount> kNames = {"type",       "value",     "comment",
                                                         "to_ids",     "date",      "attribute_tag",
                                                         "first_seen", "last_seen", "event_info"};
// MISP's default export order: uuid,event_id,category,type,value,comment,to_ids,date,
// object_relation,attribute_tag.
constexpr std::array<int, kCount> kDefaultColumns = {3, 4, 5, 6, 7, 9, -1, -1, -1};

using MispColumns = std::array<int, kCount>;

// MispColumns by name when `row` is a header; nullopt when it is data.
std::optional<MispColumns> HeaderColumns(const std::vector<std::string_view>& row) {
  MispColumns columns;
  columns.fill(-1);
  for (size_t i = 0; i < row.size(); ++i) {
    const std::string name = NormalName(row[i]);
    for (size_t c = 0; c < kNames.size(); ++c) {
      if (kNames[c] == name && columns[c] < 0) columns[c] = static_cast<int>(i);
    }
  }
  if (columns[kType] < 0 || columns[kValue] < 0) return std::nullopt;
  return columns;
}

std::string_view FieldOf(const std::vector<std::string_view>& row, const MispColumns& columns,
                         Column c) {
  const int i = columns[c];
  return i >= 0 && static_cast<size_t>(i) < row.size() ? row[i] : std::string_view();
}

Status ReadRow(const std::vector<std::string_view>& row, const MispColumns& columns, uint64_t line,
               std::vector<std::string_view>& tags, FeedSink& sink) {
  const std::string where = sink.At(line);
  if (static_cast<size_t>(std::max(columns[kType], columns[kValue])) >= row.size()) {
    return sink.Bad("MISP CSV row has only " + std::to_string(row.size()) + " fields", where);
  }
  MispAttribute a;
  a.type = FieldOf(row, columns, kType);
  a.value = FieldOf(row, columns, kValue);
  a.comment = FieldOf(row, columns, kComment);
  a.event_info = FieldOf(row, columns, kInfo);
  const std::string_view to_ids = FieldOf(row, columns, kToIds);
  a.to_ids = !(to_ids == "0" || to_ids == "false" || to_ids == "False");
  tags.clear();
  SplitTags(FieldOf(row, columns, kTags), tags);
  a.tags = tags;
  // The attribute's own first_seen when the export has it, else its date (MISP's timestamp).
  for (Column c : {kFirstSeen, kDate, kLastSeen}) {
    const std::string_view text = FieldOf(row, columns, c);
    if (text.empty() || (c == kDate && a.first_seen)) continue;
    const std::optional<TimeNs> t = ParseFeedTime(text);
    if (!t) {
      SECKIT_RETURN_IF_ERROR(
          sink.Bad("bad " + std::string(kNames[c]) + " time " + Quoted(text), where));
      continue;
    }
    (c == kLastSeen ? a.last_seen : a.first_seen) = t;
  }
  return AddMispAttribute(a, where, sink);
}

}  // namespace

Status LoadMispCsv(std::string_view text, FeedSink& sink) {
  CsvReader reader(text, ',');
  CsvReader::Record record;
  std::optional<MispColumns> columns;
  std::vector<std::string_view> tags;
  while (reader.Next(record)) {
    if (record.kind == CsvReader::Record::Kind::kComment) continue;
    if (record.kind == CsvReader::Record::Kind::kError) {
      SECKIT_RETURN_IF_ERROR(
          sink.Bad(std::string(record.error) + ": " + Quoted(record.text), sink.At(record.line)));
      continue;
    }
    if (!columns) {
      columns = HeaderColumns(record.fields);
      if (columns) continue;
      columns = kDefaultColumns;
    }
    SECKIT_RETURN_IF_ERROR(ReadRow(record.fields, *columns, record.line, tags, sink));
  }
  return Status::Ok();
}

}  // namespace seckit::ioc_enrich::feeds
