// For triage-report's unit tests: the records of a JSON-lines text, each seen as a RecordView, the
// way the tool reads them on one thread (one JsonLinesReader, one FieldIndex reused).
#ifndef SECKIT_TESTS_TRIAGE_REPORT_VIEW_TEST_UTIL_H_
#define SECKIT_TESTS_TRIAGE_REPORT_VIEW_TEST_UTIL_H_

#include <functional>
#include <string>

#include "field_index.h"
#include "record_view.h"
#include "seckit/diag.h"
#include "seckit/input.h"
#include "seckit/records.h"
#include "test_support.h"

namespace seckit::triage_report {

// Calls `visit` on each record of `jsonl` in order; returns how many there were.
inline int ForEachRecordView(
    const std::string& jsonl,
    const std::function<void(const RecordView&, const JsonRecord&)>& visit) {
  testing::TempDir dir;
  testing::WriteFile(dir / "in.jsonl", jsonl);
  auto in = OpenInput((dir / "in.jsonl").string());
  Diagnostics diag("test");
  JsonLinesReader reader(**in, diag);
  JsonRecord record;
  FieldIndex index;
  int records = 0;
  while (reader.Next(record)) {
    ++records;
    const RecordView view(record, index);
    visit(view, record);
  }
  return records;
}

}  // namespace seckit::triage_report

#endif  // SECKIT_TESTS_TRIAGE_REPORT_VIEW_TEST_UTIL_H_
