// CSV feeds with a column mapping: the columns come from the header row's names or from an
// explicit mapping (rules in local_feeds.h); each row is one entry.
#include <algorithm>
#include <array>
#include <cstring>

#include "csv_header.h"
#include "csv_reader.h"
#include "feed_reader.h"

namespace seckit::ioc_enrich::feeds {
namespace {

using Columns = std::array<int, kCsvFieldCount>;  // 0-based, -1 unmapped

// The indicator types a type column's value allows; nullopt for a type that names no indicator
// this tool matches (a file name, a mutex, a YARA rule …): such rows are skipped.
std::optional<TypeMask> TypesOf(std::string_view type_name) {
  struct Kind {
    std::string_view name;
    TypeMask types;
  };
  constexpr TypeMask kHost =
      Bit(IndicatorType::kDomain) | Bit(IndicatorType::kIpv4) | Bit(IndicatorType::kIpv6);
  static constexpr Kind kKinds[] = {
      {"ip", kAddressTypes},
      {"ipv4", kAddressTypes},
      {"ipv6", kAddressTypes},
      {"ip_src", kAddressTypes},
      {"ip_dst", kAddressTypes},
      {"ip_address", kAddressTypes},
      {"ipv4_addr", kAddressTypes},
      {"ipv6_addr", kAddressTypes},
      {"ip:port", kAddressTypes},
      {"ipv4:port", kAddressTypes},
      {"address", kAddressTypes},
      {"cidr", kAddressTypes},
      {"network", kAddressTypes},
      {"netblock", kAddressTypes},
      {"domain", Bit(IndicatorType::kDomain)},
      {"domain_name", Bit(IndicatorType::kDomain)},
      {"fqdn", Bit(IndicatorType::kDomain)},
      {"hostname", kHost},
      {"host", kHost},
      {"url", kHost | Bit(IndicatorType::kUrl)},
      {"uri", kHost | Bit(IndicatorType::kUrl)},
      {"md5", Bit(IndicatorType::kMd5)},
      {"md5_hash", Bit(IndicatorType::kMd5)},
      {"filehash_md5", Bit(IndicatorType::kMd5)},
      {"sha1", Bit(IndicatorType::kSha1)},
      {"sha1_hash", Bit(IndicatorType::kSha1)},
      {"filehash_sha1", Bit(IndicatorType::kSha1)},
      {"sha256", Bit(IndicatorType::kSha256)},
      {"sha256_hash", Bit(IndicatorType::kSha256)},
      {"filehash_sha256", Bit(IndicatorType::kSha256)},
      {"hash", kHashTypes},
      {"filehash", kHashTypes},
      {"file_hash", kHashTypes},
      {"email", Bit(IndicatorType::kEmail)},
      {"email_addr", Bit(IndicatorType::kEmail)},
      {"email_address", Bit(IndicatorType::kEmail)},
      {"email_src", Bit(IndicatorType::kEmail)},
      {"email_dst", Bit(IndicatorType::kEmail)},
  };
  const std::string name = NormalName(type_name);
  for (const Kind& kind : kKinds) {
    if (kind.name == name) return kind.types;
  }
  return std::nullopt;
}

// The first line that is neither blank nor a comment.
std::string_view FirstDataLine(std::string_view text) {
  while (!text.empty()) {
    const size_t eol = std::min(text.find('\n'), text.size());
    const std::string_view line = TrimBlanks(text.substr(0, eol));
    if (!line.empty() && line.front() != '#') return line;
    text.remove_prefix(std::min(eol + 1, text.size()));
  }
  return {};
}

// Where each field is read from, decided at the first row.
class ColumnPlan {
 public:
  ColumnPlan(const CsvOptions& options, FeedSink& sink) : options_(options), sink_(sink) {
    columns_.fill(-1);
  }

  // Decides the columns from the first row and the comment line right before it (empty when
  // there is none). Sets *is_header when the row is the header, not data.
  Status Decide(const std::vector<std::string_view>& row,
                const std::vector<std::string>& comment_header, bool* is_header);
  const Columns& columns() const { return columns_; }

 private:
  Status DecideExplicit(const std::vector<std::string_view>& row,
                        const std::vector<std::string>& comment_header, bool* is_header);
  // Columns by the names in `header`; false when some named column is missing.
  bool ResolveNames(const std::vector<std::string>& header);

  const CsvOptions& options_;
  FeedSink& sink_;
  Columns columns_;
};

Status ColumnPlan::Decide(const std::vector<std::string_view>& row,
                          const std::vector<std::string>& comment_header, bool* is_header) {
  *is_header = false;
  if (options_.explicit_mapping) return DecideExplicit(row, comment_header, is_header);
  const auto value = static_cast<size_t>(CsvField::kValue);
  const bool row_is_header = std::none_of(
      row.begin(), row.end(), [](std::string_view f) { return Classify(f).has_value(); });
  if (options_.header != CsvOptions::Header::kNo && row_is_header) {
    columns_ = MapHeader({row.begin(), row.end()});
    *is_header = true;
    if (columns_[value] >= 0) return Status::Ok();
  }
  if (options_.header != CsvOptions::Header::kYes && !comment_header.empty()) {
    columns_ = MapHeader(comment_header);
    *is_header = false;
    if (columns_[value] >= 0) return Status::Ok();
  }
  return Status::Usage(sink_.file() +
                       ": no CSV header names the indicator column (value, indicator, ioc, url, "
                       "domain, ip, hash …); map it: --feed csv:value=N:" +
                       sink_.file());
}

bool ColumnPlan::ResolveNames(const std::vector<std::string>& header) {
  for (size_t f = 0; f < kCsvFieldCount; ++f) {
    const CsvColumn& column = options_.columns[f];
    if (column.name.empty()) continue;
    columns_[f] = -1;
    for (size_t i = 0; i < header.size(); ++i) {
      if (NormalName(header[i]) == column.name) {
        columns_[f] = static_cast<int>(i);
        break;
      }
    }
    if (columns_[f] < 0) return false;
  }
  return true;
}

Status ColumnPlan::DecideExplicit(const std::vector<std::string_view>& row,
                                  const std::vector<std::string>& comment_header, bool* is_header) {
  bool by_name = false;
  for (size_t f = 0; f < kCsvFieldCount; ++f) {
    const CsvColumn& column = options_.columns[f];
    columns_[f] = column.number > 0 ? column.number - 1 : -1;
    by_name |= !column.name.empty();
  }
  if (by_name) {
    if (options_.header != CsvOptions::Header::kNo && ResolveNames({row.begin(), row.end()})) {
      *is_header = true;
      return Status::Ok();
    }
    if (!comment_header.empty() && ResolveNames(comment_header)) return Status::Ok();
    return Status::Usage(sink_.file() + ": a column the CSV mapping names is not in the header");
  }
  switch (options_.header) {
    case CsvOptions::Header::kYes:
      *is_header = true;
      break;
    case CsvOptions::Header::kNo:
      break;
    case CsvOptions::Header::kAuto: {
      const auto value = static_cast<size_t>(columns_[static_cast<size_t>(CsvField::kValue)]);
      *is_header = value >= row.size() || !Classify(row[value]).has_value();
      break;
    }
  }
  return Status::Ok();
}

// One data row to an entry.
class RowReader {
 public:
  RowReader(const Columns& columns, FeedSink& sink) : columns_(columns), sink_(sink) {}
  Status Read(const std::vector<std::string_view>& row, uint64_t line);

 private:
  std::string_view Field(const std::vector<std::string_view>& row, CsvField field) const {
    const int column = columns_[static_cast<size_t>(field)];
    return column >= 0 && static_cast<size_t>(column) < row.size() ? row[column] : "";
  }
  Status ReadTime(std::string_view text, CsvField field, std::optional<TimeNs>& out,
                  const std::string& where);

  const Columns& columns_;
  FeedSink& sink_;
  std::vector<std::string_view> tags_;
};

Status RowReader::ReadTime(std::string_view text, CsvField field, std::optional<TimeNs>& out,
                           const std::string& where) {
  if (text.empty()) return Status::Ok();
  out = ParseFeedTime(text);
  if (out) return Status::Ok();
  return sink_.Bad("bad " + std::string(CsvFieldName(field)) + " time " + Quoted(text), where);
}

Status RowReader::Read(const std::vector<std::string_view>& row, uint64_t line) {
  const std::string where = sink_.At(line);
  const auto value_column = static_cast<size_t>(columns_[static_cast<size_t>(CsvField::kValue)]);
  if (value_column >= row.size()) {
    return sink_.Bad("row has " + std::to_string(row.size()) + " fields, no column " +
                         std::to_string(value_column + 1) + " for the indicator",
                     where);
  }
  TypeMask allowed = kAnyType;
  if (const std::string_view type = Field(row, CsvField::kType); !type.empty()) {
    const std::optional<TypeMask> types = TypesOf(type);
    if (!types) {
      sink_.Skip("type " + Quoted(type) + " names no indicator ioc-enrich matches", where);
      return Status::Ok();
    }
    allowed = *types;
  }
  EntryMeta meta;
  meta.description = Field(row, CsvField::kDescription);
  meta.reference = Field(row, CsvField::kReference);
  tags_.clear();
  SplitTags(Field(row, CsvField::kTags), tags_);
  meta.tags = tags_;
  SECKIT_RETURN_IF_ERROR(
      ReadTime(Field(row, CsvField::kFirstSeen), CsvField::kFirstSeen, meta.first_seen, where));
  SECKIT_RETURN_IF_ERROR(
      ReadTime(Field(row, CsvField::kLastSeen), CsvField::kLastSeen, meta.last_seen, where));
  if (const std::string_view score = Field(row, CsvField::kScore); !score.empty()) {
    meta.score = ParseScore(score);
    if (!meta.score) {
      SECKIT_RETURN_IF_ERROR(sink_.Bad("score is not a number 0-100: " + Quoted(score), where));
    }
  }
  return sink_.AddRaw(row[value_column], meta, allowed, where);
}

}  // namespace

Status LoadCsv(std::string_view text, const CsvOptions& options, FeedSink& sink) {
  const char separator =
      options.separator != 0 ? options.separator : DetectSeparator(FirstDataLine(text));
  CsvReader reader(text, separator);
  CsvReader::Record record;
  ColumnPlan plan(options, sink);
  bool decided = false;
  std::string_view comment;  // the last comment line, and the line it was on
  uint64_t comment_line = 0;
  std::optional<RowReader> rows;
  while (reader.Next(record)) {
    switch (record.kind) {
      case CsvReader::Record::Kind::kComment:
        comment = record.text;
        comment_line = record.line;
        continue;
      case CsvReader::Record::Kind::kError:
        SECKIT_RETURN_IF_ERROR(
            sink.Bad(std::string(record.error) + ": " + Quoted(record.text), sink.At(record.line)));
        continue;
      case CsvReader::Record::Kind::kFields:
        break;
    }
    if (!decided) {
      decided = true;
      std::vector<std::string> comment_header;
      if (!comment.empty() && comment_line + 1 == record.line) {
        comment_header = SplitCsvLine(comment, separator);
      }
      bool is_header = false;
      SECKIT_RETURN_IF_ERROR(plan.Decide(record.fields, comment_header, &is_header));
      rows.emplace(plan.columns(), sink);
      if (is_header) continue;
    }
    SECKIT_RETURN_IF_ERROR(rows->Read(record.fields, record.line));
  }
  return Status::Ok();
}

}  // namespace seckit::ioc_enrich::feeds
