// CSV header rows: names compared loosely, the field each column serves by its name, and the
// separator a line uses.
#include "csv_header.h"

#include <array>
#include <span>

#include "csv_reader.h"

namespace seckit::ioc_enrich::feeds {
namespace {

using Names = std::span<const std::string_view>;

// Header names for each field, best first (local_feeds.h lists them for users).
constexpr std::string_view kValueNames[] = {"value",     "indicator",  "ioc",
                                            "ioc_value", "observable", "observable_value"};
constexpr std::string_view kTypedValueNames[] = {
    "url",         "domain", "domain_name", "hostname", "host",     "fqdn", "ip",      "ip_address",
    "ipaddress",   "ipv4",   "ipv6",        "address",  "dst_ip",   "cidr", "network", "sha256",
    "sha256_hash", "sha1",   "sha1_hash",   "md5",      "md5_hash", "hash", "email"};
constexpr std::string_view kTypeNames[] = {"type", "ioc_type", "indicator_type", "observable_type"};
constexpr std::string_view kFirstSeenNames[] = {"first_seen",    "first_seen_utc", "firstseen",
                                                "first_seen_at", "date_added",     "dateadded",
                                                "created",       "created_at",     "date"};
constexpr std::string_view kLastSeenNames[] = {
    "last_seen", "last_seen_utc", "lastseen", "last_seen_at", "last_online", "updated", "modified"};
constexpr std::string_view kTagNames[] = {
    "tags",    "tag",    "labels",         "label",   "threat_type", "threat", "malware_printable",
    "malware", "family", "malware_family", "category"};
constexpr std::string_view kScoreNames[] = {"score", "confidence", "confidence_level", "risk_score",
                                            "risk"};
constexpr std::string_view kDescriptionNames[] = {"description", "comment", "comments",
                                                  "note",        "notes",   "info"};
constexpr std::string_view kReferenceNames[] = {"reference", "references",    "ref",
                                                "link",      "reference_url", "url"};

}  // namespace

std::vector<std::string> SplitCsvLine(std::string_view line, char separator) {
  CsvReader reader(line, separator);
  CsvReader::Record record;
  if (!reader.Next(record) || record.kind != CsvReader::Record::Kind::kFields) return {};
  return {record.fields.begin(), record.fields.end()};
}

std::string NormalName(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ' || c == '-' || c == '\t') c = '_';
    out.push_back(c);
  }
  const size_t begin = out.find_first_not_of('_');
  if (begin == std::string::npos) return "";
  return out.substr(begin, out.find_last_not_of('_') + 1 - begin);
}

char DetectSeparator(std::string_view line) {
  constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
  std::array<size_t, 4> counts{};
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    for (size_t i = 0; i < kCandidates.size(); ++i) counts[i] += c == kCandidates[i];
  }
  size_t best = 0;
  for (size_t i = 1; i < counts.size(); ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return kCandidates[best];
}

std::array<int, kCsvFieldCount> MapHeader(const std::vector<std::string>& header) {
  std::vector<std::string> names;
  names.reserve(header.size());
  for (const std::string& h : header) names.push_back(NormalName(h));
  std::vector<bool> used(names.size(), false);
  std::array<int, kCsvFieldCount> columns;
  columns.fill(-1);
  auto pick = [&](CsvField field, Names wanted) {
    int& column = columns[static_cast<size_t>(field)];
    if (column >= 0) return;
    for (std::string_view want : wanted) {
      for (size_t i = 0; i < names.size(); ++i) {
        if (!used[i] && names[i] == want) {
          column = static_cast<int>(i);
          used[i] = true;
          return;
        }
      }
    }
  };
  pick(CsvField::kValue, kValueNames);
  pick(CsvField::kValue, kTypedValueNames);
  pick(CsvField::kType, kTypeNames);
  pick(CsvField::kFirstSeen, kFirstSeenNames);
  pick(CsvField::kLastSeen, kLastSeenNames);
  pick(CsvField::kTags, kTagNames);
  pick(CsvField::kScore, kScoreNames);
  pick(CsvField::kDescription, kDescriptionNames);
  pick(CsvField::kReference, kReferenceNames);
  if (columns[static_cast<size_t>(CsvField::kReference)] < 0) {
    for (size_t i = 0; i < names.size(); ++i) {  // "urlhaus_link", "otx_link" …
      if (!used[i] && names[i].size() > 5 && names[i].ends_with("_link")) {
        columns[static_cast<size_t>(CsvField::kReference)] = static_cast<int>(i);
        break;
      }
    }
  }
  return columns;
}

}  // namespace seckit::ioc_enrich::feeds
