// pcap-extract's flow: open each capture, decode every frame, write packet, flow and application
// records, report damage with file and frame.
#include <pcap/dlt.h>

#include <chrono>

#include "app_layer.h"
#include "capture.h"
#include "checksum.h"
#include "flow_table.h"
#include "options.h"
#include "packet_decoder.h"
#include "record_writer.h"
#include "seckit/diag.h"
#include "seckit/interrupt.h"
#include "seckit/json_writer.h"
#include "seckit/output.h"

namespace seckit::pcap_extract {
namespace {

class Extractor {
 public:
  Extractor(const Options& options, const RecordTypes& types, Io& io)
      : options_(options), types_(types), io_(io), json_(io.out), records_(json_, "") {}

  // Reads one capture to its end (or until --count, an interrupt or a closed pipe).
  Status Read(Capture& capture) {
    records_.set_file_path(capture.live() || capture.name() == "(standard input)" ? ""
                                                                                  : capture.name());
    int dlt = capture.link_type();
    if (!IsSupportedLinkType(dlt)) {
      io_.diag.Warning("unsupported link type " + capture.link_type_name() +
                           "; frames are written as packet records without decoding",
                       capture.name());
    }
    FlowTable flows(static_cast<int64_t>(options_.flow_timeout * 1e9), options_.max_flows,
                    [this](const Flow& flow) { records_.FlowRecord(flow); });
    Status status = ReadFrames(capture, dlt, flows);
    if (types_.flow) flows.Flush();
    return status;
  }

  uint64_t frames() const { return total_frames_; }

 private:
  Status ReadFrames(Capture& capture, int dlt, FlowTable& flows) {
    auto started = std::chrono::steady_clock::now();
    uint64_t number = 0;
    Frame frame;
    DecodedPacket packet;
    for (;;) {
      if (options_.count != 0 && total_frames_ >= options_.count) return Status::Ok();
      if (!io_.out.healthy()) return io_.out.status();
      if (Interrupted()) {
        if (!capture.live()) return Status::Interrupted();
        AcknowledgeInterrupt();  // Ctrl-C is how a live capture normally ends
        return Status::Ok();
      }
      switch (capture.Next(frame)) {
        case NextResult::kFrame:
          break;
        case NextResult::kTimeout:
          if (options_.duration > 0 &&
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() >=
                  options_.duration) {
            return Status::Ok();
          }
          continue;
        case NextResult::kEnd:
          return Status::Ok();
        case NextResult::kError:
          if (capture.live()) return Status::Unavailable("capture on " + capture.name() + " failed: " + capture.error());
          return io_.diag.BadInput("capture ends in the middle of a record: " + capture.error(),
                                   capture.name() + ", after frame " + std::to_string(number));
      }
      ++number;
      ++total_frames_;
      packet.frame = number;
      packet.time_ns = frame.time_ns;
      packet.caplen = frame.caplen;
      packet.wire_len = frame.wire_len;
      DecodeFrame(dlt, frame.data, packet);
      SECKIT_RETURN_IF_ERROR(Handle(packet, capture, flows));
      if (capture.live() && options_.duration > 0 && (number & 1023) == 0 &&
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() >=
              options_.duration) {
        return Status::Ok();
      }
    }
  }

  Status Handle(const DecodedPacket& packet, const Capture& capture, FlowTable& flows) {
    if (packet.damage != Damage::kNone) {
      SECKIT_RETURN_IF_ERROR(io_.diag.BadInput(DamageText(packet.damage), Where(capture, packet)));
    }
    if (types_.packet) records_.Packet(packet);
    if (types_.flow) flows.Add(packet);
    if (types_.App() && !packet.payload.empty() && !packet.fragment &&
        IsApplicationCandidate(packet, types_)) {
      if (options_.checksums == "verify" && VerifyChecksums(packet) == ChecksumResult::kBad) {
        SECKIT_RETURN_IF_ERROR(
            io_.diag.BadInput("bad IPv4, TCP or UDP checksum", Where(capture, packet)));
      }
      std::string why;
      if (!WriteApplicationRecords(packet, types_, records_, why)) {
        io_.diag.Note("payload not decoded: " + why, Where(capture, packet));
      }
    }
    return Status::Ok();
  }

  static std::string Where(const Capture& capture, const DecodedPacket& packet) {
    return capture.name() + ", frame " + std::to_string(packet.frame);
  }

  const Options& options_;
  const RecordTypes& types_;
  Io& io_;
  JsonWriter json_;
  RecordWriter records_;
  uint64_t total_frames_ = 0;
};

}  // namespace

Status Run(const Options& options, Io& io) {
  Result<RecordTypes> types = ParseTypes(options.types);
  if (!types.ok()) return types.status();
  if (!options.interface.empty() && !options.inputs.empty()) {
    return Status::Usage("give either capture files or -i INTERFACE, not both");
  }
  Extractor extractor(options, *types, io);
  if (!options.interface.empty()) {
    LiveOptions live{options.interface, options.snaplen, !options.no_promiscuous};
    Result<std::unique_ptr<Capture>> capture = Capture::OpenLive(live);
    if (!capture.ok()) return capture.status();
    if (!options.filter.empty()) SECKIT_RETURN_IF_ERROR((*capture)->SetFilter(options.filter));
    Status status = extractor.Read(**capture);
    if (uint64_t dropped = (*capture)->dropped(); dropped > 0) {
      io.diag.Warning(std::to_string(dropped) + " packets dropped by the kernel", options.interface);
    }
    return status;
  }
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  Status worst;
  for (const std::string& path : inputs) {
    Result<std::unique_ptr<Capture>> capture = Capture::OpenFile(path);
    if (!capture.ok()) {
      if (capture.status().code() == ExitCode::kDataError) {
        SECKIT_RETURN_IF_ERROR(io.diag.BadInput(capture.status().message(), path));
      } else {
        io.diag.Error(capture.status().message());
        if (worst.ok()) worst = capture.status();
      }
      continue;
    }
    if (!options.filter.empty()) SECKIT_RETURN_IF_ERROR((*capture)->SetFilter(options.filter));
    Status status = extractor.Read(**capture);
    if (!status.ok()) return status;
    if (!io.out.healthy()) break;
  }
  // A missing input was already reported; its status still decides the exit code.
  if (!worst.ok()) return Status(worst.code(), "");
  return Status::Ok();
}

}  // namespace seckit::pcap_extract
