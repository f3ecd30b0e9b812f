// Tests for Diagnostics (message format, quiet/verbose, bad-input accounting, --strict) and the
// exit-status table.
#include "seckit/diag.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <set>

namespace seckit {
namespace {

class DiagTest : public ::testing::Test {
 protected:
  void SetUp() override { stream_ = open_memstream(&buffer_, &size_); }
  std::string Text() {
    fflush(stream_);
    return std::string(buffer_, size_);
  }
  void TearDown() override {
    fclose(stream_);
    free(buffer_);
  }
  char* buffer_ = nullptr;
  size_t size_ = 0;
  FILE* stream_ = nullptr;
};

TEST_F(DiagTest, FormatIsToolLevelWhatWhere) {
  Diagnostics diag("log-grep", stream_);
  diag.Error("cannot open x", "");
  diag.Warning("binary file skipped", "a.bin");
  EXPECT_EQ(Text(), "log-grep: error: cannot open x\nlog-grep: warning: binary file skipped (a.bin)\n");
}

TEST_F(DiagTest, QuietKeepsErrorsVerboseAddsNotes) {
  Diagnostics diag("t", stream_);
  diag.Note("hidden");
  diag.set_quiet(true);
  diag.Warning("hidden too");
  diag.Error("shown");
  diag.set_quiet(false);
  diag.set_verbose(true);
  diag.Note("now shown");
  EXPECT_EQ(Text(), "t: error: shown\nt: note: now shown\n");
}

TEST_F(DiagTest, MessagesCannotInjectLinesOrEscapes) {
  Diagnostics diag("t", stream_);
  diag.Error("bad\nline\x1b[31m", "file\r");
  EXPECT_EQ(Text(), "t: error: bad?line?[31m (file?)\n");
}

TEST_F(DiagTest, BadInputCountsCapsAndSummarises) {
  Diagnostics diag("t", stream_);
  for (int i = 0; i < 150; ++i) EXPECT_TRUE(diag.BadInput("bad line", "f:1").ok());
  diag.Finish();
  std::string text = Text();
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  EXPECT_EQ(lines, Diagnostics::kMaxBadInputMessages + 1);
  EXPECT_NE(text.find("150 bad inputs in all"), std::string::npos);
  EXPECT_EQ(diag.InputOutcome(), ExitCode::kDataError);
}

TEST_F(DiagTest, StrictTurnsBadInputIntoAnError) {
  Diagnostics diag("t", stream_);
  diag.set_strict(true);
  Status s = diag.BadInput("bad line", "f:3");
  EXPECT_EQ(s.code(), ExitCode::kDataError);
  EXPECT_EQ(s.message(), "bad line (f:3)");
}

TEST(ExitCodes, TableMatchesDesignDocument) {
  // DESIGN.md: 0 1 64 65 66 69 70 73 74 75 77 78 130.
  std::set<int> expected{0, 1, 64, 65, 66, 69, 70, 73, 74, 75, 77, 78, 130};
  std::set<int> actual;
  for (const ExitCodeInfo& info : AllExitCodes()) {
    actual.insert(static_cast<int>(info.code));
    EXPECT_FALSE(info.meaning.empty());
  }
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(InfoFor(ExitCode::kDataError).name, "data-error");
}

TEST(ExitCodes, MoreSeriousPrefersFailures) {
  EXPECT_EQ(MoreSerious(ExitCode::kOk, ExitCode::kDataError), ExitCode::kDataError);
  EXPECT_EQ(MoreSerious(ExitCode::kNothingFound, ExitCode::kOk), ExitCode::kNothingFound);
  EXPECT_EQ(MoreSerious(ExitCode::kNoInput, ExitCode::kDataError), ExitCode::kNoInput);
  EXPECT_EQ(MoreSerious(ExitCode::kNothingFound, ExitCode::kIoError), ExitCode::kIoError);
}

}  // namespace
}  // namespace seckit
