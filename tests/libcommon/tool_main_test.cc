// ToolMain end to end through the seckit-fixture tool: exit statuses, the diagnostic format,
// closed pipes, a full disk, atomic -o, --strict and the config secrets rule.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_support.h"

namespace seckit {
namespace {

using testing::CommandResult;
using testing::TempDir;
using testing::WriteFile;

std::string Fixture() { return (testing::BinDir() / "seckit-fixture").string(); }

TEST(ToolMain, CopiesRecordsAndSucceeds) {
  CommandResult r = testing::Run({Fixture()}, "{\"a\":1}\n{\"b\":2}\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"a\":1}\n{\"b\":2}\n");
  EXPECT_EQ(r.err, "");
}

TEST(ToolMain, HelpAndVersion) {
  CommandResult help = testing::Run({Fixture(), "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--strict"), std::string::npos);
  EXPECT_NE(help.out.find("--output"), std::string::npos);
  CommandResult version = testing::Run({Fixture(), "--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("seckit "), std::string::npos);
}

TEST(ToolMain, BadFlagIsUsageError64) {
  CommandResult r = testing::Run({Fixture(), "--no-such-flag"});
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_EQ(r.err.rfind("seckit-fixture: error: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("try 'seckit-fixture --help'"), std::string::npos) << r.err;
}

TEST(ToolMain, MissingInputIs66AndOthersStillProcessed) {
  TempDir dir;
  WriteFile(dir / "good.jsonl", "{\"ok\":true}\n");
  CommandResult r = testing::Run({Fixture(), (dir / "missing.jsonl").string(), (dir / "good.jsonl").string()});
  EXPECT_EQ(r.exit_code, 66);
  EXPECT_EQ(r.out, "{\"ok\":true}\n");
  EXPECT_NE(r.err.find("seckit-fixture: error: cannot open"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.jsonl"), std::string::npos);
}

TEST(ToolMain, BadLinesAre65WithFileAndLine) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", "{\"a\":1}\nbroken\n{\"b\":2}\n");
  CommandResult r = testing::Run({Fixture(), (dir / "in.jsonl").string()});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(r.out, "{\"a\":1}\n{\"b\":2}\n");
  EXPECT_NE(r.err.find("in.jsonl:2)"), std::string::npos) << r.err;
}

TEST(ToolMain, StrictStopsAtTheFirstBadLine) {
  CommandResult r = testing::Run({Fixture(), "--strict"}, "{\"a\":1}\nbroken\n{\"b\":2}\n");
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(r.out, "{\"a\":1}\n");
  EXPECT_NE(r.err.find("(standard input):2"), std::string::npos) << r.err;
}

TEST(ToolMain, FullDiskIs74) {
  TempDir dir;
  std::string big;
  for (int i = 0; i < 10000; ++i) big += "{\"i\":" + std::to_string(i) + "}\n";
  WriteFile(dir / "in.jsonl", big);
  CommandResult r = testing::RunToFile({Fixture(), (dir / "in.jsonl").string()}, "/dev/full");
  EXPECT_EQ(r.exit_code, 74);
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
}

TEST(ToolMain, ClosedPipeEndsQuietlyWithZero) {
  if (!testing::HaveProgram("head")) GTEST_SKIP() << "no head";
  TempDir dir;
  WriteFile(dir / "in.jsonl", "{\"x\":1}\n");
  // A shell builds the pipeline here only; every word is a constant of this test.
  CommandResult r = testing::Run(
      {"bash", "-c",
       "set -o pipefail; \"$0\" --repeat 1000000 \"$1\" | head -1; echo \"status=${PIPESTATUS[0]}\"",
       Fixture(), (dir / "in.jsonl").string()});
  EXPECT_NE(r.out.find("status=0"), std::string::npos) << r.out << r.err;
  EXPECT_EQ(r.err, "");
}

TEST(ToolMain, OutputFileIsWrittenAtomically) {
  TempDir dir;
  std::string out = (dir / "out.jsonl").string();
  WriteFile(out, "old\n");
  CommandResult r = testing::Run({Fixture(), "-o", out}, "{\"new\":1}\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::ReadFile(out), "{\"new\":1}\n");
  CommandResult bad = testing::Run({Fixture(), "-o", (dir / "nodir" / "x.jsonl").string()}, "{}\n");
  EXPECT_EQ(bad.exit_code, 73);
}

TEST(ToolMain, ConfigWithReadableSecretsIsRefused78) {
  TempDir dir;
  std::string config = (dir / "config.toml").string();
  WriteFile(config, "[providers.virustotal]\napi_key = \"0123456789abcdef-secret\"\n");
  chmod(config.c_str(), 0644);
  CommandResult r = testing::Run({Fixture(), "--config", config}, "{}\n");
  EXPECT_EQ(r.exit_code, 78);
  EXPECT_NE(r.err.find("chmod 600"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("0123456789abcdef-secret"), std::string::npos) << "secret leaked";
  chmod(config.c_str(), 0600);
  CommandResult ok = testing::Run({Fixture(), "--config", config}, "{}\n");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

// A default config file this user may not open (a cron job run as another user with HOME left
// as it was) is skipped with a warning naming it; the same file named by --config is an error.
// As root every file is readable, so the tool then runs as nobody (setpriv).
TEST(ToolMain, UnreadableDefaultConfigIsSkippedWithAWarning) {
  TempDir dir;
  const std::filesystem::path seckit_dir = dir / "seckit";
  std::filesystem::create_directories(seckit_dir);
  const std::string config = (seckit_dir / "config.toml").string();
  WriteFile(config, "[providers.virustotal]\napi_key = \"0123456789abcdef-secret\"\n");
  ASSERT_EQ(chmod(config.c_str(), 0), 0);
  ASSERT_EQ(chmod(dir.path().c_str(), 0755), 0);
  ASSERT_EQ(chmod(seckit_dir.c_str(), 0755), 0);
  std::vector<std::string> as_user = {"env", "XDG_CONFIG_HOME=" + dir.path().string()};
  if (geteuid() == 0) {
    if (!testing::HaveProgram("setpriv")) GTEST_SKIP() << "root, and no setpriv to drop to nobody";
    as_user.insert(as_user.begin(),
                   {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
  }
  std::vector<std::string> by_default = as_user;
  by_default.push_back(Fixture());
  CommandResult r = testing::Run(by_default, "{\"a\":1}\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"a\":1}\n");
  EXPECT_NE(r.err.find("warning: ignoring config file " + config), std::string::npos) << r.err;
  std::vector<std::string> named = as_user;
  named.insert(named.end(), {Fixture(), "--config", config});
  CommandResult explicit_config = testing::Run(named, "{}\n");
  EXPECT_EQ(explicit_config.exit_code, 78) << explicit_config.err;
}

TEST(ToolMain, GeneratesManPageAndCompletions) {
  for (const char* what : {"man", "bash", "zsh", "fish"}) {
    CommandResult r = testing::Run({Fixture(), "--generate", what});
    EXPECT_EQ(r.exit_code, 0) << what << r.err;
    EXPECT_FALSE(r.out.empty()) << what;
  }
  EXPECT_EQ(testing::Run({Fixture(), "--generate", "pdf"}).exit_code, 64);
}

}  // namespace
}  // namespace seckit
