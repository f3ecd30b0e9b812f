// StreamRecords: one thread (JsonLinesReader, as every tool reads), or a reader thread that parses
// and indexes batches of records for the calling thread to analyse in order.
#include "record_stream.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <optional>
#include <thread>

#include "seckit/hand_off.h"
#include "seckit/input.h"
#include "seckit/interrupt.h"
#include "seckit/records.h"

namespace seckit::triage_report {
namespace {

Status StreamOnOneThread(const std::vector<std::string>& inputs, Diagnostics& diag,
                         Progress& progress, const RecordConsumer& consume, StreamTotals& totals) {
  FieldIndex index;  // reused for every record
  uint64_t records = 0;
  for (const std::string& path : inputs) {
    Result<std::unique_ptr<InputSource>> in = OpenInput(path);
    if (!in.ok()) {
      diag.Error(in.status().message());
      totals.missing = true;
      continue;
    }
    JsonLinesReader reader(**in, diag);
    JsonRecord record;
    while (reader.Next(record)) {
      if (Interrupted()) return Status::Interrupted();
      progress.Update(++records);
      const RecordView view(record, index);
      consume.consume(view, path, record.line_number);
    }
    totals.bad_lines += reader.bad_lines();
    if (!reader.status().ok()) return reader.status();
  }
  return Status::Ok();
}

// One parsed record, owning its document so that it outlives the parser's next line.
struct ParsedRecord {
  simdjson::dom::document document;
  JsonRecord record;
  FieldIndex index;
  // Refers to record and index (a ParsedRecord never moves). Built by the reader for the first
  // records of a batch and by the analysis for the rest (BatchQueue::indexed_share).
  std::optional<RecordView> view;
  size_t input = 0;  // index into the inputs
  size_t bytes = 0;  // the line's length
};

// Starts loading what reading the record's fields touches: its document's tape and strings and
// its index. The reader thread wrote them, so they sit in the other core's cache; the analysis
// thread, reading them field by field, waited for one line after another (a third of its time,
// `perf`), while loads started for a whole batch at once overlap.
void PrefetchRecord(const ParsedRecord& parsed) {
  const uint64_t* tape = parsed.document.tape.get();
  if (tape == nullptr) return;
  // simdjson's tape starts with a root word whose low 56 bits are the index of the closing one.
  const size_t tape_words = (tape[0] & 0x00FFFFFFFFFFFFFFull) + 1;
  PrefetchBytes(tape, tape_words * sizeof tape[0]);
  // The strings take about as many bytes as the line: each is stored with a 4-byte length and a
  // NUL where the line has quotes and a separator, two bytes more; an eighth more covers that.
  PrefetchBytes(parsed.document.string_buf.get(), parsed.bytes + parsed.bytes / 8);
  parsed.index.Prefetch();
}

struct Batch {
  static constexpr size_t kRecords = 256;
  static constexpr size_t kMaxBytes = size_t{16} << 20;  // of input lines: closes the batch early
  static constexpr size_t kKeptCapacity = size_t{1} << 20;  // a larger document is freed on reuse
  Batch() : records(kRecords) {}
  std::vector<ParsedRecord> records;  // sized once
  size_t size = 0;
};

// Batches travel from the reader to the analysis (full) and back (free), at most kBatches in all.
//
// Indexing a parsed record (RecordView: the field walk, the time) can be done on either side, so
// it is shared out to keep both threads busy: the reader indexes the first indexed_share()
// records of each batch and the analysis the rest. Whichever side has to wait for the other gives
// it less indexing to do.
class BatchQueue {
 public:
  static constexpr size_t kBatches = 4;
  static constexpr size_t kShareStep = 8;

  // The reader's side. Null once the analysis stopped.
  std::unique_ptr<Batch> TakeFree() {
    bool waited = false;
    std::unique_ptr<Batch> batch = batches_.TakeFree(&waited);
    if (waited) MoveShare(+1);  // the analysis is behind
    return batch;
  }
  void PutFull(std::unique_ptr<Batch> batch) { batches_.Publish(std::move(batch)); }
  void Finish(Status status) { batches_.Finish(std::move(status)); }
  // The analysis' side. Null once the reader finished and every batch was taken.
  std::unique_ptr<Batch> TakeFull() {
    bool waited = false;
    std::unique_ptr<Batch> batch = batches_.TakeFull(&waited);
    if (waited) MoveShare(-1);  // the reader is behind
    return batch;
  }
  void PutFree(std::unique_ptr<Batch> batch) { batches_.GiveBack(std::move(batch)); }
  void Stop() { batches_.Stop(); }
  // The reader's final status (valid after TakeFull returned null).
  Status status() { return batches_.status(); }
  // How many records at the start of each batch the reader indexes.
  size_t indexed_share() const { return share_.load(std::memory_order_relaxed); }

 private:
  // Called by the side that waited, after its wait. Were both sides to move the share at once, one
  // move would be lost, which is harmless: the share only balances the work, and the next wait
  // moves it again.
  void MoveShare(int direction) {
    const size_t share = share_.load(std::memory_order_relaxed);
    if (direction > 0) {
      share_.store(std::min(Batch::kRecords, share + kShareStep), std::memory_order_relaxed);
    } else {
      share_.store(share - std::min(share, kShareStep), std::memory_order_relaxed);
    }
  }

  HandOff<Batch> batches_{kBatches};
  std::atomic<size_t> share_{Batch::kRecords / 2};
};

// The reader thread: JsonLinesReader, each line parsed into the document of its ParsedRecord.
class BatchReader {
 public:
  BatchReader(const std::vector<std::string>& inputs, Diagnostics& diag, Progress& progress,
              BatchQueue& queue, StreamTotals& totals)
      : inputs_(inputs), diag_(diag), progress_(progress), queue_(queue), totals_(totals) {}

  // Exceptions (an allocation failure) must not end the thread: they become its status.
  void Run() {
    Status status;
    try {
      status = ReadAll();
    } catch (const std::exception& e) {
      status = Status::Internal(std::string("reading the input: ") + e.what());
    }
    queue_.Finish(std::move(status));
  }

 private:
  Status ReadAll() {
    for (size_t i = 0; i < inputs_.size(); ++i) {
      Result<std::unique_ptr<InputSource>> in = OpenInput(inputs_[i]);
      if (!in.ok()) {
        diag_.Error(in.status().message());
        totals_.missing = true;
        continue;
      }
      Status status = ReadInput(**in, i);
      if (!status.ok()) {
        Flush();
        return status;
      }
    }
    Flush();
    return Status::Ok();
  }

  Status ReadInput(InputSource& source, size_t input) {
    JsonLinesReader reader(source, diag_);
    while (true) {
      if (Interrupted()) return Status::Interrupted();
      if (!Room()) return Status::Interrupted();  // the analysis stopped: it was interrupted
      ParsedRecord& parsed = batch_->records[batch_->size];
      parsed.view.reset();
      if (parsed.document.capacity() > Batch::kKeptCapacity) parsed.document = {};
      if (!reader.NextInto(parsed.document, parsed.record)) break;
      bytes_ += parsed.record.raw.size();
      parsed.bytes = parsed.record.raw.size();
      parsed.record.raw = {};  // the line's text does not outlive the reader's buffer
      progress_.Update(++records_);
      parsed.input = input;
      if (batch_->size < queue_.indexed_share()) parsed.view.emplace(parsed.record, parsed.index);
      if (++batch_->size == Batch::kRecords || bytes_ >= Batch::kMaxBytes) Flush();
    }
    totals_.bad_lines += reader.bad_lines();
    return reader.status();
  }

  // A batch with room for one more record; false when the analysis stopped.
  bool Room() {
    if (batch_ == nullptr) batch_ = queue_.TakeFree();
    return batch_ != nullptr;
  }

  void Flush() {
    if (batch_ != nullptr && batch_->size > 0) {
      queue_.PutFull(std::move(batch_));
      bytes_ = 0;
    }
  }

  const std::vector<std::string>& inputs_;
  Diagnostics& diag_;
  Progress& progress_;
  BatchQueue& queue_;
  StreamTotals& totals_;
  std::unique_ptr<Batch> batch_;
  uint64_t records_ = 0;
  size_t bytes_ = 0;
};

Status StreamOnTwoThreads(const std::vector<std::string>& inputs, Diagnostics& diag,
                          Progress& progress, const RecordConsumer& consume, StreamTotals& totals) {
  BatchQueue queue;
  BatchReader reader(inputs, diag, progress, queue, totals);
  std::thread thread([&reader] { reader.Run(); });
  // However this function is left (an exception from the analysis included), the reader is told
  // to stop, so that it cannot wait for a free batch forever, and joined.
  struct StopAndJoin {
    BatchQueue& queue;
    std::thread& thread;
    ~StopAndJoin() {
      queue.Stop();
      thread.join();
    }
  } stop_and_join{queue, thread};
  Status status;
  while (std::unique_ptr<Batch> batch = queue.TakeFull()) {
    for (size_t i = 0; i < batch->size; ++i) PrefetchRecord(batch->records[i]);
    for (size_t i = 0; i < batch->size; ++i) {
      ParsedRecord& parsed = batch->records[i];
      if (!parsed.view) parsed.view.emplace(parsed.record, parsed.index);
      if (consume.prepare) consume.prepare(*parsed.view);
    }
    for (size_t i = 0; i < batch->size && status.ok(); ++i) {
      if (Interrupted()) {
        status = Status::Interrupted();
        break;
      }
      const ParsedRecord& parsed = batch->records[i];
      consume.consume(*parsed.view, inputs[parsed.input], parsed.record.line_number);
    }
    batch->size = 0;
    queue.PutFree(std::move(batch));
    if (!status.ok()) queue.Stop();
  }
  if (!status.ok()) return status;
  return queue.status();
}

}  // namespace

Status StreamRecords(const std::vector<std::string>& inputs, size_t threads, Diagnostics& diag,
                     Progress& progress, const RecordConsumer& consume, StreamTotals& totals) {
  if (threads <= 1) return StreamOnOneThread(inputs, diag, progress, consume, totals);
  return StreamOnTwoThreads(inputs, diag, progress, consume, totals);
}

}  // namespace seckit::triage_report
