// anomaly-detect's command line: pass-through, --only-alerts, exit statuses, bad input.
#include <gtest/gtest.h>

#include "anomaly_test_util.h"

namespace seckit::anomaly_detect::test {
namespace {

TEST(AnomalyDetectCli, PassesRecordsThroughUnchanged) {
  const std::string input =
      "{\"b\": 1, \"a\":{\"x\":[1,2]}}\n{\"@timestamp\":\"bad\",\"source\":{\"ip\":\"1.2.3.4\"}}\n";
  auto r = Detect({}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, input);
  r = Detect({"--only-alerts"}, input);
  EXPECT_EQ(r.out, "");
}

TEST(AnomalyDetectCli, AlertsFollowTheRecordsTheyComeFrom) {
  std::string input;
  for (int i = 0; i < 10; ++i) {
    input += AuthRecord(kBase + i * kNsPerSecond, "198.51.100.7", "root", false, 0);
  }
  auto r = Detect({}, input);
  std::vector<json> records = Records(r.out);
  ASSERT_EQ(records.size(), 11u) << r.out;  // the ten records, then the source alert
  EXPECT_EQ(records.back()["rule"]["id"], "brute_force.source");
}

TEST(AnomalyDetectCli, ExitStatuses) {
  EXPECT_EQ(Detect({"--help"}).exit_code, 0);
  EXPECT_EQ(Detect({"--no-such-flag"}).exit_code, 64);
  EXPECT_EQ(Detect({"--detectors", "nonsense"}).exit_code, 64);
  auto r = Detect({"/nonexistent/records.jsonl"});
  EXPECT_EQ(r.exit_code, 66);
  EXPECT_NE(r.err.find("/nonexistent/records.jsonl"), std::string::npos);
  r = Detect({}, "{\"a\":1}\nnot json\n{\"b\":2}\n");
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(r.out, "{\"a\":1}\n{\"b\":2}\n");
  EXPECT_NE(r.err.find(":2"), std::string::npos) << r.err;
}

TEST(AnomalyDetectCli, ClosedPipeIsSuccess) {
  std::string input;
  for (int i = 0; i < 200000; ++i) input += "{\"n\":" + std::to_string(i) + "}\n";
  ::seckit::testing::TempDir dir;
  ::seckit::testing::WriteFile(dir / "in.jsonl", input);
  auto r = ::seckit::testing::Run(
      {"/bin/sh", "-c", "{ \"$0\" \"$1\"; echo \"status $?\" >&2; } | head -1",
       ToolPath("anomaly-detect"),
       (dir / "in.jsonl").string()});
  EXPECT_EQ(r.out, "{\"n\":0}\n");
  EXPECT_EQ(r.err, "status 0\n");
}

}  // namespace
}  // namespace seckit::anomaly_detect::test
