// Helpers shared by triage-report's end-to-end tests: running the tool, fixtures, and building the
// samples incident from the real output of pcap-extract, log-grep and ioc-enrich.
#ifndef SECKIT_TESTS_TRIAGE_REPORT_REPORT_TEST_UTIL_H_
#define SECKIT_TESTS_TRIAGE_REPORT_REPORT_TEST_UTIL_H_

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace seckit::testing {

inline CommandResult Triage(const std::vector<std::string>& args, const std::string& input = "") {
  std::vector<std::string> argv{(BinDir() / "triage-report").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run(argv, input);
}

inline std::string Fixture(const std::string& name) {
  return std::string(SECKIT_SOURCE_DIR) + "/tests/tools/triage-report/fixtures/" + name;
}

inline std::string Sample(const std::string& name) {
  return std::string(SECKIT_SOURCE_DIR) + "/samples/" + name;
}

// Runs the first three steps of samples/pipeline.sh with the built tools, writing flows.jsonl,
// app.jsonl, logs.jsonl, log-ioc-hits.jsonl and enriched.jsonl into `dir`. Returns a reason when a
// tool is missing or fails, else "".
inline std::string BuildSamplesIncident(const std::filesystem::path& dir) {
  for (const char* tool : {"pcap-extract", "log-grep", "ioc-enrich"}) {
    if (!std::filesystem::exists(BinDir() / tool)) {
      return std::string(tool) + " is not built in " + BinDir().string();
    }
  }
  const std::string bin = BinDir().string();
  const std::vector<std::vector<std::string>> steps = {
      {bin + "/pcap-extract", "--type", "flow", "-o", (dir / "flows.jsonl").string(), Sample("incident.pcap")},
      {bin + "/pcap-extract", "--type", "dns,http,tls", "-o", (dir / "app.jsonl").string(), Sample("incident.pcap")},
      {bin + "/log-grep", "-e", "", "-o", (dir / "logs.jsonl").string(), Sample("auth.log"), Sample("access.log")},
      {bin + "/log-grep", "--ioc", Sample("iocs.txt"), "-o", (dir / "log-ioc-hits.jsonl").string(),
       Sample("auth.log"), Sample("access.log")},
      {bin + "/ioc-enrich", "--feed", Sample("iocs.txt"), "--min-score", "1", "-o",
       (dir / "enriched.jsonl").string(), (dir / "flows.jsonl").string(), (dir / "app.jsonl").string(),
       (dir / "logs.jsonl").string()},
  };
  for (const auto& step : steps) {
    CommandResult r = Run(step);
    if (r.exit_code != 0) return step[0] + " failed (" + std::to_string(r.exit_code) + "): " + r.err;
  }
  return "";
}

inline std::vector<std::string> IncidentFiles(const std::filesystem::path& dir) {
  return {(dir / "app.jsonl").string(), (dir / "enriched.jsonl").string(),
          (dir / "flows.jsonl").string(), (dir / "log-ioc-hits.jsonl").string(),
          (dir / "logs.jsonl").string()};
}

// The finding of `rule` whose group holds `value`, or null.
inline nlohmann::json FindingOf(const nlohmann::json& report, const std::string& rule,
                                const std::string& value) {
  for (const auto& f : report["findings"]) {
    if (f["rule"] != rule) continue;
    for (const auto& g : f["group"]) {
      if (g == value) return f;
    }
  }
  return nullptr;
}

}  // namespace seckit::testing

#endif  // SECKIT_TESTS_TRIAGE_REPORT_REPORT_TEST_UTIL_H_
