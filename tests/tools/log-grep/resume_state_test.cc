// Tests for log-grep's --state resume: logrotate's scenarios played step by step on real files
// (rename, copytruncate, delaycompress with the real gzip, dateext, missed rotations), partial
// lines, the lock (held by another process), corrupt state files and the atomic 0600 save.
#include "resume_state.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "input_set.h"
#include "seckit/hash.h"
#include "seckit/line_reader.h"
#include "captured_diag.h"
#include "test_support.h"

namespace seckit::log_grep {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::CapturedDiag;
using testing::TempDir;
using testing::WriteFile;

struct RunResult {
  Status status;  // of Open, or of Save
  std::vector<std::string> lines;
  std::vector<std::string> planned;  // paths in plan order
  std::string messages;
};

std::vector<std::string> SplitBlock(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    size_t newline = text.find('\n');
    lines.emplace_back(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
  }
  return lines;
}

// One cron run, read the way run.cc reads: whole lines only, an unterminated last line only
// from a final (compressed) file.
RunResult RunOnce(const fs::path& state_path, const std::vector<std::string>& inputs) {
  RunResult result;
  Result<ResumeState> state = ResumeState::Open(state_path.string());
  if (!state.ok()) {
    result.status = state.status();
    return result;
  }
  CapturedDiag captured;
  for (const ReadPlan& plan : state->Plan(inputs, captured.diag())) {
    result.planned.push_back(plan.path);
    Result<std::unique_ptr<InputSource>> in = OpenPlanned(plan);
    if (!in.ok()) {
      ADD_FAILURE() << in.status().message();
      continue;
    }
    LineReader reader(**in);
    reader.SetPosition(plan.start_offset, plan.start_line);
    ReadProgress progress{plan.start_offset, plan.start_line, false};
    LineBlock block;
    bool held_back = false;
    while (reader.NextBlock(block)) {
      bool unterminated = block.text.back() != '\n';
      if (unterminated && !plan.final) {
        held_back = true;
        break;
      }
      for (std::string& line : SplitBlock(block.text)) result.lines.push_back(std::move(line));
      progress.line += SplitBlock(block.text).size();
      progress.offset = unterminated ? block.offset + block.text.size() : EndOfCompleteLines(block);
    }
    EXPECT_TRUE(reader.status().ok()) << reader.status().message();
    progress.reached_end = !held_back && reader.status().ok();
    state->Record(plan, progress);
  }
  result.messages = captured.text();
  result.status = state->Save();
  return result;
}

// A log written by a "daemon": numbered lines, remembered in the order they were written.
class Log {
 public:
  explicit Log(const TempDir& dir) : dir_(dir) {}
  std::string path(const std::string& name = "auth.log") const { return (dir_ / name).string(); }

  // Appends `n` whole lines to `name`; returns them.
  std::vector<std::string> Append(int n, const std::string& name = "auth.log") {
    std::vector<std::string> lines;
    std::ofstream out(path(name), std::ios::app | std::ios::binary);
    for (int i = 0; i < n; ++i) {
      std::string line = "Nov 24 10:00:00 host sshd[42]: event " + std::to_string(next_++) +
                         " Failed password for root from 203.0.113.7 port 2222 ssh2";
      out << line << '\n';
      lines.push_back(line);
      written_.push_back(line);
    }
    return lines;
  }
  void AppendRaw(const std::string& text, const std::string& name = "auth.log") {
    std::ofstream out(path(name), std::ios::app | std::ios::binary);
    out << text;
  }
  void Rename(const std::string& from, const std::string& to) { fs::rename(path(from), path(to)); }
  void Gzip(const std::string& name) { ASSERT_EQ(testing::Run({"gzip", path(name)}).exit_code, 0); }
  void Create(const std::string& name = "auth.log") { WriteFile(path(name), ""); }
  const std::vector<std::string>& written() const { return written_; }

 private:
  const TempDir& dir_;
  int next_ = 0;
  std::vector<std::string> written_;
};

class ResumeStateTest : public ::testing::Test {
 protected:
  RunResult Run(std::vector<std::string> inputs = {}) {
    if (inputs.empty()) inputs = {log_.path()};
    RunResult result = RunOnce(state_path_, inputs);
    EXPECT_TRUE(result.status.ok()) << result.status.message();
    all_read_.insert(all_read_.end(), result.lines.begin(), result.lines.end());
    return result;
  }
  // Every line written so far was read exactly once, in the order written.
  void ExpectExactlyOnce() { EXPECT_EQ(all_read_, log_.written()); }

  TempDir logs_;
  TempDir state_dir_;
  fs::path state_path_ = state_dir_ / "auth.state";
  Log log_{logs_};
  std::vector<std::string> all_read_;
};

TEST_F(ResumeStateTest, ReadsOnlyNewLines) {
  std::vector<std::string> first = log_.Append(5);
  EXPECT_EQ(Run().lines, first);
  EXPECT_TRUE(Run().lines.empty());
  std::vector<std::string> second = log_.Append(40);  // past the 1024 fingerprinted bytes
  EXPECT_EQ(Run().lines, second);
  std::vector<std::string> third = log_.Append(3);
  EXPECT_EQ(Run().lines, third);
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, RenameRotationReadsTheRestOfTheOldFileFirst) {
  log_.Append(5);
  Run();
  log_.Append(3);  // written before the rotation, not yet read
  log_.Rename("auth.log", "auth.log.1");
  log_.Create();
  log_.Append(4);
  RunResult run = Run();
  EXPECT_EQ(run.planned, (std::vector<std::string>{log_.path("auth.log.1"), log_.path()}));
  EXPECT_TRUE(Run().lines.empty());
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, DaemonStillWritingToRenamedFileUntilItReopens) {
  log_.Append(5);
  Run();
  log_.Rename("auth.log", "auth.log.1");
  log_.Create();
  Run();
  log_.Append(2, "auth.log.1");  // before its HUP the daemon still writes the old file
  log_.Append(3);
  Run();
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, DelayCompressThenCompress) {
  log_.Append(30);
  Run();
  log_.Append(2);
  log_.Rename("auth.log", "auth.log.1");  // first rotation: renamed, not compressed yet
  log_.Create();
  log_.Append(3);
  Run();
  log_.Append(2, "auth.log.1");  // late writes to the renamed file
  log_.Append(2);
  log_.Rename("auth.log.1", "auth.log.2");  // second rotation: the old one is compressed
  log_.Gzip("auth.log.2");
  log_.Rename("auth.log", "auth.log.1");
  log_.Create();
  log_.Append(4);
  RunResult run = Run();
  EXPECT_EQ(run.planned, (std::vector<std::string>{log_.path("auth.log.2.gz"),
                                                   log_.path("auth.log.1"), log_.path()}));
  ExpectExactlyOnce();
  // Nothing new: the complete .gz is not even opened, nothing is read.
  RunResult quiet = Run();
  EXPECT_TRUE(quiet.lines.empty());
  EXPECT_EQ(quiet.planned, std::vector<std::string>{log_.path()});
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, CompressWithoutDelay) {
  log_.Append(10);
  Run();
  log_.Append(2);
  log_.Rename("auth.log", "auth.log.1");
  log_.Gzip("auth.log.1");
  log_.Create();
  log_.Append(1);
  Run();
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, CopyTruncate) {
  log_.Append(30);
  Run();
  log_.Append(3);
  fs::copy_file(log_.path(), log_.path("auth.log.1"));
  fs::resize_file(log_.path(), 0);
  log_.Append(2);
  RunResult run = Run();
  EXPECT_EQ(run.planned, (std::vector<std::string>{log_.path("auth.log.1"), log_.path()}));
  ExpectExactlyOnce();
  log_.Append(50);  // the truncated file grows past its old offset
  Run();
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, CopyTruncateWhenTheLiveFileRegrewPastTheOldOffset) {
  log_.Append(3);
  Run();
  fs::copy_file(log_.path(), log_.path("auth.log.1"));
  fs::resize_file(log_.path(), 0);
  log_.Append(20);  // longer than before: only the fingerprint tells it was truncated
  Run();
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, TruncatedInPlaceWithoutCopyWarns) {
  log_.Append(10);
  Run();
  fs::resize_file(log_.path(), 0);
  std::vector<std::string> fresh = log_.Append(2);
  RunResult run = Run();
  EXPECT_EQ(run.lines, fresh);
  EXPECT_NE(run.messages.find("may be lost"), std::string::npos) << run.messages;
}

TEST_F(ResumeStateTest, DateExtRotation) {
  log_.Append(8);
  Run();
  log_.Append(2);
  log_.Rename("auth.log", "auth.log-20261124");
  log_.Create();
  log_.Append(2);
  Run();
  log_.Gzip("auth.log-20261124");
  log_.Append(1);
  Run();
  RunResult last = Run();
  EXPECT_EQ(last.planned, std::vector<std::string>{log_.path()});
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, SeveralRotationsBetweenRuns) {
  log_.Append(6);
  Run();
  log_.Append(2);  // A's unread end
  log_.Rename("auth.log", "auth.log.1");
  log_.Create();
  log_.Append(3);  // B, never seen as the live file
  log_.Rename("auth.log.1", "auth.log.2");
  log_.Gzip("auth.log.2");
  log_.Rename("auth.log", "auth.log.1");
  log_.Create();
  log_.Append(2);  // C
  RunResult run = Run();
  EXPECT_EQ(run.planned, (std::vector<std::string>{log_.path("auth.log.2.gz"),
                                                   log_.path("auth.log.1"), log_.path()}));
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, RotatedAwayWarnsAndReadsTheNewFile) {
  log_.Append(5);
  Run();
  log_.Append(2);  // lost with the deleted rotation
  log_.Rename("auth.log", "auth.log.1");
  fs::remove(log_.path("auth.log.1"));
  log_.Create();
  std::vector<std::string> fresh = log_.Append(2);
  RunResult run = Run();
  EXPECT_EQ(run.lines, fresh);
  EXPECT_NE(run.messages.find("rotated away"), std::string::npos) << run.messages;
  EXPECT_NE(run.messages.find("may be lost"), std::string::npos);
  EXPECT_NE(run.messages.find(log_.path()), std::string::npos);
  EXPECT_EQ(Run().messages.find("may be lost"), std::string::npos);  // said once
}

TEST_F(ResumeStateTest, OldRotationsThatPredateTheStateAreNotRead) {
  WriteFile(log_.path("auth.log.2"), "ancient\n");
  log_.Gzip("auth.log.2");
  WriteFile(log_.path("auth.log.1"), "old\n");
  log_.Append(4);
  Run();
  log_.Append(1);
  Run();
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, PartialLastLineIsReadOnceComplete) {
  log_.Append(2);
  log_.AppendRaw("Nov 24 10:00:01 host sshd[42]: half");
  RunResult first = Run();
  EXPECT_EQ(first.lines.size(), 2u);
  log_.AppendRaw(" a line\n");
  RunResult second = Run();
  EXPECT_EQ(second.lines, std::vector<std::string>{"Nov 24 10:00:01 host sshd[42]: half a line"});
  EXPECT_TRUE(Run().lines.empty());
}

TEST_F(ResumeStateTest, PartialLineCompletedAfterRotation) {
  log_.Append(2);
  log_.AppendRaw("start of");
  Run();
  log_.Rename("auth.log", "auth.log.1");
  log_.AppendRaw(" a line\n", "auth.log.1");  // the daemon finishes it in the renamed file
  log_.Create();
  RunResult run = Run();
  EXPECT_EQ(run.lines, std::vector<std::string>{"start of a line"});
}

TEST_F(ResumeStateTest, CompressedFileConsumesItsUnterminatedLastLine) {
  WriteFile(log_.path("old.log.1"), "one\ntwo\nno newline");
  log_.Gzip("old.log.1");
  RunResult run = Run({log_.path("old.log.1.gz")});
  EXPECT_EQ(run.lines, (std::vector<std::string>{"one", "two", "no newline"}));
  RunResult again = Run({log_.path("old.log.1.gz")});
  EXPECT_TRUE(again.lines.empty());
  EXPECT_TRUE(again.planned.empty());  // complete: skipped without decompressing
}

TEST_F(ResumeStateTest, ZstdRotation) {
  if (!testing::HaveProgram("zstd")) GTEST_SKIP() << "zstd not installed";
  log_.Append(10);
  Run();
  log_.Append(2);
  log_.Rename("auth.log", "auth.log.1");
  ASSERT_EQ(testing::Run({"zstd", "-q", "--rm", log_.path("auth.log.1")}).exit_code, 0);
  log_.Create();
  log_.Append(1);
  RunResult run = Run();
  EXPECT_EQ(run.planned, (std::vector<std::string>{log_.path("auth.log.1.zst"), log_.path()}));
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, WholeRotationSetNamedOrWalked) {
  WriteFile(log_.path("auth.log.2"), "");
  log_.Append(3, "auth.log.2");
  log_.Gzip("auth.log.2");
  log_.Append(3, "auth.log.1");
  log_.Append(3);
  InputSetOptions walk;
  walk.recursive = true;
  auto expand = [&] {
    CapturedDiag captured;
    Result<InputSet> set = ExpandInputs({logs_.path().string()}, walk, captured.diag());
    EXPECT_TRUE(set.ok());
    return set->paths;
  };
  Run(expand());
  ExpectExactlyOnce();
  log_.Append(2);
  log_.Rename("auth.log.2.gz", "auth.log.3.gz");
  log_.Rename("auth.log.1", "auth.log.2");
  log_.Gzip("auth.log.2");
  log_.Rename("auth.log", "auth.log.1");
  log_.Create();
  log_.Append(2);
  Run(expand());
  ExpectExactlyOnce();
  RunResult quiet = Run(expand());
  EXPECT_TRUE(quiet.lines.empty());
  for (const std::string& path : quiet.planned) {
    EXPECT_FALSE(path.ends_with(".gz")) << path << " was read again";
  }
}

TEST_F(ResumeStateTest, RelativeAndAbsoluteNamesAreTheSameFile) {
  log_.Append(3);
  Run();
  log_.Append(1);
  fs::path saved = fs::current_path();
  fs::current_path(logs_.path());
  RunResult run = RunOnce(state_path_, {"auth.log", "./auth.log"});
  fs::current_path(saved);
  EXPECT_EQ(run.planned, std::vector<std::string>{"auth.log"});  // read once
  all_read_.insert(all_read_.end(), run.lines.begin(), run.lines.end());
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, CopyBeingCompressedIsNotReadTwice) {
  log_.Append(5);
  Run();
  log_.Rename("auth.log", "auth.log.1");
  log_.Create();
  Run();
  log_.Append(1, "auth.log.1");
  // gzip has written auth.log.2.gz but not yet removed its source (renamed to .2 here).
  ASSERT_EQ(testing::Run({"gzip", "-k", log_.path("auth.log.1")}).exit_code, 0);
  log_.Rename("auth.log.1.gz", "auth.log.2.gz");
  RunResult run = Run();
  EXPECT_EQ(run.planned, (std::vector<std::string>{log_.path("auth.log.1"), log_.path()}));
  ExpectExactlyOnce();
}

TEST_F(ResumeStateTest, StandardInputIsPlannedUntracked) {
  Result<ResumeState> state = ResumeState::Open(state_path_.string());
  ASSERT_TRUE(state.ok());
  CapturedDiag captured;
  std::vector<ReadPlan> plans = state->Plan({"-"}, captured.diag());
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].path, "-");
  EXPECT_FALSE(plans[0].tracked);
}

TEST_F(ResumeStateTest, MissingInputIsPlannedSoReadingReportsIt) {
  Result<ResumeState> state = ResumeState::Open(state_path_.string());
  ASSERT_TRUE(state.ok());
  CapturedDiag captured;
  std::vector<ReadPlan> plans = state->Plan({log_.path("nope.log")}, captured.diag());
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_FALSE(plans[0].tracked);
  Result<std::unique_ptr<InputSource>> in = OpenPlanned(plans[0]);
  EXPECT_EQ(in.status().code(), ExitCode::kNoInput);
}

TEST_F(ResumeStateTest, EntriesOfOtherInputsAreKept) {
  log_.Append(2);
  log_.Append(2, "other.log");
  Run({log_.path()});
  Run({log_.path("other.log")});
  nlohmann::json saved = nlohmann::json::parse(ReadFile(state_path_));
  ASSERT_EQ(saved["files"].size(), 2u);
  EXPECT_TRUE(Run({log_.path()}).lines.empty());
}

TEST_F(ResumeStateTest, FileRotatedDuringTheRunIsLeftForTheNextRun) {
  log_.Append(5);
  Result<ResumeState> state = ResumeState::Open(state_path_.string());
  ASSERT_TRUE(state.ok());
  CapturedDiag captured;
  std::vector<ReadPlan> plans = state->Plan({log_.path()}, captured.diag());
  log_.Rename("auth.log", "auth.log.1");
  log_.Create();
  ASSERT_EQ(plans.size(), 1u);
  Result<std::unique_ptr<InputSource>> in = OpenPlanned(plans[0]);
  EXPECT_EQ(in.status().code(), ExitCode::kTempFail);
  EXPECT_NE(in.status().message().find("changed since it was planned"), std::string::npos);
}

// --- the state file itself ---

TEST_F(ResumeStateTest, StateFileFormatModeAndNoTemporaryLeft) {
  log_.Append(30);
  Run();
  struct stat st {};
  ASSERT_EQ(stat(state_path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat((state_path_.string() + ".lock").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(state_dir_.path())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"auth.state", "auth.state.lock"}));

  nlohmann::json saved = nlohmann::json::parse(ReadFile(state_path_));
  EXPECT_EQ(saved["format"], "seckit-log-grep-state");
  EXPECT_EQ(saved["version"], 1);
  ASSERT_EQ(saved["files"].size(), 1u);
  const nlohmann::json& entry = saved["files"][0];
  ASSERT_EQ(stat(log_.path().c_str(), &st), 0);
  EXPECT_EQ(entry["path"], fs::absolute(log_.path()).lexically_normal().string());
  EXPECT_EQ(entry["dev"], static_cast<uint64_t>(st.st_dev));
  EXPECT_EQ(entry["inode"], static_cast<uint64_t>(st.st_ino));
  EXPECT_EQ(entry["offset"], static_cast<uint64_t>(st.st_size));
  EXPECT_EQ(entry["line"], 30);
  EXPECT_EQ(entry["fingerprint_length"], 1024);
  std::string head = ReadFile(log_.path()).substr(0, 1024);
  EXPECT_EQ(entry["fingerprint"], HashBytes(HashAlgorithm::kSha256, head).value());
  EXPECT_EQ(entry["compressed"], false);
}

TEST_F(ResumeStateTest, SaveReplacesTheFileAtomically) {
  log_.Append(3);
  Run();
  struct stat before {};
  ASSERT_EQ(stat(state_path_.c_str(), &before), 0);
  log_.Append(1);
  Run();
  struct stat after {};
  ASSERT_EQ(stat(state_path_.c_str(), &after), 0);
  EXPECT_NE(before.st_ino, after.st_ino);  // a new file renamed in, never rewritten in place
}

TEST_F(ResumeStateTest, EmptyStateFileIsAFirstRun) {
  WriteFile(state_path_, "");
  std::vector<std::string> lines = log_.Append(2);
  EXPECT_EQ(Run().lines, lines);
}

TEST_F(ResumeStateTest, MissingStateDirectoryIsCantCreate) {
  Result<ResumeState> state = ResumeState::Open((state_dir_ / "no/such/dir/x.state").string());
  EXPECT_EQ(state.status().code(), ExitCode::kCantCreate);
}

struct CorruptCase {
  const char* text;
  const char* expected;
};

TEST_F(ResumeStateTest, CorruptStateIsAConfigErrorNamingTheFile) {
  const CorruptCase cases[] = {
      {"{not json", "corrupt state file"},
      {"[]", "not a log-grep state file"},
      {R"({"format":"something-else","version":1,"files":[]})", "not a log-grep state file"},
      {R"({"format":"seckit-log-grep-state","files":[]})", "\"version\""},
      {R"({"format":"seckit-log-grep-state","version":9,"files":[]})", "newer"},
      {R"({"format":"seckit-log-grep-state","version":1,"files":{}})", "\"files\""},
      {R"({"format":"seckit-log-grep-state","version":1,"files":[{"path":"/x","dev":1,)"
       R"("inode":"7","size":0,"offset":0,"line":0,"fingerprint":"","fingerprint_length":0,)"
       R"("compressed":false,"complete":false}]})",
       "files[0]: \"inode\""},
      {R"({"format":"seckit-log-grep-state","version":1,"files":[{"path":"/x","dev":1,)"
       R"("inode":7,"size":0,"offset":0,"line":0,"fingerprint":"zz","fingerprint_length":0,)"
       R"("compressed":false,"complete":false}]})",
       "\"fingerprint\""},
  };
  for (const CorruptCase& c : cases) {
    WriteFile(state_path_, c.text);
    Result<ResumeState> state = ResumeState::Open(state_path_.string());
    ASSERT_FALSE(state.ok()) << c.text;
    EXPECT_EQ(state.status().code(), ExitCode::kConfig) << c.text;
    EXPECT_NE(state.status().message().find(state_path_.string()), std::string::npos);
    EXPECT_NE(state.status().message().find(c.expected), std::string::npos)
        << state.status().message();
    EXPECT_EQ(ReadFile(state_path_), c.text);  // never overwritten
  }
}

// --- locking ---

TEST_F(ResumeStateTest, SecondOpenInTheSameProcessIsRefused) {
  Result<ResumeState> first = ResumeState::Open(state_path_.string());
  ASSERT_TRUE(first.ok());
  Result<ResumeState> second = ResumeState::Open(state_path_.string());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), ExitCode::kTempFail);
  EXPECT_NE(second.status().message().find("in use by another run"), std::string::npos);
  ResumeState moved = std::move(first).value();  // the lock moves with the state
  EXPECT_FALSE(ResumeState::Open(state_path_.string()).ok());
}

// Forks a child that holds the lock until `hold` has passed (or the parent says so).
pid_t HoldLockInChild(const fs::path& state_path, std::chrono::milliseconds hold) {
  int ready[2];
  if (pipe(ready) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(ready[0]);
    Result<ResumeState> state = ResumeState::Open(state_path.string());
    char byte = state.ok() ? '1' : '0';
    if (write(ready[1], &byte, 1) != 1) _exit(2);
    usleep(static_cast<useconds_t>(hold.count() * 1000));
    _exit(state.ok() ? 0 : 1);
  }
  close(ready[1]);
  char byte = 0;
  ssize_t n = read(ready[0], &byte, 1);
  close(ready[0]);
  return n == 1 && byte == '1' ? pid : -1;
}

TEST_F(ResumeStateTest, LockHeldByAnotherProcessIsTempFail) {
  pid_t child = HoldLockInChild(state_path_, std::chrono::milliseconds(3000));
  ASSERT_GT(child, 0);
  Result<ResumeState> state = ResumeState::Open(state_path_.string());
  EXPECT_EQ(state.status().code(), ExitCode::kTempFail);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(ResumeState::Open(state_path_.string()).ok());  // released with the process
}

TEST_F(ResumeStateTest, LockWaitOutlastsAShortHolder) {
  pid_t child = HoldLockInChild(state_path_, std::chrono::milliseconds(300));
  ASSERT_GT(child, 0);
  ResumeStateOptions options;
  options.lock_wait = std::chrono::milliseconds(10000);
  auto start = std::chrono::steady_clock::now();
  Result<ResumeState> state = ResumeState::Open(state_path_.string(), options);
  EXPECT_TRUE(state.ok()) << state.status().message();
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(100));
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// --- OpenAt ---

TEST(OpenAt, SeeksPlainAndSkipsCompressed) {
  TempDir dir;
  WriteFile(dir / "plain.log", "0123456789\nabc\n");
  WriteFile(dir / "packed.log", "0123456789\nabc\n");
  ASSERT_EQ(testing::Run({"gzip", (dir / "packed.log").string()}).exit_code, 0);
  for (const char* name : {"plain.log", "packed.log.gz"}) {
    Result<std::unique_ptr<InputSource>> in = OpenAt((dir / name).string(), 11);
    ASSERT_TRUE(in.ok()) << in.status().message();
    char buffer[64];
    Result<size_t> got = (*in)->Read(buffer, sizeof buffer);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(std::string(buffer, *got), "abc\n") << name;
  }
}

TEST(OpenAt, PlainFileWhoseBytesAtTheOffsetLookCompressed) {
  TempDir dir;
  WriteFile(dir / "odd.log", std::string("line\n\x1f\x8b\x08 not gzip\n", 19));
  Result<std::unique_ptr<InputSource>> in = OpenAt((dir / "odd.log").string(), 5);
  ASSERT_TRUE(in.ok()) << in.status().message();
  char buffer[64];
  Result<size_t> got = (*in)->Read(buffer, sizeof buffer);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(std::string(buffer, *got), std::string("\x1f\x8b\x08 not gzip\n", 14));
}

TEST(OpenAt, ShorterThanTheOffsetIsDataError) {
  TempDir dir;
  WriteFile(dir / "short.log", "abc\n");
  EXPECT_EQ(OpenAt((dir / "short.log").string(), 100).status().code(), ExitCode::kDataError);
  ASSERT_EQ(testing::Run({"gzip", (dir / "short.log").string()}).exit_code, 0);
  EXPECT_EQ(OpenAt((dir / "short.log.gz").string(), 100).status().code(), ExitCode::kDataError);
}

TEST(EndOfCompleteLines, StopsAfterTheLastNewline) {
  EXPECT_EQ(EndOfCompleteLines(LineBlock{"a\nbb\n", 10}), 15u);
  EXPECT_EQ(EndOfCompleteLines(LineBlock{"partial", 10}), 10u);
}

}  // namespace
}  // namespace seckit::log_grep
