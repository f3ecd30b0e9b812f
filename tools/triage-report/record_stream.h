// StreamRecords: every record of the inputs, in order, as a RecordView — read on the calling
// thread, or with a second thread that reads and parses while the caller analyses.
//
// Parsing a line (simdjson) and indexing its fields take about half of triage-report's time, and
// they depend on nothing but the line; the analysis is one ordered pass that must see the records
// in input order (first-seen findings, citations, repeats, approximate counts). So with threads >
// 1 a reader thread parses each line into a document of its own, in batches, and the calling
// thread takes the batches in order and calls `consume` on each record; building the records'
// RecordViews (the field walk) is shared between the two threads to keep both busy:
// the calls are the same, in the same order, as with one thread, and so is the report. Every
// diagnostic (missing input, bad line, progress) comes from the reader thread, in input order.
// The calling thread starts loading a whole batch's documents and indexes before it reads them
// (they were written on the other core) and calls `prepare` on each record ahead of `consume`.
#ifndef SECKIT_TRIAGE_REPORT_RECORD_STREAM_H_
#define SECKIT_TRIAGE_REPORT_RECORD_STREAM_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "record_view.h"
#include "seckit/diag.h"
#include "seckit/progress.h"
#include "seckit/status.h"

namespace seckit::triage_report {

struct StreamTotals {
  uint64_t bad_lines = 0;  // lines that were not a JSON object
  bool missing = false;    // an input could not be opened (reported, the others were read)
};

// What is done with the records. `consume` is called once per record, in input order, with the
// view, the input's name as given and the record's line in it. `prepare`, if set, is called with
// threads > 1 for each record of a batch before the batch's first `consume`: a chance to start
// the cache misses `consume` will take for many records at once instead of one after another.
struct RecordConsumer {
  std::function<void(const RecordView& view)> prepare;
  std::function<void(const RecordView& view, const std::string& input, uint64_t line)> consume;
};

// Reads `inputs` ("-" is standard input) in order. Returns an error when reading failed, --strict
// stopped at a bad line, or the run was interrupted; `totals` holds what was read until then.
Status StreamRecords(const std::vector<std::string>& inputs, size_t threads, Diagnostics& diag,
                     Progress& progress, const RecordConsumer& consume, StreamTotals& totals);

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_RECORD_STREAM_H_
