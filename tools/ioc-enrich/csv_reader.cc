// CsvReader: one pass over the text, fields as views into it (or into a scratch buffer for
// the few quoted fields that hold doubled quotes).
#include "csv_reader.h"

#include <algorithm>

namespace seckit::ioc_enrich::feeds {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

bool CsvReader::Next(Record& record) {
  while (pos_ < text_.size()) {
    size_t eol = text_.find('\n', pos_);
    if (eol == std::string_view::npos) eol = text_.size();
    ++line_;
    const std::string_view line = Trim(text_.substr(pos_, eol - pos_));
    record.fields.clear();
    record.error = {};
    record.line = line_;
    if (line.empty()) {
      pos_ = eol + 1;
      continue;
    }
    if (line.front() == '#') {
      record.kind = Record::Kind::kComment;
      record.text = Trim(line.substr(1));
      pos_ = eol + 1;
      return true;
    }
    record.kind = Record::Kind::kFields;
    ReadFields(record);
    return true;
  }
  return false;
}

void CsvReader::ReadFields(Record& record) {
  const size_t n = text_.size();
  const size_t start = pos_;
  const uint64_t start_line = line_;
  auto is_blank = [this](char c) { return (c == ' ' || c == '\t') && c != separator_; };
  scratch_.clear();
  pieces_.clear();
  for (;;) {
    while (pos_ < n && is_blank(text_[pos_])) ++pos_;
    if (pos_ < n && text_[pos_] == '"') {
      if (!ReadQuoted()) {
        Fail(record, "a quoted field is not closed", start, start_line);
        return;
      }
      while (pos_ < n && (is_blank(text_[pos_]) || text_[pos_] == '\r')) ++pos_;
      if (pos_ < n && text_[pos_] == separator_) {
        ++pos_;
        continue;
      }
      if (pos_ < n && text_[pos_] != '\n') {
        Fail(record, "text after a closing quote", start, start_line);
        return;
      }
      break;
    }
    const size_t begin = pos_;
    while (pos_ < n && text_[pos_] != separator_ && text_[pos_] != '\n') ++pos_;
    size_t end = pos_;
    while (end > begin && (is_blank(text_[end - 1]) || text_[end - 1] == '\r')) --end;
    pieces_.push_back({begin, end - begin, false});
    if (pos_ < n && text_[pos_] == separator_) {
      ++pos_;
      continue;
    }
    break;
  }
  if (pos_ < n) ++pos_;  // the line break ending the record
  for (const Piece& p : pieces_) {
    record.fields.push_back(p.in_scratch ? std::string_view(scratch_).substr(p.offset, p.size)
                                         : text_.substr(p.offset, p.size));
  }
}

bool CsvReader::ReadQuoted() {
  ++pos_;  // the opening quote
  const size_t begin = pos_;
  const size_t scratch_begin = scratch_.size();
  bool doubled = false;
  size_t segment = begin;
  for (;;) {
    const size_t quote = text_.find('"', pos_);
    if (quote == std::string_view::npos) return false;
    const std::string_view inside = text_.substr(pos_, quote - pos_);
    line_ += static_cast<uint64_t>(std::count(inside.begin(), inside.end(), '\n'));
    if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
      doubled = true;
      scratch_.append(text_.substr(segment, quote + 1 - segment));  // keeps one quote
      pos_ = segment = quote + 2;
      continue;
    }
    if (!doubled) {
      pieces_.push_back({begin, quote - begin, false});
    } else {
      scratch_.append(text_.substr(segment, quote - segment));
      pieces_.push_back({scratch_begin, scratch_.size() - scratch_begin, true});
    }
    pos_ = quote + 1;
    return true;
  }
}

void CsvReader::Fail(Record& record, std::string_view why, size_t start, uint64_t start_line) {
  size_t eol = text_.find('\n', start);
  if (eol == std::string_view::npos) eol = text_.size();
  record.kind = Record::Kind::kError;
  record.error = why;
  record.line = start_line;
  record.text = Trim(text_.substr(start, eol - start));
  record.fields.clear();
  pos_ = eol + 1;
  line_ = start_line;
}

}  // namespace seckit::ioc_enrich::feeds
