// pcap-extract under faults: SIGINT/SIGTERM in the middle of a capture read from a pipe (status
// 130, the -o file stays the old version, no temporary file left). A closed pipe, a full disk and
// a capture cut mid-record are in cli_test.cc (PcapExtractCli.ClosedPipeAndFullDisk,
// PcapExtractCli.CaptureCutMidRecordKeepsEveryEarlierFrame).
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

class PcapExtractSignal : public ::testing::TestWithParam<int> {};

// The whole capture goes down a pipe that stays open: pcap-extract waits for more packets when
// the signal comes, after it wrote records.
TEST_P(PcapExtractSignal, MidCaptureKeepsTheOldOutput) {
  SECKIT_REQUIRE_CORPUS(capture, "pcap/http_bro.org.pcap");
  TempDir dir, scratch;
  testing::WriteFile(dir / "out.jsonl", "old output\n");
  const std::vector<std::string> before = FilesIn(dir.path());
  testing::InterruptedRun r = testing::InterruptMidRun(
      {(testing::BinDir() / "pcap-extract").string(), "--type", "packet", "--line-buffered", "-o",
       (dir / "out.jsonl").string(), "-"},
      scratch.path(), testing::ReadFile(capture), GetParam(), dir / "out.jsonl");
  ASSERT_TRUE(r.reached_signal) << r.err;
  ASSERT_TRUE(r.status.has_value()) << "pcap-extract did not stop on signal " << GetParam();
  EXPECT_EQ(*r.status, 130) << r.err;
  EXPECT_EQ(testing::ReadFile(dir / "out.jsonl"), "old output\n");
  EXPECT_EQ(FilesIn(dir.path()), before) << "a temporary file was left behind";
}

INSTANTIATE_TEST_SUITE_P(SigintAndSigterm, PcapExtractSignal, ::testing::Values(SIGINT, SIGTERM));

}  // namespace
}  // namespace seckit
