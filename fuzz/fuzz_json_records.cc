// Fuzzes JSON-lines reading (JsonLinesReader over LineReader) and ECS dotted-path lookup: the
// input is a file of records, delivered in reads of varying size as a pipe would.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "seckit/diag.h"
#include "seckit/input.h"
#include "seckit/records.h"

namespace seckit {
namespace {

// The fuzz input as an InputSource. Read sizes cycle through short and long ones, so lines are
// split across reads and LineReader's refill path runs too.
class MemoryInput : public InputSource {
 public:
  explicit MemoryInput(std::string_view bytes) : bytes_(bytes) { name_ = "fuzz.jsonl"; }

  Result<size_t> Read(char* buffer, size_t n) override {
    static constexpr size_t kReadSizes[] = {4096, 1, 7, 64};
    n = std::min({n, bytes_.size() - pos_, kReadSizes[reads_++ % std::size(kReadSizes)]});
    std::memcpy(buffer, bytes_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  uint64_t raw_offset() const override { return pos_; }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  size_t reads_ = 0;
};

const std::vector<FieldPath>& Paths() {
  static const std::vector<FieldPath> paths = {
      FieldPath("source.ip"),
      FieldPath("dns.answers.data"),
      FieldPath("event.severity"),
      FieldPath("a"),
      FieldPath("a.b.c"),
      FieldPath(""),
      FieldPath("."),
      FieldPath("related.ip"),
      FieldPath("a..b"),
  };
  return paths;
}

void CheckLookups(const JsonRecord& record, const FieldPath& path) {
  std::string text;
  const bool has_text = record.GetText(path, text);
  if (const std::optional<std::string_view> s = record.GetString(path)) {
    SECKIT_FUZZ_CHECK(has_text && text == *s);
  }
  if (const std::optional<int64_t> i = record.GetInt(path)) {
    const std::optional<double> d = record.GetNumber(path);
    SECKIT_FUZZ_CHECK(d.has_value() && *d == static_cast<double>(*i));
  }
  std::vector<std::string> texts;
  CollectTexts(record.root, path, texts);
}

void CheckRecord(const JsonRecord& record, std::string_view input) {
  // The record is the input's bytes at its offset, up to the line ending.
  SECKIT_FUZZ_CHECK(record.offset <= input.size() &&
                    record.raw.size() <= input.size() - record.offset);
  SECKIT_FUZZ_CHECK(input.substr(record.offset, record.raw.size()) == record.raw);
  SECKIT_FUZZ_CHECK(record.raw.find('\n') == std::string_view::npos);
  SECKIT_FUZZ_CHECK(record.root.is_object());
  for (const FieldPath& path : Paths()) CheckLookups(record, path);

  // Every top-level key, dots and all, finds something (nested keys first, then the literal).
  simdjson::dom::object object = record.root.get_object().value_unsafe();
  int keys = 0;
  for (simdjson::dom::key_value_pair field : object) {
    if (++keys > 8) break;
    const FieldPath path(field.key);
    SECKIT_FUZZ_CHECK(record.Find(path).has_value());
    CheckLookups(record, path);
  }
}

}  // namespace
}  // namespace seckit

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit;
  static FILE* const messages = std::fopen("/dev/null", "w");  // bad lines are expected
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  MemoryInput source(input);
  Diagnostics diag("fuzz_json_records", messages != nullptr ? messages : stderr);
  JsonLinesReader reader(source, diag);
  JsonRecord record;
  uint64_t last_line = 0;
  while (reader.Next(record)) {
    SECKIT_FUZZ_CHECK(record.line_number > last_line);
    last_line = record.line_number;
    CheckRecord(record, input);
  }
  SECKIT_FUZZ_CHECK(reader.status().ok());  // memory never fails to read; not --strict
  SECKIT_FUZZ_CHECK(reader.bad_lines() == diag.bad_input_count());
  return 0;
}
