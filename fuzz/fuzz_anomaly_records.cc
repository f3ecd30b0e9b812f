// Fuzzes anomaly-detect's record intake: ObservationReader turns each JSON record into what the
// detectors see, and every detector (brute force, scans, beaconing, DNS, exfiltration, rarity,
// Isolation Forest outliers) is fed, expired and finished as the tool's pipeline does, with
// thresholds low enough that a few records raise alerts. The input is JSON lines, each parsed as
// the records reader does. Checks: every alert written is one JSON object per line with the
// agreed fields (event.kind "alert", event.dataset "anomaly.alert", a rule.id, a severity of 21,
// 47, 73 or 99, a risk score in 0..100).
#include <simdjson.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "alert.h"
#include "detector_set.h"
#include "evidence.h"
#include "fuzz_check.h"
#include "observation.h"
#include "options.h"
#include "seckit/diag.h"
#include "seckit/json_writer.h"
#include "seckit/output.h"
#include "seckit/records.h"
#include "thresholds.h"

namespace seckit::anomaly_detect {
namespace {

// Low thresholds, each at or above the minimum thresholds.cc accepts, so that alerts, window
// eviction and the forest's training all happen within a small input.
Thresholds FuzzThresholds() {
  Thresholds t;
  t.max_entities = 16;
  t.brute_source_failures = 2;
  t.brute_account_failures = 2;
  t.brute_connections = 2;
  t.scan_ports = 3;
  t.scan_hosts = 3;
  t.beacon_min_connections = 4;
  t.beacon_max_timestamps = 16;
  t.dns_subdomains = 3;
  t.dns_txt_queries = 2;
  t.dns_dga_domains = 2;
  t.exfil_min_bytes = 100;
  t.exfil_min_history = 1;
  t.exfil_min_peers = 2;
  t.rarity_min_hosts = 2;
  t.rarity_max_values = 16;
  t.outlier_trees = 4;
  t.outlier_sample = 8;
  t.outlier_max_vectors = 64;
  return t;
}

void CheckAlerts(std::string_view written) {
  static simdjson::dom::parser parser;
  while (!written.empty()) {
    const size_t end = written.find('\n');
    SECKIT_FUZZ_CHECK(end != std::string_view::npos);  // every record ends its line
    const std::string_view line = written.substr(0, end);
    written.remove_prefix(end + 1);
    simdjson::dom::element root;
    SECKIT_FUZZ_CHECK(parser.parse(line.data(), line.size(), true).get(root) == simdjson::SUCCESS);
    SECKIT_FUZZ_CHECK(root.is_object());
    std::string_view text;
    SECKIT_FUZZ_CHECK(root.at_pointer("/event/kind").get(text) == simdjson::SUCCESS &&
                      text == "alert");
    SECKIT_FUZZ_CHECK(root.at_pointer("/event/dataset").get(text) == simdjson::SUCCESS &&
                      text == "anomaly.alert");
    SECKIT_FUZZ_CHECK(root.at_pointer("/rule/id").get(text) == simdjson::SUCCESS &&
                      !text.empty());
    int64_t severity = 0;
    SECKIT_FUZZ_CHECK(root.at_pointer("/event/severity").get(severity) == simdjson::SUCCESS);
    SECKIT_FUZZ_CHECK(severity == 21 || severity == 47 || severity == 73 || severity == 99);
    double risk = -1;
    SECKIT_FUZZ_CHECK(root.at_pointer("/event/risk_score").get(risk) == simdjson::SUCCESS);
    SECKIT_FUZZ_CHECK(risk >= 0 && risk <= 100);
  }
}

}  // namespace
}  // namespace seckit::anomaly_detect

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit;
  using namespace seckit::anomaly_detect;
  if (size > (1u << 16)) return 0;
  static const Thresholds thresholds = FuzzThresholds();
  static FILE* const devnull = std::fopen("/dev/null", "w");
  static simdjson::dom::parser parser;

  const int fd = memfd_create("alerts", MFD_CLOEXEC);
  SECKIT_FUZZ_CHECK(fd >= 0);
  {
    std::unique_ptr<OutputStream> out = OutputStream::ForFd(fd, "alerts");
    Diagnostics diag("fuzz_anomaly_records", devnull);
    PathTable paths;
    JsonWriter writer(*out);
    AlertSink sink(writer, paths, Seconds(thresholds.renotify));
    Result<std::unique_ptr<DetectorSet>> detectors =
        DetectorSet::Make(Options{}, thresholds, sink, diag);
    SECKIT_FUZZ_CHECK(detectors.ok());
    ObservationReader reader(paths);
    Observation o;
    TimeNs newest = INT64_MIN;
    uint64_t count = 0;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    while (!input.empty()) {
      const size_t end = input.find('\n');
      const std::string_view line = input.substr(0, end);
      input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
      JsonRecord record;
      if (parser.parse(line.data(), line.size(), true).get(record.root) != simdjson::SUCCESS ||
          !record.root.is_object()) {
        continue;
      }
      record.raw = line;
      record.line_number = ++count;
      reader.Read(record, o);
      SECKIT_FUZZ_CHECK(o.evidence.id_size <= o.evidence.community_id.size());
      if (o.kind != ObservationKind::kOther && o.has_time) {
        newest = std::max(newest, o.time);
        (*detectors)->Observe(o);
      }
      if (count % 8 == 0) (*detectors)->Expire(newest);  // the tool: every 4096 records
    }
    const Status finished = (*detectors)->Finish();
    SECKIT_FUZZ_CHECK(finished.ok() || !finished.message().empty());
    (*detectors)->ReportEvictions(diag);
    SECKIT_FUZZ_CHECK(out->Flush().ok());
  }
  // The alerts written, read back.
  const off_t written = lseek(fd, 0, SEEK_END);
  std::string alerts(static_cast<size_t>(written), '\0');
  SECKIT_FUZZ_CHECK(pread(fd, alerts.data(), alerts.size(), 0) == written);
  close(fd);
  CheckAlerts(alerts);
  return 0;
}
