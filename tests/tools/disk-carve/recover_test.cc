// disk-carve recover: bytes identical to icat's, filters, and a hostile image that must not write
// outside --out nor overwrite anything.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "disk_test_util.h"
#include "safe_name.h"

namespace seckit::testing {
namespace {

using seckit::disk_carve::SafeComponent;
using seckit::disk_carve::SafeComponents;

std::vector<nlohmann::json> Recover(const std::vector<std::string>& args, int expect_exit = 0) {
  std::vector<std::string> argv = {DiskCarve(), "recover"};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult r = RunCmd(argv);
  EXPECT_EQ(r.exit_code, expect_exit) << r.err;
  return ParseRecords(r.out);
}

// Every recovered file has exactly the bytes icat gives for its inode, and its manifest hash.
void ExpectRecoveredLikeIcat(const std::string& image, const std::vector<nlohmann::json>& records) {
  for (const nlohmann::json& rec : records) {
    const std::string path = rec["disk"]["recovered"]["path"];
    const std::string bytes = ReadFile(path);
    EXPECT_EQ(Sha256Of(bytes), IcatSha256({image}, rec["file"]["inode"])) << path;
    EXPECT_EQ(Sha256Of(bytes), rec["file"]["hash"]["sha256"]) << path;
  }
}

TEST(Recover, CorpusBytesIdenticalToIcat) {
  for (const char* name : {"image.E01", "syslog_image.dd", "hfsplus.raw", "iso9660.raw"}) {
    const std::filesystem::path image = CorpusFile(std::string("disk/") + name);
    if (image.empty()) GTEST_SKIP() << "corpus absent";
    TempDir out;
    auto records = Recover({image.string(), "--out", (out / "r").string()});
    EXPECT_FALSE(records.empty()) << name;
    ExpectRecoveredLikeIcat(image.string(), records);
  }
}

TEST(Recover, DeletedAndFilters) {
  if (!HaveProgram("mkfs.ext4") || !HaveProgram("debugfs")) GTEST_SKIP() << "no e2fsprogs";
  TempDir dir;
  const std::string img = (dir / "e.img").string();
  MustRun({"mkfs.ext4", "-q", "-F", "-b", "1024", img, "8M"});
  WriteFile(dir / "a.bin", RandomBytes(70000, 21));
  WriteFile(dir / "b.txt", "text\n");
  WriteFile(dir / "gone.bin", RandomBytes(30000, 22));
  std::ofstream(dir / "cmds") << "mkdir d\nwrite " << (dir / "a.bin").string() << " d/a.bin\n"
                              << "write " << (dir / "b.txt").string() << " d/b.txt\n"
                              << "write " << (dir / "gone.bin").string() << " d/gone.bin\n"
                              << "rm d/gone.bin\n";
  MustRun({"debugfs", "-w", "-f", (dir / "cmds").string(), img});
  auto all = Recover({img, "--out", (dir / "all").string()});
  ExpectRecoveredLikeIcat(img, all);
  EXPECT_EQ(ReadFile(dir / "all" / "d" / "a.bin"), ReadFile(dir / "a.bin"));
  EXPECT_EQ(ReadFile(dir / "all" / "d" / "b.txt"), "text\n");

  auto deleted = Recover({img, "--out", (dir / "del").string(), "--deleted"});
  for (const auto& rec : deleted) EXPECT_TRUE(rec["file"]["deleted"].get<bool>());
  ExpectRecoveredLikeIcat(img, deleted);

  auto ext = Recover({img, "--out", (dir / "ext").string(), "--ext", "TXT"});
  ASSERT_EQ(ext.size(), 1u);
  EXPECT_EQ(ext[0]["file"]["path"], "/d/b.txt");
  auto glob = Recover({img, "--out", (dir / "glob").string(), "--glob", "/d/a*"});
  ASSERT_EQ(glob.size(), 1u);
  EXPECT_EQ(glob[0]["file"]["path"], "/d/a.bin");
  auto inode = Recover({img, "--out", (dir / "ino").string(), "--inode",
                        glob[0]["file"]["inode"].get<std::string>()});
  ASSERT_EQ(inode.size(), 1u);
  EXPECT_EQ(inode[0]["file"]["path"], "/d/a.bin");
}

TEST(Recover, HostileNamesStayInsideOut) {
  if (!HaveProgram("mkfs.ext4") || !HaveProgram("debugfs")) GTEST_SKIP() << "no e2fsprogs";
  TempDir dir;
  const std::string img = (dir / "h.img").string();
  MustRun({"mkfs.ext4", "-q", "-F", "-b", "1024", img, "8M"});
  WriteFile(dir / "s.txt", "hostile\n");
  MustRun({"debugfs", "-w", img, "-R", "write " + (dir / "s.txt").string() + " victim"});
  MustRun({"debugfs", "-w", img, "-R", "mkdir sub"});
  for (const std::string& name :
       {std::string("\"new\nline\""), std::string(255, 'L'), std::string("esc\033[31mred"),
        std::string("%2e%2e"), std::string("sub/..."), std::string("bad\xff\xfe")}) {
    MustRun({"debugfs", "-w", img, "-R", "ln victim " + name});
  }
  // A symlink planted in the output directory must not be followed.
  const std::filesystem::path out = dir / "out";
  std::filesystem::create_directories(out);
  WriteFile(dir / "outside.txt", "untouched\n");
  std::filesystem::create_symlink(dir / "outside.txt", out / "victim");
  auto records = Recover({img, "--out", out.string()});
  EXPECT_EQ(records.size(), 7u);
  EXPECT_EQ(ReadFile(dir / "outside.txt"), "untouched\n");
  const std::string root = std::filesystem::canonical(out).string() + "/";
  for (const auto& rec : records) {
    const std::string path = rec["disk"]["recovered"]["path"];
    const std::string real = std::filesystem::canonical(path).string();
    EXPECT_EQ(real.rfind(root, 0), 0u) << real;
    EXPECT_EQ(ReadFile(path), "hostile\n") << path;
    for (char c : path) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << path;
    EXPECT_FALSE(std::filesystem::is_symlink(path));
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    EXPECT_LE(name.size(), 220u);
    EXPECT_NE(name, "..");
  }
  EXPECT_TRUE(std::filesystem::exists(out / "new%0Aline"));
  EXPECT_TRUE(std::filesystem::exists(out / "%252e%252e"));
  EXPECT_TRUE(std::filesystem::exists(out / "victim~1"));
  EXPECT_TRUE(std::filesystem::exists(out / "bad%FF%FE"));
}

TEST(Recover, NeverOverwrites) {
  SECKIT_REQUIRE_CORPUS(image, "disk/image.E01");
  TempDir dir;
  const std::string out = (dir / "o").string();
  auto first = Recover({image.string(), "--out", out});
  ASSERT_FALSE(first.empty());
  WriteFile(dir / "o" / "passwords.txt", "mine\n");
  auto second = Recover({image.string(), "--out", out});
  ASSERT_EQ(first.size(), second.size());
  EXPECT_EQ(ReadFile(dir / "o" / "passwords.txt"), "mine\n");
  for (const auto& rec : second) {
    EXPECT_NE(rec["disk"]["recovered"]["path"].get<std::string>().find("~1"), std::string::npos);
  }
  ExpectRecoveredLikeIcat(image.string(), second);
}

// With a volume system, each partition's files go under partition-SLOT/.
TEST(Recover, PartitionsKeptApart) {
  if (!HaveProgram("mkfs.vfat") || !HaveProgram("mcopy") || !HaveProgram("debugfs") ||
      !HaveProgram("python3")) {
    GTEST_SKIP() << "no dosfstools/mtools/e2fsprogs/python3";
  }
  TempDir dir;
  const std::string img = (dir / "gpt.img").string();
  MustRun({"python3", std::string(SECKIT_SOURCE_DIR) + "/tests/tools/disk-carve/make_gpt_image.py",
           img});
  MustRun({"mkfs.vfat", "--offset=2048", img, "4096"});
  MustRun({"mkfs.ext4", "-q", "-F", "-E", "offset=6291456", img, "8M"});
  WriteFile(dir / "same.txt", "fat side\n");
  MustRun({"mcopy", "-i", img + "@@1048576", (dir / "same.txt").string(), "::/same.txt"});
  WriteFile(dir / "same.txt", "ext side\n");
  MustRun({"debugfs", "-w", "-R", "write " + (dir / "same.txt").string() + " same.txt",
           img + "?offset=6291456"});
  auto records = Recover({img, "--out", (dir / "o").string(), "--glob", "/same.txt"});
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(ReadFile(dir / "o" / "partition-4" / "same.txt"), "fat side\n");
  EXPECT_EQ(ReadFile(dir / "o" / "partition-6" / "same.txt"), "ext side\n");
}

TEST(Recover, UnwritableOutIs73) {
  SECKIT_REQUIRE_CORPUS(image, "disk/image.E01");
  TempDir dir;
  WriteFile(dir / "file", "x");
  CommandResult r =
      RunCmd({DiskCarve(), "recover", image.string(), "--out", (dir / "file").string()});
  EXPECT_EQ(r.exit_code, 73) << r.err;
}

TEST(SafeName, Components) {
  EXPECT_EQ(SafeComponent(".."), "_..");
  EXPECT_EQ(SafeComponent("."), "_.");
  EXPECT_EQ(SafeComponent(""), "_");
  EXPECT_EQ(SafeComponent("a/b"), "a%2Fb");
  EXPECT_EQ(SafeComponent("a\nb\x7f"), "a%0Ab%7F");
  EXPECT_EQ(SafeComponent("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(SafeComponent("\xc3"), "%C3");
  EXPECT_EQ(SafeComponent("100%"), "100%25");
  const std::string long_a(300, 'a');
  std::string long_b = long_a;
  long_b[299] = 'b';
  EXPECT_LE(SafeComponent(long_a).size(), seckit::disk_carve::kMaxComponentSize);
  EXPECT_NE(SafeComponent(long_a), SafeComponent(long_b));
  EXPECT_EQ(SafeComponents("/../etc/passwd"), (std::vector<std::string>{"_..", "etc", "passwd"}));
  EXPECT_EQ(SafeComponents("//a//./b"), (std::vector<std::string>{"a", "_.", "b"}));
  EXPECT_EQ(seckit::disk_carve::WithCollisionSuffix("a.txt", 2), "a~2.txt");
  EXPECT_EQ(seckit::disk_carve::WithCollisionSuffix(".bashrc", 1), ".bashrc~1");
}

}  // namespace
}  // namespace seckit::testing
