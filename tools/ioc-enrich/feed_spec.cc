// --feed arguments taken apart: the format prefix and a CSV column mapping.
#include "feed_spec.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>

#include "csv_header.h"

namespace seckit::ioc_enrich::feeds {
namespace {

constexpr std::array<std::string_view, 6> kFormatNames = {"",         "plain",     "csv",
                                                          "misp-csv", "misp-json", "stix"};
constexpr std::array<std::string_view, kCsvFieldCount> kFieldNames = {
    "value", "type", "first_seen", "last_seen", "tags", "score", "description", "reference"};

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

std::optional<CsvField> FieldByName(std::string_view name) {
  for (size_t i = 0; i < kFieldNames.size(); ++i) {
    if (kFieldNames[i] == name) return static_cast<CsvField>(i);
  }
  return std::nullopt;
}

Status ParseSeparator(std::string_view value, char& separator) {
  struct Name {
    std::string_view word, symbol;
    char separator;
  };
  static constexpr Name kNames[] = {
      {"comma", ",", ','}, {"semicolon", ";", ';'}, {"tab", "tab", '\t'}, {"pipe", "|", '|'}};
  for (const Name& name : kNames) {
    if (value == name.word || value == name.symbol) {
      separator = name.separator;
      return Status::Ok();
    }
  }
  return Status::Usage("unknown CSV separator '" + std::string(value) +
                       "' (comma, semicolon, tab, pipe)");
}

Status ParseMappingItem(std::string_view item, CsvOptions& options) {
  const size_t eq = item.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == item.size()) {
    return Status::Usage("CSV mapping item '" + std::string(item) + "' is not FIELD=COLUMN");
  }
  const std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
  if (key == "sep") return ParseSeparator(value, options.separator);
  if (key == "header") {
    static constexpr std::pair<std::string_view, CsvOptions::Header> kHeaders[] = {
        {"yes", CsvOptions::Header::kYes},
        {"no", CsvOptions::Header::kNo},
        {"auto", CsvOptions::Header::kAuto}};
    for (const auto& [word, header] : kHeaders) {
      if (value == word) {
        options.header = header;
        return Status::Ok();
      }
    }
    return Status::Usage("CSV mapping: header is yes, no or auto, not '" + std::string(value) +
                         "'");
  }
  const std::optional<CsvField> field = FieldByName(key);
  if (!field) {
    return Status::Usage("unknown CSV field '" + std::string(key) +
                         "' (value, type, first_seen, last_seen, tags, score, description, "
                         "reference, sep, header)");
  }
  CsvColumn& column = options.column(*field);
  int number = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec == std::errc() && end == value.data() + value.size()) {
    if (number < 1 || number > 100000) {
      return Status::Usage("CSV column numbers start at 1: '" + std::string(item) + "'");
    }
    column = {number, ""};
  } else {
    column = {0, NormalName(value)};
  }
  return Status::Ok();
}

// True when `text` (what follows "csv:" up to the next ':') is meant as a mapping: its first
// item is WORD=… (an unknown WORD is then a usage error, not part of a file name).
bool LooksLikeMapping(std::string_view text) {
  const std::string_view first = text.substr(0, text.find(','));
  const size_t eq = first.find('=');
  if (eq == std::string_view::npos || eq == 0) return false;
  const std::string_view key = first.substr(0, eq);
  return std::all_of(key.begin(), key.end(), IsWordChar);
}

Status ParseMapping(std::string_view text, CsvOptions& options) {
  options.explicit_mapping = true;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    SECKIT_RETURN_IF_ERROR(ParseMappingItem(text.substr(0, comma), options));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  if (!options.column(CsvField::kValue).mapped()) {
    return Status::Usage("a CSV mapping needs value=COLUMN");
  }
  return Status::Ok();
}
}  // namespace

std::string_view FeedFormatName(FeedFormat format) {
  return kFormatNames[static_cast<size_t>(format)];
}

std::string_view CsvFieldName(CsvField field) { return kFieldNames[static_cast<size_t>(field)]; }

Result<FeedSpec> ParseFeedSpec(std::string_view text) {
  FeedSpec spec;
  const size_t colon = text.find(':');
  std::error_code ec;
  if (colon == std::string_view::npos || std::filesystem::exists(std::string(text), ec)) {
    spec.path = text;
    return spec;
  }
  const std::string_view prefix = text.substr(0, colon);
  std::string_view rest = text.substr(colon + 1);
  for (size_t i = 1; i < kFormatNames.size(); ++i) {
    if (kFormatNames[i] == prefix) spec.format = static_cast<FeedFormat>(i);
  }
  if (spec.format == FeedFormat::kDetect) {
    if (!prefix.empty() && std::all_of(prefix.begin(), prefix.end(), IsWordChar)) {
      return Status::Usage("unknown feed format '" + std::string(prefix) + "' in --feed " +
                           std::string(text) + " (plain, csv, misp-csv, misp-json, stix)");
    }
    spec.path = text;
    return spec;
  }
  if (spec.format == FeedFormat::kCsv) {
    const size_t end = rest.find(':');
    if (end != std::string_view::npos && LooksLikeMapping(rest.substr(0, end))) {
      SECKIT_RETURN_IF_ERROR(ParseMapping(rest.substr(0, end), spec.csv));
      rest = rest.substr(end + 1);
    }
  }
  if (rest.empty()) return Status::Usage("--feed " + std::string(text) + " names no file");
  spec.path = rest;
  return spec;
}

}  // namespace seckit::ioc_enrich::feeds
