// triage-report under faults: SIGINT/SIGTERM while it reads records (status 130, the -o report
// stays the old version, no temporary file left). A closed pipe and a full disk are in cli_test.cc
// (TriageReportCli.ClosedPipeIsQuietAndAFullDiskIsAnIoError).
#include <gtest/gtest.h>

#include <csignal>
#include <string>
#include <vector>

#include "background_run.h"
#include "report_test_util.h"
#include "test_support.h"

namespace seckit {
namespace {

using testing::FilesIn;
using testing::TempDir;

class TriageReportSignal : public ::testing::TestWithParam<int> {};

// The report is written at the end of the input; standard input stays open, so the signal always
// comes while records are still being read, after the fixture's records were taken in.
TEST_P(TriageReportSignal, MidRunKeepsTheOldReport) {
  TempDir dir, scratch;
  testing::WriteFile(dir / "report.md", "old report\n");
  const std::vector<std::string> before = FilesIn(dir.path());
  const std::string records = testing::ReadFile(testing::Fixture("new_tools.jsonl"));
  ASSERT_FALSE(records.empty());
  testing::InterruptedRun r =
      testing::InterruptMidRun({(testing::BinDir() / "triage-report").string(), "--format", "md",
                                "-o", (dir / "report.md").string(), "-"},
                               scratch.path(), records, GetParam());
  ASSERT_TRUE(r.reached_signal) << r.err;
  ASSERT_TRUE(r.status.has_value()) << "triage-report did not stop on signal " << GetParam();
  EXPECT_EQ(*r.status, 130) << r.err;
  EXPECT_EQ(testing::ReadFile(dir / "report.md"), "old report\n");
  EXPECT_EQ(FilesIn(dir.path()), before) << "a temporary file was left behind";
}

INSTANTIATE_TEST_SUITE_P(SigintAndSigterm, TriageReportSignal, ::testing::Values(SIGINT, SIGTERM));

}  // namespace
}  // namespace seckit
