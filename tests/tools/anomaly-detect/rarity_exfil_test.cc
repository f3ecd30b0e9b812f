// Rarity (a value only one host presents) and exfiltration against peers, end to end; and a
// threshold overridden from the environment.
#include <gtest/gtest.h>

#include "anomaly_test_util.h"

namespace seckit::anomaly_detect::test {
namespace {

std::string HttpRequest(TimeNs t, const std::string& client, const std::string& agent,
                        uint64_t frame) {
  json r = {{"@timestamp", Stamp(t)},
            {"event", {{"kind", "event"}, {"module", "pcap"}, {"dataset", "pcap.http"}}},
            {"source", {{"ip", client}, {"port", 40000}}},
            {"destination", {{"ip", "192.0.2.10"}, {"port", 80}}},
            {"http", {{"request", {{"method", "GET"}}}}},
            {"url", {{"domain", "www.example.com"}}},
            {"user_agent", {{"original", agent}}},
            {"pcap", {{"frame", frame}}}};
  return r.dump() + "\n";
}

TEST(Rarity, UserAgentOfOneHostAmongMany) {
  std::string input;
  uint64_t frame = 0;
  for (int h = 1; h <= 6; ++h) {
    for (int i = 0; i < 3; ++i) {
      input += HttpRequest(kBase + (h * 10 + i) * kNsPerSecond, "10.0.0." + std::to_string(h),
                           "Mozilla/5.0 (common browser)", ++frame);
    }
  }
  input += HttpRequest(kBase + 100 * kNsPerSecond, "10.0.0.4", "UpdSvc/2.4.1", 4242);
  auto r = Detect({"--only-alerts", "--detectors", "rarity"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> alerts = Alerts(r.out);
  ASSERT_EQ(alerts.size(), 1u) << r.out;
  EXPECT_EQ(alerts[0]["rule"]["id"], "rarity.user_agent");
  EXPECT_EQ(alerts[0]["event"]["severity"], 21);
  EXPECT_EQ(alerts[0]["source"]["ip"], "10.0.0.4");
  EXPECT_EQ(alerts[0]["anomaly"]["evidence"][0]["pcap"]["frame"], 4242);
  EXPECT_NE(alerts[0]["message"].get<std::string>().find("UpdSvc/2.4.1"), std::string::npos);

  // Among fewer hosts than rarity.min_hosts nothing is rare.
  r = Detect({"--only-alerts", "--detectors", "rarity"},
             HttpRequest(kBase, "10.0.0.1", "a", 1) + HttpRequest(kBase, "10.0.0.2", "b", 2));
  EXPECT_EQ(r.out, "");
}

TEST(Exfiltration, OneHostFarAboveItsPeersInTheSameWindow) {
  std::string input;
  for (int h = 1; h <= 12; ++h) {
    for (int i = 0; i < 5; ++i) {
      Flow f;
      f.time = kBase + (h * 60 + i) * kNsPerSecond;
      f.src = "10.0.0." + std::to_string(h);
      f.dst = "203.0.113.10";
      f.bytes_out = h == 5 ? 2'000'000 : 40'000 + h * 1000;
      input += FlowRecord(f);
    }
  }
  auto r = Detect({"--only-alerts", "--detectors", "exfil"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> alerts = Alerts(r.out);
  ASSERT_EQ(alerts.size(), 1u) << r.out;
  EXPECT_EQ(alerts[0]["rule"]["id"], "exfil");
  EXPECT_EQ(alerts[0]["source"]["ip"], "10.0.0.5");
  EXPECT_EQ(alerts[0]["destination"]["ip"], "203.0.113.10");
  EXPECT_EQ(alerts[0]["anomaly"]["counts"]["bytes"], 10'000'000);
  EXPECT_EQ(alerts[0]["anomaly"]["counts"]["baseline_windows"], 11);  // the peers
  EXPECT_GE(alerts[0]["anomaly"]["counts"]["ratio"].get<double>(), 10);
}

TEST(Thresholds, EnvironmentOverridesTheDefault) {
  std::string input;
  for (int i = 0; i < 5; ++i) {
    input += AuthRecord(kBase + i * kNsPerSecond, "198.51.100.7", "root", false, 0);
  }
  auto r = ::seckit::testing::Run({"/usr/bin/env", "SECKIT_ANOMALY_DETECT_BRUTE_FORCE_SOURCE_FAILURES=5",
                                   ToolPath("anomaly-detect"), "--only-alerts"},
                                  input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Alerts(r.out, "brute_force.source").size(), 1u) << r.out;
  EXPECT_EQ(Detect({"--only-alerts"}, input).out, "");
  r = ::seckit::testing::Run({"/usr/bin/env", "SECKIT_ANOMALY_DETECT_SCAN_HOSTS=lots",
                              ToolPath("anomaly-detect")},
                             "");
  EXPECT_EQ(r.exit_code, 78);
}

}  // namespace
}  // namespace seckit::anomaly_detect::test
