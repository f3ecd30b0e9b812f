// Reading JSON-lines records on the hot path (simdjson), and looking fields up by ECS dotted path.
//
// Each line must be one JSON object. A line that is not (broken JSON, an array, a bare value) is
// reported through Diagnostics as `TOOL: error: not a JSON object: WHY (FILE:LINE)` and skipped;
// with --strict it ends the run. Blank lines are skipped silently. Lines are validated in full
// (simdjson's DOM parser), so a record passed through unchanged is always valid JSON.
#ifndef SECKIT_RECORDS_H_
#define SECKIT_RECORDS_H_

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/diag.h"
#include "seckit/line_reader.h"
#include "seckit/status.h"

namespace seckit {

// A field name in ECS dotted form ("source.ip"), split once so lookups are cheap.
class FieldPath {
 public:
  explicit FieldPath(std::string_view dotted);
  const std::string& dotted() const { return dotted_; }
  const std::vector<std::string>& parts() const { return parts_; }

 private:
  std::string dotted_;
  std::vector<std::string> parts_;
};

// One parsed line. Views into it stay valid until the reader's next Next().
struct JsonRecord {
  std::string_view raw;  // the line as read, without its newline
  uint64_t line_number = 0;
  uint64_t offset = 0;
  simdjson::dom::element root;  // always an object

  // The value at `path`: nested objects first ({"source":{"ip":…}}), then a literal dotted key at
  // any level ({"source.ip":…}), as ECS allows both. Empty when absent.
  std::optional<simdjson::dom::element> Find(const FieldPath& path) const;
  std::optional<std::string_view> GetString(const FieldPath& path) const;
  std::optional<double> GetNumber(const FieldPath& path) const;
  std::optional<int64_t> GetInt(const FieldPath& path) const;
  // Any scalar as text (strings as they are, numbers and booleans in JSON form). False when the
  // field is absent, null, an object or an array.
  bool GetText(const FieldPath& path, std::string& out) const;
};

// Appends the values at `path` as text: a scalar gives one, an array of scalars gives each element
// (ECS fields such as dns.answers.data and related.ip are arrays); an array of objects is
// searched with the rest of the path ({"dns":{"answers":[{"data":"1.2.3.4"}]}}).
void CollectTexts(simdjson::dom::element root, const FieldPath& path,
                  std::vector<std::string>& out);

// The members of a JSON object's text, between its braces and without surrounding whitespace
// ("{ \"a\":1 }" -> "\"a\":1"), for passing a record through with members added
// (JsonWriter::RawMembers). Empty for an empty object. `object` must be one valid JSON object, as
// JsonRecord::raw is.
std::string_view ObjectMembers(std::string_view object);

// Reads one JSON object per line. A line longer than kMaxRecordLine (64 MiB) is a bad line, as
// broken JSON is: it is reported and skipped without being kept whole, so memory stays bounded
// (the parser needs several times a record's size).
class JsonLinesReader {
 public:
  static constexpr size_t kMaxRecordLine = size_t{64} << 20;

  JsonLinesReader(InputSource& source, Diagnostics& diag);

  // Sets `record` to the next valid record and returns true; false at the end of the input, on
  // a read error, or when --strict stopped at a bad line (status() says which).
  bool Next(JsonRecord& record);
  // As Next, but the record's values are parsed into `document` (the caller's), so they outlive
  // the next line: for handing parsed records to another thread. `record.raw` still points into
  // the reader's buffer, valid until the next call.
  bool NextInto(simdjson::dom::document& document, JsonRecord& record);
  const Status& status() const { return status_; }
  uint64_t bad_lines() const { return bad_lines_; }
  const std::string& name() const { return lines_.source().name(); }

 private:
  bool Read(JsonRecord& record, simdjson::dom::document* document);

  LineReader lines_;
  Diagnostics& diag_;
  simdjson::dom::parser parser_;
  Status status_;
  uint64_t bad_lines_ = 0;
};

}  // namespace seckit

#endif  // SECKIT_RECORDS_H_
