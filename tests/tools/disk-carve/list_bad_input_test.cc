// disk-carve's command-line contract and bad images: usage errors, missing and unreadable images,
// truncated and corrupt file systems, a closed pipe.
#include <gtest/gtest.h>

#include <fstream>

#include "disk_test_util.h"

namespace seckit::testing {
namespace {

// An 8 MiB ext4 image with two 300 kB files in /d, built with debugfs.
std::string BuildExt4(const TempDir& dir) {
  const std::string img = (dir / "e.img").string();
  EXPECT_EQ(RunCmd({"mkfs.ext4", "-q", "-F", "-b", "1024", img, "8M"}).exit_code, 0);
  WriteFile(dir / "r.bin", RandomBytes(300000, 7));
  std::ofstream(dir / "cmds") << "mkdir d\nwrite " << (dir / "r.bin").string() << " d/r.bin\n"
                              << "write " << (dir / "r.bin").string() << " d/r2.bin\n";
  EXPECT_EQ(RunCmd({"debugfs", "-w", "-f", (dir / "cmds").string(), img}).exit_code, 0);
  return img;
}

TEST(ListCli, HelpAndUsage) {
  CommandResult help = RunCmd({DiskCarve(), "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("list"), std::string::npos);
  EXPECT_EQ(RunCmd({DiskCarve(), "list", "--bogus", "x"}).exit_code, 64);
  EXPECT_EQ(RunCmd({DiskCarve()}).exit_code, 64);
  EXPECT_EQ(RunCmd({DiskCarve(), "list", "--hash", "crc32", "x"}).exit_code, 64);
}

TEST(ListCli, MissingImageIs66) {
  CommandResult r = RunCmd({DiskCarve(), "list", "/nonexistent/image.dd"});
  EXPECT_EQ(r.exit_code, 66);
  EXPECT_NE(r.err.find("/nonexistent/image.dd"), std::string::npos);
}

TEST(ListCli, RandomBytesAre65WithOffset) {
  TempDir dir;
  WriteFile(dir / "g.img", RandomBytes(200000, 9));
  CommandResult r = RunCmd({DiskCarve(), "list", (dir / "g.img").string()});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("offset 0"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(ListCli, TruncatedImageReportsOffsetAndGoesOn) {
  if (!HaveProgram("mkfs.ext4") || !HaveProgram("debugfs")) GTEST_SKIP() << "no e2fsprogs";
  TempDir dir;
  const std::string img = BuildExt4(dir);
  const std::string whole = ReadFile(img);
  WriteFile(dir / "t.img", whole.substr(0, 2500000));
  CommandResult r = RunCmd({DiskCarve(), "list", "--hash", "sha256", (dir / "t.img").string()});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("offset 2500000"), std::string::npos) << r.err;
  // What is still there is listed, as fls lists it.
  EXPECT_EQ(SplitLines(r.out).size(), Fls({(dir / "t.img").string()}).size());
  EXPECT_GE(SplitLines(r.out).size(), 3u);
}

TEST(ListCli, CorruptInodeIsReportedAndTheRestListed) {
  if (!HaveProgram("mkfs.ext4") || !HaveProgram("debugfs")) GTEST_SKIP() << "no e2fsprogs";
  TempDir dir;
  const std::string img = BuildExt4(dir);
  // Where debugfs says the inode of /d lives: "located at block B, offset 0xO".
  const std::string inode = SplitLines(RunCmd({"debugfs", "-R", "stat d", img}).out)[0];
  const std::string imap = RunCmd({"debugfs", "-R", "imap d", img}).out;
  const size_t at = imap.find("located at block ");
  ASSERT_NE(at, std::string::npos) << imap << inode;
  const uint64_t block = std::stoull(imap.substr(at + 17));
  const uint64_t offset = std::stoull(imap.substr(imap.find("offset 0x") + 9), nullptr, 16);
  std::string bytes = ReadFile(img);
  bytes.replace(block * 1024 + offset, 256, std::string(256, '\xff'));
  WriteFile(dir / "c.img", bytes);
  CommandResult r = RunCmd({DiskCarve(), "list", "--hash", "md5", (dir / "c.img").string()});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("metadata of inode 12"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("at offset 0, /d"), std::string::npos) << r.err;
  // Everything else is still listed, as fls lists it.
  EXPECT_EQ(SplitLines(r.out).size(), Fls({(dir / "c.img").string()}).size());
  for (const std::string& line : SplitLines(r.out)) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
  }
  CommandResult strict = RunCmd({DiskCarve(), "list", "--strict", (dir / "c.img").string()});
  EXPECT_EQ(strict.exit_code, 65);
}

TEST(ListCli, ClosedPipeIsSuccess) {
  SECKIT_REQUIRE_CORPUS(image, "disk/hfsplus.raw");
  // RunToFile to a FIFO would block; /dev/full gives a write error instead: exit 74.
  CommandResult full = RunToFile({DiskCarve(), "list", image.string()}, "/dev/full");
  EXPECT_EQ(full.exit_code, 74);
  CommandResult head =
      RunCmd({"bash", "-c", "set -o pipefail; \"$0\" list \"$1\" | head -1 >/dev/null", DiskCarve(),
              image.string()});
  EXPECT_EQ(head.exit_code, 0);
}

TEST(ListCli, E01SupportIsStated) {
  SECKIT_REQUIRE_CORPUS(e01, "disk/image.E01");
  CommandResult r = RunCmd({"img_stat", "-i", "list"});
  const bool supported =
      r.err.find("ewf") != std::string::npos || r.out.find("ewf") != std::string::npos;
  CommandResult ours = RunCmd({DiskCarve(), "list", e01.string()});
  if (supported) {
    EXPECT_EQ(ours.exit_code, 0) << ours.err;
  } else {
    EXPECT_NE(ours.err.find("libewf"), std::string::npos) << ours.err;
  }
}

}  // namespace
}  // namespace seckit::testing
