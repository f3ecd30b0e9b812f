// Reads records on a thread of its own, ahead of the enrichment: each line is parsed, checked and
// searched for indicators there, and handed over in chunks (the records' text, whether each
// already has threat or ioc members, and its indicators), so that parsing on one core overlaps
// resolving and writing on the other. Records come out in input order; bad lines are reported by
// the reader thread exactly as JsonLinesReader reports them, and the only thing it touches
// besides its own state is the Diagnostics, which nothing else uses while it runs.
//
// Memory is bounded: at most kChunks chunks exist, each of at most kChunkRecords records or about
// kChunkBytes of text (one longer record may exceed it).
#ifndef SECKIT_IOC_ENRICH_RECORD_READ_AHEAD_H_
#define SECKIT_IOC_ENRICH_RECORD_READ_AHEAD_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "indicator_fields.h"
#include "seckit/diag.h"
#include "seckit/hand_off.h"
#include "seckit/input.h"
#include "seckit/status.h"

namespace seckit::ioc_enrich {

// A stretch of RecordChunk::texts.
struct TextSpan {
  size_t begin = 0, end = 0;
};

// A value of an indicator field, not classified yet (IndicatorFields::AddIndicator does that on
// the consumer's side, which has less to do).
struct FieldValue {
  size_t field = 0;  // index into IndicatorFields::paths()
  TextSpan text;
};

struct ReadRecord {
  TextSpan text;
  bool merge = false;           // has a threat or ioc member (RecordBatch rewrites it)
  size_t first = 0, count = 0;  // in RecordChunk::values
};

struct RecordChunk {
  static constexpr size_t kKeptCapacity = size_t{16} << 20;

  std::string texts;  // the records' lines and their field values, one after another
  std::vector<ReadRecord> records;
  std::vector<FieldValue> values;

  std::string_view Text(TextSpan span) const {
    return std::string_view(texts).substr(span.begin, span.end - span.begin);
  }
  TextSpan Append(std::string_view text) {
    const size_t begin = texts.size();
    texts.append(text);
    return {begin, texts.size()};
  }
  void Clear() {
    // A record of up to 64 MiB may have grown the buffer: not kept, so that the chunks stay small.
    if (texts.capacity() > kKeptCapacity) std::string().swap(texts);
    texts.clear();
    records.clear();
    values.clear();
  }
};

class RecordReadAhead {
 public:
  static constexpr size_t kChunks = 4;
  static constexpr size_t kChunkRecords = 4096;
  static constexpr size_t kChunkBytes = 4 << 20;

  // Starts reading `source` (which must outlive this) with indicators from `fields` (dotted
  // paths, the same list and order as the consumer's IndicatorFields).
  RecordReadAhead(InputSource& source, Diagnostics& diag, const std::vector<std::string>& fields);
  // Stops the reader thread (if still running) and waits for it.
  ~RecordReadAhead();
  RecordReadAhead(const RecordReadAhead&) = delete;
  RecordReadAhead& operator=(const RecordReadAhead&) = delete;

  // The next chunk in input order, or null at the end of the input (then status() says why).
  // The previous chunk returned is given back to the reader, so it must no longer be used.
  RecordChunk* Next();
  // As JsonLinesReader::status(), once Next() returned null; or Status::Interrupted().
  const Status& status() const { return status_; }

 private:
  void Read(InputSource& source, Diagnostics& diag, const std::vector<std::string>& fields);

  HandOff<RecordChunk> chunks_{kChunks};
  std::unique_ptr<RecordChunk> current_;  // the consumer's
  Status status_;                         // the reader's, once Next() returned null
  std::thread thread_;                    // last: starts once the members above exist
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_RECORD_READ_AHEAD_H_
