// CsvReader: CSV text split into records (RFC 4180 quoting with doubled quotes, quoted line
// breaks, any one-byte separator), each with the line it starts on; '#' comment lines come back
// as comments so a reader can find a commented-out header ("# id,dateadded,url,…").
#ifndef SECKIT_IOC_ENRICH_CSV_READER_H_
#define SECKIT_IOC_ENRICH_CSV_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace seckit::ioc_enrich::feeds {

class CsvReader {
 public:
  struct Record {
    enum class Kind { kFields, kComment, kError };
    Kind kind = Kind::kFields;
    // kFields: the fields, unquoted, blanks around unquoted ones trimmed. Valid until Next().
    std::vector<std::string_view> fields;
    // kComment: the line after its '#', trimmed. kError: the record's first line.
    std::string_view text;
    std::string_view error;  // kError: what is wrong
    uint64_t line = 0;       // 1-based line the record starts on
  };

  CsvReader(std::string_view text, char separator) : text_(text), separator_(separator) {}
  void set_separator(char separator) { separator_ = separator; }

  // The next record, skipping blank lines; false at the end of the text. A record with a quote
  // left open, or text after a closing quote, is a kError and reading resumes on the next line.
  bool Next(Record& record);

 private:
  struct Piece {  // a field before its views are made: in the text or in scratch_
    size_t offset, size;
    bool in_scratch;
  };
  void ReadFields(Record& record);
  bool ReadQuoted();  // false when the quote is never closed
  void Fail(Record& record, std::string_view why, size_t start, uint64_t start_line);

  std::string_view text_;
  char separator_;
  size_t pos_ = 0;
  uint64_t line_ = 0;  // lines started so far
  std::string scratch_;
  std::vector<Piece> pieces_;
};

}  // namespace seckit::ioc_enrich::feeds

#endif  // SECKIT_IOC_ENRICH_CSV_READER_H_
