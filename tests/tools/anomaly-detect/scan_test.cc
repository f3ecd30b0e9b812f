// Scans end to end: vertical and horizontal thresholds, failed-connection share, and the corpus
// SYN scan, which must give exactly one alert naming the scanner.
#include <gtest/gtest.h>

#include "anomaly_test_util.h"

namespace seckit::anomaly_detect::test {
namespace {

TEST(Scan, VerticalHalfOpenScan) {
  std::string input;
  for (int port = 1; port <= 120; ++port) {  // below 128: counted exactly
    Flow f;
    f.time = kBase + port * kNsPerMillisecond;
    f.src = "10.1.1.1";
    f.dst = "10.9.9.9";
    f.port = port;
    f.state = port % 10 == 0 ? "REJ" : "S0";
    input += FlowRecord(f);
  }
  auto r = Detect({"--only-alerts"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> alerts = Alerts(r.out);
  ASSERT_EQ(alerts.size(), 1u) << r.out;
  EXPECT_EQ(alerts[0]["rule"]["id"], "scan.vertical");
  EXPECT_EQ(alerts[0]["source"]["ip"], "10.1.1.1");
  EXPECT_EQ(alerts[0]["destination"]["ip"], "10.9.9.9");
  EXPECT_EQ(alerts[0]["anomaly"]["counts"]["ports"], 120);
  EXPECT_EQ(alerts[0]["anomaly"]["counts"]["failed"], 120);
}

TEST(Scan, ManySuccessfulConnectionsAreNotAScan) {
  std::string input;
  for (int i = 0; i < 200; ++i) {  // a busy client: 200 hosts on 443, all answered
    Flow f;
    f.time = kBase + i * kNsPerSecond;
    f.dst = "192.0.2." + std::to_string(i % 250 + 1);
    input += FlowRecord(f);
  }
  auto r = Detect({"--only-alerts"}, input);
  EXPECT_EQ(Alerts(r.out, "scan").size(), 0u) << r.out;
}

TEST(Scan, HorizontalSweep) {
  std::string input;
  for (int i = 0; i < 60; ++i) {
    Flow f;
    f.time = kBase + i * kNsPerSecond;
    f.src = "10.1.1.1";
    f.dst = "10.2." + std::to_string(i / 200) + "." + std::to_string(i % 200 + 1);
    f.port = 445;
    f.state = "S0";
    input += FlowRecord(f);
  }
  auto r = Detect({"--only-alerts", "--detectors", "scan"}, input);
  std::vector<json> alerts = Alerts(r.out);
  ASSERT_EQ(alerts.size(), 1u) << r.out;
  EXPECT_EQ(alerts[0]["rule"]["id"], "scan.horizontal");
  EXPECT_EQ(alerts[0]["anomaly"]["counts"]["hosts"], 60);
}

TEST(ScanCorpus, SynScanGivesOneAlertNamingTheScanner) {
  SECKIT_REQUIRE_CORPUS(pcap, "pcap/attack_synscan.pcapng");
  if (!std::filesystem::exists(ToolPath("pcap-extract"))) GTEST_SKIP() << "pcap-extract not built";
  auto flows = ::seckit::testing::Run({ToolPath("pcap-extract"), pcap.string()});
  ASSERT_EQ(flows.exit_code, 0) << flows.err;
  auto r = Detect({"--only-alerts"}, flows.out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> scans = Alerts(r.out, "scan.");
  ASSERT_EQ(scans.size(), 1u) << r.out;
  EXPECT_EQ(scans[0]["source"]["ip"], "172.16.0.8");
  EXPECT_EQ(scans[0]["destination"]["ip"], "64.13.134.52");
  // 1,000 distinct ports per the corpus manifest; the count is exact up to 128 and then a
  // HyperLogLog estimate (about 3% standard error).
  EXPECT_NEAR(scans[0]["anomaly"]["counts"]["ports"].get<double>(), 1000, 60);
  EXPECT_EQ(scans[0]["related"]["ip"][0], "172.16.0.8");
  EXPECT_FALSE(scans[0]["anomaly"]["evidence"].empty());
}

}  // namespace
}  // namespace seckit::anomaly_detect::test
