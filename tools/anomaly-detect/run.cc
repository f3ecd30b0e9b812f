// anomaly-detect's flow: read records, pass each through, feed the detectors, and close windows
// as the stream's time moves on; at the end evaluate what is still open.
#include <algorithm>
#include <memory>

#include "detector_set.h"
#include "observation.h"
#include "options.h"
#include "seckit/diag.h"
#include "seckit/input.h"
#include "seckit/output.h"
#include "seckit/records.h"

namespace seckit::anomaly_detect {
namespace {

// Windows are checked for expiry once per this many records: cheap, and far finer than any
// window.
constexpr uint64_t kExpireEvery = 4096;

class Pipeline {
 public:
  Pipeline(const Options& options, Io& io, DetectorSet& detectors, PathTable& paths)
      : options_(options), io_(io), detectors_(detectors), reader_(paths) {}

  Status Input(const std::string& path) {
    Result<std::unique_ptr<InputSource>> in = OpenInput(path);
    if (!in.ok()) {
      io_.diag.Error(in.status().message());
      missing_input_ = true;
      return Status::Ok();
    }
    JsonLinesReader records(**in, io_.diag);
    JsonRecord record;
    Observation o;
    std::string& out = io_.out.buffer();
    while (records.Next(record)) {
      if (!options_.only_alerts) {
        out.append(record.raw);
        out.push_back('\n');
        io_.out.RecordDone();
      }
      reader_.Read(record, o);
      if (o.kind != ObservationKind::kOther) {
        if (o.has_time) {
          newest_ = std::max(newest_, o.time);
          detectors_.Observe(o);
        } else {
          ++untimed_;
        }
      }
      if (++count_ % kExpireEvery == 0) {
        if (Interrupted()) return Status::Interrupted();
        if (!io_.out.healthy()) return io_.out.status();
        detectors_.Expire(newest_);
      }
    }
    return records.status();
  }

  bool missing_input() const { return missing_input_; }
  uint64_t untimed() const { return untimed_; }
  uint64_t count() const { return count_; }

 private:
  const Options& options_;
  Io& io_;
  DetectorSet& detectors_;
  ObservationReader reader_;
  TimeNs newest_ = INT64_MIN;
  uint64_t count_ = 0;
  uint64_t untimed_ = 0;
  bool missing_input_ = false;
};

}  // namespace

Status Run(const Options& options, Io& io) {
  Result<Thresholds> thresholds = LoadThresholds(io.config);
  if (!thresholds.ok()) return thresholds.status();
  PathTable paths;
  JsonWriter writer(io.out);
  AlertSink sink(writer, paths, Seconds(thresholds->renotify));
  Result<std::unique_ptr<DetectorSet>> detectors =
      DetectorSet::Make(options, *thresholds, sink, io.diag);
  if (!detectors.ok()) return detectors.status();
  Pipeline pipeline(options, io, **detectors, paths);
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  Status status;
  for (const std::string& input : inputs) {
    status = pipeline.Input(input);
    if (!status.ok()) break;
  }
  if (status.ok() || status.code() == ExitCode::kDataError) {
    Status finished = (*detectors)->Finish();
    if (status.ok()) status = finished;
  }
  if (pipeline.untimed() > 0) {
    io.diag.Warning(std::to_string(pipeline.untimed()) +
                    " records without a valid @timestamp were passed through but not analysed");
  }
  io.diag.Note(std::to_string(pipeline.count()) + " records read, " +
               std::to_string(sink.written()) + " alerts written, " +
               std::to_string(sink.suppressed()) + " repeats held back (alert.renotify)");
  (*detectors)->ReportEvictions(io.diag);
  if (!status.ok()) return status;
  if (pipeline.missing_input()) return Status(ExitCode::kNoInput, "");
  return Status::Ok();
}

}  // namespace seckit::anomaly_detect
