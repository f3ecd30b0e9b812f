// log-grep under faults: output to a full disk, and SIGINT/SIGTERM in the middle of a run with -o
// and --state (the -o file and the state stay the old version, no temporary file is left, and the
// next run reads exactly the lines the interrupted one did not deliver). A closed pipe is in
// cli_test.cc (LogGrepCli.ClosedPipeEndsQuietly).
#include <gtest/gtest.h>

#include <csignal>
#include <string>
#include <vector>

#include "background_run.h"
#include "test_support.h"

namespace seckit {
namespace {

using testing::BackgroundRun;
using testing::CommandResult;
using testing::Eventually;
using testing::FilesIn;
using testing::TempDir;
using testing::WriteFile;

std::string LogGrep() { return (testing::BinDir() / "log-grep").string(); }

std::string Lines(int from, int to) {
  std::string text;
  for (int i = from; i < to; ++i)
    text += "Failed password for root line " + std::to_string(i) + "\n";
  return text;
}

TEST(LogGrepFaults, FullDiskIs74WithAMessage) {
  TempDir dir;
  WriteFile(dir / "auth.log", Lines(0, 50000));
  CommandResult r =
      testing::RunToFile({LogGrep(), "--json", "Failed", (dir / "auth.log").string()}, "/dev/full");
  EXPECT_EQ(r.exit_code, 74) << r.err;
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
  // --state is not advanced past records that never reached the output.
  CommandResult s = testing::RunToFile(
      {LogGrep(), "--state", (dir / "state").string(), "Failed", (dir / "auth.log").string()},
      "/dev/full");
  EXPECT_EQ(s.exit_code, 74) << s.err;
  CommandResult again = testing::Run({LogGrep(), "-c", "--state", (dir / "state").string(),
                                      "Failed", (dir / "auth.log").string()});
  EXPECT_EQ(again.out, "50000\n") << again.err;
}

class LogGrepSignal : public ::testing::TestWithParam<int> {};

// The run reads auth.log (new lines since the state) and then standard input, which the test keeps
// open: the tool is surely mid-run when the signal comes.
TEST_P(LogGrepSignal, MidRunKeepsTheOldOutputAndState) {
  TempDir dir;
  const std::string log = (dir / "auth.log").string();
  const std::string state = (dir / "state").string();
  const std::string out = (dir / "out.jsonl").string();
  WriteFile(log, Lines(0, 100));
  ASSERT_EQ(testing::Run({LogGrep(), "-c", "--state", state, "Failed", log}).out, "100\n");
  const std::string old_state = testing::ReadFile(state);
  ASSERT_FALSE(old_state.empty());
  WriteFile(out, "old output\n");
  WriteFile(log, Lines(0, 3000));  // 2,900 new lines for the interrupted run
  WriteFile(dir / "stdout", "");
  WriteFile(dir / "stderr", "");
  const std::vector<std::string> files_before = FilesIn(dir.path());  // with the state's lock file

  BackgroundRun run(
      {LogGrep(), "--json", "--line-buffered", "--state", state, "-o", out, "Failed", log, "-"},
      dir / "stdout", dir / "stderr");
  ASSERT_TRUE(run.started());
  ASSERT_TRUE(run.Feed(Lines(5000, 5100)));
  // Records were written (to the temporary file beside out.jsonl) and stdin was read.
  ASSERT_TRUE(Eventually([&] {
    for (const std::string& name : FilesIn(dir.path())) {
      if (name.rfind(".out.jsonl.tmp-", 0) == 0 && testing::FileSize(dir / name) > 0) {
        return run.Unread() == 0;
      }
    }
    return false;
  })) << testing::ReadFile(dir / "stderr");
  run.Signal(GetParam());
  std::optional<int> status = run.Wait();
  ASSERT_TRUE(status.has_value()) << "log-grep did not stop on signal " << GetParam();
  EXPECT_EQ(*status, 130) << testing::ReadFile(dir / "stderr");
  EXPECT_EQ(testing::ReadFile(out), "old output\n");
  EXPECT_EQ(testing::ReadFile(state), old_state);
  EXPECT_EQ(FilesIn(dir.path()), files_before) << "a temporary file was left behind";
  // Nothing lost: the next run finds the 2,900 lines the interrupted one did not deliver.
  EXPECT_EQ(testing::Run({LogGrep(), "-c", "--state", state, "Failed", log}).out, "2900\n");
}

INSTANTIATE_TEST_SUITE_P(SigintAndSigterm, LogGrepSignal, ::testing::Values(SIGINT, SIGTERM));

}  // namespace
}  // namespace seckit
