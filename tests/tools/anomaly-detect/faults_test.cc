// anomaly-detect under faults: output to a full disk (74 and a message), and SIGINT/SIGTERM in the
// middle of a run: status 130, the -o file and the --baseline-out model stay the old version, no
// temporary file is left. A closed pipe is in cli_test.cc (AnomalyDetectCli.ClosedPipeIsSuccess).
#include <gtest/gtest.h>

#include <csignal>
#include <string>
#include <vector>

#include "background_run.h"
#include "test_support.h"

namespace seckit {
namespace {

using testing::FilesIn;
using testing::TempDir;
using testing::WriteFile;

std::string AnomalyDetect() { return (testing::BinDir() / "anomaly-detect").string(); }

// Failed SSH logins from a few sources, as log-grep writes them.
std::string Records(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text +=
        R"({"@timestamp":"2026-11-24T10:)" + std::to_string(10 + i / 3600 % 50) + ":" +
        std::to_string(10 + i / 60 % 50) +
        R"(Z","event":{"category":["authentication"],"outcome":"failure"},"source":{"ip":"203.0.113.)" +
        std::to_string(i % 7) + R"("},"user":{"name":"root"}})" + "\n";
  }
  return text;
}

TEST(AnomalyDetectFaults, FullDiskIs74WithAMessage) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", Records(20000));
  testing::CommandResult r =
      testing::RunToFile({AnomalyDetect(), (dir / "in.jsonl").string()}, "/dev/full");
  EXPECT_EQ(r.exit_code, 74) << r.err;
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
}

// Hostile JSON: a record nested 100,000 deep is refused with its line (the reader's depth limit,
// no recursion blow-up); the records around it go through.
TEST(AnomalyDetectFaults, DeeplyNestedRecordIs65AndTheRestPasses) {
  TempDir dir;
  const std::string deep = "{\"x\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  WriteFile(dir / "in.jsonl", "{\"a\":1}\n" + deep + "\n{\"b\":2}\n");
  testing::CommandResult r = testing::Run({AnomalyDetect(), (dir / "in.jsonl").string()});
  EXPECT_EQ(r.exit_code, 65) << r.err;
  EXPECT_EQ(r.out, "{\"a\":1}\n{\"b\":2}\n");
  EXPECT_NE(r.err.find("too deep"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("in.jsonl:2"), std::string::npos) << r.err;
}

class AnomalyDetectSignal : public ::testing::TestWithParam<int> {};

TEST_P(AnomalyDetectSignal, MidRunKeepsTheOldOutputAndModel) {
  TempDir dir, scratch;
  WriteFile(dir / "out.jsonl", "old output\n");
  WriteFile(dir / "model", "old model\n");
  const std::vector<std::string> before = FilesIn(dir.path());
  testing::InterruptedRun r = testing::InterruptMidRun(
      {AnomalyDetect(), "--line-buffered", "--detectors", "brute_force,outlier", "--baseline-out",
       (dir / "model").string(), "-o", (dir / "out.jsonl").string(), "-"},
      scratch.path(), Records(3000), GetParam(), dir / "out.jsonl");
  ASSERT_TRUE(r.reached_signal) << "no output before the signal: " << r.err;
  ASSERT_TRUE(r.status.has_value()) << "anomaly-detect did not stop on signal " << GetParam();
  EXPECT_EQ(*r.status, 130) << r.err;
  EXPECT_EQ(testing::ReadFile(dir / "out.jsonl"), "old output\n");
  EXPECT_EQ(testing::ReadFile(dir / "model"), "old model\n");
  EXPECT_EQ(FilesIn(dir.path()), before) << "a temporary file was left behind";
}

INSTANTIATE_TEST_SUITE_P(SigintAndSigterm, AnomalyDetectSignal, ::testing::Values(SIGINT, SIGTERM));

}  // namespace
}  // namespace seckit
