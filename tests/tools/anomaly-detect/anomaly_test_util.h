// Helpers for anomaly-detect's tests: running the tool, building input records, reading alerts.
#ifndef SECKIT_TESTS_ANOMALY_DETECT_TEST_UTIL_H_
#define SECKIT_TESTS_ANOMALY_DETECT_TEST_UTIL_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "seckit/time.h"
#include "test_support.h"

namespace seckit::anomaly_detect::test {

using nlohmann::json;

inline std::string ToolPath(const std::string& name) {
  return (::seckit::testing::BinDir() / name).string();
}

// Runs anomaly-detect with `args` on `input` (standard input).
inline ::seckit::testing::CommandResult Detect(const std::vector<std::string>& args,
                                               const std::string& input = "") {
  std::vector<std::string> argv{ToolPath("anomaly-detect")};
  argv.insert(argv.end(), args.begin(), args.end());
  return ::seckit::testing::Run(argv, input);
}

inline std::vector<json> Records(const std::string& out) {
  std::vector<json> records;
  for (const std::string& line : ::seckit::testing::SplitLines(out)) {
    records.push_back(json::parse(line));
  }
  return records;
}

// Alerts of `out` whose rule.id starts with `prefix`.
inline std::vector<json> Alerts(const std::string& out, const std::string& prefix = "") {
  std::vector<json> alerts;
  for (json& r : Records(out)) {
    if (r["event"]["kind"] == "alert" && r["rule"]["id"].get<std::string>().rfind(prefix, 0) == 0) {
      alerts.push_back(std::move(r));
    }
  }
  return alerts;
}

constexpr TimeNs kBase = 1'780'000'000 * kNsPerSecond;  // 2026-05-28

inline std::string Stamp(TimeNs t) { return FormatRfc3339(t); }

// An sshd-like authentication record as log-grep writes it.
inline std::string AuthRecord(TimeNs t, const std::string& ip, const std::string& user,
                              bool success, uint64_t offset) {
  json r = {{"@timestamp", Stamp(t)},
            {"event",
             {{"kind", "event"},
              {"module", "log"},
              {"dataset", "log.syslog"},
              {"category", {"authentication"}},
              {"action", "ssh_login"},
              {"outcome", success ? "success" : "failure"}}},
            {"log", {{"file", {{"path", "auth.log"}}}, {"offset", offset}}},
            {"source", {{"ip", ip}}},
            {"user", {{"name", user}}}};
  return r.dump() + "\n";
}

// A pcap.flow-like connection record.
struct Flow {
  TimeNs time = kBase;
  std::string src = "10.0.0.1";
  std::string dst = "10.0.0.2";
  int port = 443;
  uint64_t bytes_out = 1000;
  uint64_t bytes_in = 5000;
  std::string state = "SF";
  std::string community_id = "1:test";
};

inline std::string FlowRecord(const Flow& f) {
  json r = {{"@timestamp", Stamp(f.time)},
            {"event",
             {{"kind", "event"},
              {"module", "pcap"},
              {"dataset", "pcap.flow"},
              {"start", Stamp(f.time)}}},
            {"source", {{"ip", f.src}, {"port", 40000}, {"bytes", f.bytes_out}}},
            {"destination", {{"ip", f.dst}, {"port", f.port}, {"bytes", f.bytes_in}}},
            {"network", {{"transport", "tcp"}, {"community_id", f.community_id}}},
            {"pcap", {{"flow", {{"state", f.state}}}}}};
  return r.dump() + "\n";
}

// A pcap.dns query record.
inline std::string DnsQuery(TimeNs t, const std::string& client, const std::string& name,
                            const std::string& type = "A", uint64_t frame = 1) {
  json r = {{"@timestamp", Stamp(t)},
            {"event", {{"kind", "event"}, {"module", "pcap"}, {"dataset", "pcap.dns"}}},
            {"source", {{"ip", client}, {"port", 5353}}},
            {"destination", {{"ip", "10.0.0.53"}, {"port", 53}}},
            {"dns", {{"type", "query"}, {"question", {{"name", name}, {"type", type}}}}},
            {"pcap", {{"frame", frame}}}};
  return r.dump() + "\n";
}

}  // namespace seckit::anomaly_detect::test

#endif  // SECKIT_TESTS_ANOMALY_DETECT_TEST_UTIL_H_
