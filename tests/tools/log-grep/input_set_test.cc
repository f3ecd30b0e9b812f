// Tests for log-grep's input enumeration: rotated-name parsing and time order, directory walks
// with -r/-R, globs, symlinks and loops, unreadable and missing inputs, binary detection.
#include "input_set.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "rotated_name.h"
#include "captured_diag.h"
#include "test_support.h"

namespace seckit::log_grep {
namespace {

namespace fs = std::filesystem;
using testing::CapturedDiag;
using testing::TempDir;
using testing::WriteFile;

using Kind = RotatedName::Kind;

TEST(RotatedName, Parses) {
  struct Case {
    const char* name;
    const char* base;
    Kind kind;
    const char* stamp;
    const char* compression;
  } cases[] = {
      {"auth.log", "auth.log", Kind::kLive, "", ""},
      {"auth.log.1", "auth.log", Kind::kNumbered, "1", ""},
      {"auth.log.0", "auth.log", Kind::kNumbered, "0", ""},
      {"auth.log.2.gz", "auth.log", Kind::kNumbered, "2", ".gz"},
      {"auth.log.10.zst", "auth.log", Kind::kNumbered, "10", ".zst"},
      {"auth.log-20261124", "auth.log", Kind::kDated, "20261124", ""},
      {"auth.log-20261124.gz", "auth.log", Kind::kDated, "20261124", ".gz"},
      {"auth.log-2026-11-24.xz", "auth.log", Kind::kDated, "2026-11-24", ".xz"},
      {"auth.log.20261124", "auth.log", Kind::kDated, "20261124", ""},
      {"syslog-1764000000", "syslog", Kind::kDated, "1764000000", ""},
      {"messages.3.bz2", "messages", Kind::kNumbered, "3", ".bz2"},
      {"auth.log.gz", "auth.log.gz", Kind::kLive, "", ""},  // no stamp: a file of its own
      {"app-error.log", "app-error.log", Kind::kLive, "", ""},
      {"access_log", "access_log", Kind::kLive, "", ""},
      {"2026", "2026", Kind::kLive, "", ""},
      {".1", ".1", Kind::kLive, "", ""},
      {"x.-1", "x.-1", Kind::kLive, "", ""},
  };
  for (const Case& c : cases) {
    RotatedName parsed = ParseRotatedName(c.name);
    EXPECT_EQ(parsed.base, c.base) << c.name;
    EXPECT_EQ(parsed.kind, c.kind) << c.name;
    EXPECT_EQ(parsed.stamp, c.stamp) << c.name;
    EXPECT_EQ(parsed.compression, c.compression) << c.name;
  }
}

TEST(RotatedName, OrdersOldestFirstWithNumbersComparedAsNumbers) {
  std::vector<std::string> names = {"auth.log",       "auth.log.1",    "auth.log.2.gz",
                                    "auth.log.10.gz", "auth.log.9.gz", "auth.log.0"};
  std::sort(names.begin(), names.end(), RotatedBefore);
  EXPECT_EQ(names, (std::vector<std::string>{"auth.log.10.gz", "auth.log.9.gz", "auth.log.2.gz",
                                             "auth.log.1", "auth.log.0", "auth.log"}));
  std::vector<std::string> dated = {"auth.log", "auth.log-20261124.gz", "auth.log-20260101.gz",
                                    "auth.log-20261201"};
  std::sort(dated.begin(), dated.end(), RotatedBefore);
  EXPECT_EQ(dated, (std::vector<std::string>{"auth.log-20260101.gz", "auth.log-20261124.gz",
                                             "auth.log-20261201", "auth.log"}));
}

TEST(OrderRotatedSets, GroupsByDirectoryAndBaseAtTheFirstPlace) {
  std::vector<std::string> paths = {"a.log",   "b.log",         "a.log.2.gz",  "-",
                                    "a.log.1", "other/a.log.1", "other/a.log", "a.log.10.gz"};
  OrderRotatedSets(paths);
  EXPECT_EQ(paths, (std::vector<std::string>{"a.log.10.gz", "a.log.2.gz", "a.log.1", "a.log",
                                             "b.log", "-", "other/a.log.1", "other/a.log"}));
}

TEST(LooksBinary, NulWithinTheFirst64KiB) {
  std::vector<uint8_t> text(100 * 1024, 'a');
  EXPECT_FALSE(LooksBinary(text));
  text[70 * 1024] = 0;  // past the probe: not looked at
  EXPECT_FALSE(LooksBinary(text));
  text[1000] = 0;
  EXPECT_TRUE(LooksBinary(text));
  EXPECT_FALSE(LooksBinary({}));
}

class InputSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "logs/sub");
    for (const char* name :
         {"logs/auth.log", "logs/auth.log.1", "logs/auth.log.2.gz", "logs/auth.log.10.gz",
          "logs/b.txt", "logs/.hidden", "logs/sub/c.log", "logs/zz.log-20261124", "logs/zz.log"}) {
      WriteFile(dir_ / name, "x\n");
    }
  }
  std::string P(const std::string& relative) const { return (dir_ / relative).string(); }
  Result<InputSet> Expand(const std::vector<std::string>& args, const InputSetOptions& options) {
    return ExpandInputs(args, options, captured_.diag());
  }

  TempDir dir_;
  CapturedDiag captured_;
};

TEST_F(InputSetTest, RecursiveWalkIsSortedWithRotatedSetsOldestFirst) {
  InputSetOptions options;
  options.recursive = true;
  Result<InputSet> set = Expand({P("logs")}, options);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->outcome, ExitCode::kOk);
  EXPECT_EQ(set->paths, (std::vector<std::string>{
                            P("logs/.hidden"), P("logs/auth.log.10.gz"), P("logs/auth.log.2.gz"),
                            P("logs/auth.log.1"), P("logs/auth.log"), P("logs/b.txt"),
                            P("logs/sub/c.log"), P("logs/zz.log-20261124"), P("logs/zz.log")}));
}

TEST_F(InputSetTest, IncludeAndExcludeGlobsOnBaseNames) {
  InputSetOptions options;
  options.recursive = true;
  options.include = {"*.log*"};
  options.exclude = {"*.gz", "c.*"};
  Result<InputSet> set = Expand({P("logs")}, options);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->paths, (std::vector<std::string>{P("logs/auth.log.1"), P("logs/auth.log"),
                                                  P("logs/zz.log-20261124"), P("logs/zz.log")}));
  // A file named on the command line is read whatever the globs say.
  set = Expand({P("logs/b.txt")}, options);
  EXPECT_EQ(set->paths, std::vector<std::string>{P("logs/b.txt")});
}

TEST_F(InputSetTest, DirectoryWithoutRecursiveIsReportedAndSkipped) {
  Result<InputSet> set = Expand({P("logs"), P("logs/b.txt")}, InputSetOptions{});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->paths, std::vector<std::string>{P("logs/b.txt")});
  EXPECT_EQ(set->outcome, ExitCode::kNoInput);
  EXPECT_NE(captured_.text().find("log-grep: error: cannot read " + P("logs") + ": is a directory"),
            std::string::npos)
      << captured_.text();
}

TEST_F(InputSetTest, MissingInputIsReportedAndTheRestContinue) {
  Result<InputSet> set = Expand({P("nope.log"), P("logs/b.txt"), "-"}, InputSetOptions{});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->paths, (std::vector<std::string>{P("logs/b.txt"), "-"}));
  EXPECT_EQ(set->outcome, ExitCode::kNoInput);
  EXPECT_NE(captured_.text().find("cannot open " + P("nope.log") + ": No such file"),
            std::string::npos);
}

TEST_F(InputSetTest, UnreadableFileIsReported) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  chmod(P("logs/b.txt").c_str(), 0);
  InputSetOptions options;
  options.recursive = true;
  Result<InputSet> set = Expand({P("logs")}, options);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(std::count(set->paths.begin(), set->paths.end(), P("logs/b.txt")), 0);
  EXPECT_EQ(set->outcome, ExitCode::kNoInput);
  EXPECT_NE(captured_.text().find("Permission denied"), std::string::npos);
}

TEST_F(InputSetTest, SymlinksInsideTheWalkAreSkippedWithoutDashR) {
  fs::create_directory_symlink(dir_ / "logs", dir_ / "logs/sub/loop");  // a loop
  fs::create_symlink(dir_ / "logs/b.txt", dir_ / "logs/sub/link.txt");
  fs::create_symlink(dir_ / "nowhere", dir_ / "logs/sub/dangling");
  InputSetOptions options;
  options.recursive = true;
  Result<InputSet> set = Expand({P("logs/sub")}, options);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->paths, std::vector<std::string>{P("logs/sub/c.log")});
  EXPECT_EQ(set->outcome, ExitCode::kOk);
  // Named on the command line, a symlinked directory is followed.
  set = Expand({P("logs/sub/loop")}, options);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->paths.size(), 9u);  // the nine files of logs (sub's links are skipped)
}

TEST_F(InputSetTest, FollowingSymlinksDetectsLoops) {
  fs::create_directory_symlink(dir_ / "logs", dir_ / "logs/sub/loop");
  InputSetOptions options;
  options.follow_symlinks = true;
  Result<InputSet> set = Expand({P("logs")}, options);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->paths.size(), 9u);  // each file once
  EXPECT_NE(captured_.text().find("recursive directory loop"), std::string::npos)
      << captured_.text();
}

TEST_F(InputSetTest, SpecialFilesFoundByWalkingAreSkipped) {
  ASSERT_EQ(mkfifo(P("logs/sub/fifo").c_str(), 0600), 0);
  InputSetOptions options;
  options.recursive = true;
  Result<InputSet> set = Expand({P("logs/sub")}, options);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->paths, std::vector<std::string>{P("logs/sub/c.log")});
  // Named explicitly, a FIFO is the user's choice.
  set = Expand({P("logs/sub/fifo")}, InputSetOptions{});
  EXPECT_EQ(set->paths, std::vector<std::string>{P("logs/sub/fifo")});
}

TEST_F(InputSetTest, NoPathsMeansStandardInputOrTheWorkingDirectory) {
  Result<InputSet> set = Expand({}, InputSetOptions{});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->paths, std::vector<std::string>{"-"});
  fs::path saved = fs::current_path();
  fs::current_path(dir_ / "logs/sub");
  InputSetOptions options;
  options.recursive = true;
  set = Expand({}, options);
  fs::current_path(saved);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->paths, std::vector<std::string>{"c.log"});  // no "./", as grep
}

TEST_F(InputSetTest, ExplicitRotatedFilesAreOrderedOldestFirst) {
  Result<InputSet> set = Expand(
      {P("logs/auth.log"), P("logs/auth.log.1"), P("logs/auth.log.10.gz"), P("logs/auth.log.2.gz")},
      InputSetOptions{});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->paths, (std::vector<std::string>{P("logs/auth.log.10.gz"), P("logs/auth.log.2.gz"),
                                                  P("logs/auth.log.1"), P("logs/auth.log")}));
  InputSetOptions as_given;
  as_given.order_rotated = false;
  set = Expand({P("logs/auth.log"), P("logs/auth.log.1")}, as_given);
  EXPECT_EQ(set->paths, (std::vector<std::string>{P("logs/auth.log"), P("logs/auth.log.1")}));
}

}  // namespace
}  // namespace seckit::log_grep
