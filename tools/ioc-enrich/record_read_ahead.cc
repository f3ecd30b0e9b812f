// RecordReadAhead: the reader thread and the hand-over of chunks between it and the consumer.
#include "record_read_ahead.h"

#include <exception>

#include "seckit/interrupt.h"
#include "seckit/records.h"

namespace seckit::ioc_enrich {

RecordReadAhead::RecordReadAhead(InputSource& source, Diagnostics& diag,
                                 const std::vector<std::string>& fields) {
  for (size_t i = 0; i < kChunks; ++i) free_.push_back(std::make_unique<RecordChunk>());
  thread_ = std::thread([this, &source, &diag, fields] { Read(source, diag, fields); });
}

RecordReadAhead::~RecordReadAhead() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

RecordChunk* RecordReadAhead::Next() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (current_) {
    current_->Clear();
    free_.push_back(std::move(current_));
    changed_.notify_all();
  }
  changed_.wait(lock, [this] { return !full_.empty() || done_; });
  if (full_.empty()) return nullptr;
  current_ = std::move(full_.front());
  full_.pop_front();
  return current_.get();
}

// Null when the consumer is gone.
std::unique_ptr<RecordChunk> RecordReadAhead::TakeFree() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return !free_.empty() || stop_; });
  if (stop_) return nullptr;
  std::unique_ptr<RecordChunk> chunk = std::move(free_.back());
  free_.pop_back();
  return chunk;
}

void RecordReadAhead::Publish(std::unique_ptr<RecordChunk> chunk) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    full_.push_back(std::move(chunk));
  }
  changed_.notify_all();
}

void RecordReadAhead::Read(InputSource& source, Diagnostics& diag,
                           const std::vector<std::string>& fields) {
  Status status;
  try {
    IndicatorFields finder(fields);
    JsonLinesReader reader(source, diag);
    JsonRecord record;
    std::unique_ptr<RecordChunk> chunk = TakeFree();
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
      if (!chunk->records.empty()) Publish(std::move(chunk));
      if (!more) break;
      chunk = TakeFree();
    }
  } catch (const std::exception& e) {
    // No exception may end the thread (that would end the program): it ends the input instead.
    status = Status::Internal(std::string("reading records: ") + e.what());
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    status_ = status;
    done_ = true;
  }
  changed_.notify_all();
}

}  // namespace seckit::ioc_enrich
