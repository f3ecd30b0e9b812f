// RecordReadAhead: the reader thread and the hand-over of chunks between it and the consumer.
#include "record_read_ahead.h"

#include <exception>

#include "seckit/interrupt.h"
#include "seckit/records.h"

namespace seckit::ioc_enrich {

RecordReadAhead::RecordReadAhead(InputSource& source, Diagnostics& diag,
                                 const std::vector<std::string>& fields) {
  thread_ = std::thread([this, &source, &diag, fields] { Read(source, diag, fields); });
}

RecordReadAhead::~RecordReadAhead() {
  chunks_.Stop();
  thread_.join();
}

RecordChunk* RecordReadAhead::Next() {
  if (current_) {
    current_->Clear();
    chunks_.GiveBack(std::move(current_));
  }
  current_ = chunks_.TakeFull();
  if (!current_) status_ = chunks_.status();
  return current_.get();
}

void RecordReadAhead::Read(InputSource& source, Diagnostics& diag,
                           const std::vector<std::string>& fields) {
  Status status;
  try {
    IndicatorFields finder(fields);
    JsonLinesReader reader(source, diag);
    JsonRecord record;
    std::unique_ptr<RecordChunk> chunk = chunks_.TakeFree();
    while (chunk) {
      bool more = true;
      while (chunk->records.size() < kChunkRecords && chunk->texts.size() < kChunkBytes) {
        if (Interrupted()) {
          status = Status::Interrupted();
          more = false;
          break;
        }
        if (!reader.Next(record)) {
          status = reader.status();
          more = false;
          break;
        }
        ReadRecord r;
        r.text = chunk->Append(record.raw);
        simdjson::dom::object object = record.root.get_object().value_unsafe();
        r.merge = object["threat"].error() != simdjson::NO_SUCH_FIELD ||
                  object["ioc"].error() != simdjson::NO_SUCH_FIELD;
        r.first = chunk->values.size();
        finder.ForEachValue(record, [&chunk](size_t field, std::string_view text) {
          chunk->values.push_back({field, chunk->Append(text)});
        });
        r.count = chunk->values.size() - r.first;
        chunk->records.push_back(r);
      }
      if (!chunk->records.empty()) chunks_.Publish(std::move(chunk));
      if (!more) break;
      chunk = chunks_.TakeFree();
    }
  } catch (const std::exception& e) {
    // No exception may end the thread (that would end the program): it ends the input instead.
    status = Status::Internal(std::string("reading records: ") + e.what());
  }
  chunks_.Finish(std::move(status));
}

}  // namespace seckit::ioc_enrich
