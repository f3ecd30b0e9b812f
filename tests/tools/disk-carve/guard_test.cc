// The guard around libtsk (fs_guard.h) on the inputs kept in fuzz/known/ that make the Sleuth Kit
// itself slow or greedy (fls -r: about a minute of CPU on the first, 4 GiB asked for and 8 GB
// touched on the second): disk-carve ends in bounded time, names the image and the file system's
// offset, exits 65, and still reads the other file systems of the image.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>

#include "background_run.h"
#include "disk_test_util.h"
#include "seckit/sanitizer.h"

namespace seckit::testing {
namespace {

std::string Known(const std::string& name) {
  return std::string(SECKIT_SOURCE_DIR) + "/fuzz/known/" + name;
}

const char kSlowDir[] = "libtsk-ext2-slow-dir-runs.img";
const char kOrphans[] = "libtsk-ext2-orphans-4gib-calloc.img";

struct TimedRun {
  CommandResult result;
  double seconds = 0;
};

TimedRun RunTimed(const std::vector<std::string>& argv) {
  const auto start = std::chrono::steady_clock::now();
  TimedRun run{RunCmd(argv)};
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

// Every line of standard output is a whole JSON record.
void ExpectWholeRecords(const std::string& out) {
  for (const std::string& line : SplitLines(out)) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
  }
}

TEST(Guard, DirectoryWithHugeSizeStoppedWhenNoProgress) {
  const std::string image = Known(kSlowDir);
  TimedRun run = RunTimed({DiskCarve(), "list", "--fs-stall-timeout", "2", image});
  EXPECT_EQ(run.result.exit_code, 65) << run.result.err;
  EXPECT_LT(run.seconds, 30) << "libtsk alone takes about a minute";
  const std::string& err = run.result.err;
  EXPECT_NE(err.find("made no progress for 2 s (--fs-stall-timeout)"), std::string::npos) << err;
  EXPECT_NE(err.find("(" + image + ", ext2 file system at offset 0)"), std::string::npos) << err;
  ExpectWholeRecords(run.result.out);
  // A time limit in all stops it as well.
  TimedRun total =
      RunTimed({DiskCarve(), "list", "--fs-stall-timeout", "0", "--fs-timeout", "2", image});
  EXPECT_EQ(total.result.exit_code, 65) << total.result.err;
  EXPECT_LT(total.seconds, 30);
  EXPECT_NE(total.result.err.find("took longer than 2 s (--fs-timeout)"), std::string::npos)
      << total.result.err;
}

TEST(Guard, OrphanSearchAllocationRefusedAndReported) {
  if (kAddressSanitizer) GTEST_SKIP() << "no address-space limit under AddressSanitizer";
  const std::string image = Known(kOrphans);
  TimedRun run = RunTimed({DiskCarve(), "list", "--fs-memory-limit", "1073741824", image});
  EXPECT_EQ(run.result.exit_code, 65) << run.result.err;
  EXPECT_LT(run.seconds, 30);
  const std::string& err = run.result.err;
  EXPECT_NE(err.find("the Sleuth Kit could not allocate 4294967295 bytes"), std::string::npos)
      << err;
  EXPECT_NE(err.find("--fs-memory-limit 1 GiB"), std::string::npos) << err;
  EXPECT_NE(err.find("(" + image + ", ext2 file system at offset 0)"), std::string::npos) << err;
  // What libtsk could read is listed: its virtual $OrphanFiles folder, as fls lists it.
  std::vector<nlohmann::json> records = ParseRecords(run.result.out);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["file"]["path"], "/$OrphanFiles");
}

// A GPT disk whose first partition holds the slow ext2 and whose second a FAT with a known file:
// the ext2 is stopped and reported by its offset, the FAT is read in full (as fls -o sees it),
// by list and by recover.
TEST(Guard, OtherPartitionsStillProcessed) {
  if (!HaveProgram("mkfs.vfat") || !HaveProgram("mcopy") || !HaveProgram("python3")) {
    GTEST_SKIP() << "no dosfstools/mtools/python3";
  }
  TempDir dir;
  const std::string img = (dir / "gpt.img").string();
  MustRun({"python3", std::string(SECKIT_SOURCE_DIR) + "/tests/tools/disk-carve/make_gpt_image.py",
           img});
  {
    std::fstream f(img, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(2048 * 512);
    const std::string slow = ReadFile(Known(kSlowDir));
    f.write(slow.data(), static_cast<std::streamsize>(slow.size()));
  }
  MustRun({"mkfs.vfat", "--offset=12288", img, "8192"});
  WriteFile(dir / "kept.bin", RandomBytes(70000, 71));
  MustRun({"mcopy", "-i", img + "@@" + std::to_string(12288 * 512), (dir / "kept.bin").string(),
           "::/kept.bin"});

  TimedRun run =
      RunTimed({DiskCarve(), "list", "--hash", "sha256", "--fs-stall-timeout", "2", img});
  EXPECT_EQ(run.result.exit_code, 65) << run.result.err;
  EXPECT_LT(run.seconds, 30);
  EXPECT_NE(run.result.err.find("(" + img + ", ext2 file system at offset 1048576)"),
            std::string::npos)
      << run.result.err;
  std::map<std::string, nlohmann::json> fat;
  for (const nlohmann::json& rec : ParseRecords(run.result.out)) {
    if (rec["disk"]["partition"]["offset"] == 12288 * 512) fat[rec["file"]["path"]] = rec;
  }
  const std::vector<FlsEntry> reference = Fls({"-o", "12288", img});
  EXPECT_EQ(fat.size(), reference.size());
  for (const FlsEntry& e : reference) {
    ASSERT_TRUE(fat.count("/" + e.path)) << e.path;
    EXPECT_EQ(fat["/" + e.path]["file"]["inode"], e.inode);
  }
  EXPECT_EQ(fat["/kept.bin"]["file"]["hash"]["sha256"], Sha256Of(ReadFile(dir / "kept.bin")));

  CommandResult rec = RunCmd(
      {DiskCarve(), "recover", img, "--out", (dir / "out").string(), "--fs-stall-timeout", "2"});
  EXPECT_EQ(rec.exit_code, 65) << rec.err;
  EXPECT_NE(rec.err.find("ext2 file system at offset 1048576"), std::string::npos) << rec.err;
  EXPECT_EQ(ReadFile(dir / "out" / "partition-6" / "kept.bin"), ReadFile(dir / "kept.bin"));
}

// With every limit off the file systems are read in the disk-carve process itself: the same
// records as with the guard.
TEST(Guard, LimitsOffReadsInProcess) {
  if (!HaveProgram("mkfs.vfat") || !HaveProgram("mcopy")) GTEST_SKIP() << "no dosfstools/mtools";
  TempDir dir;
  const std::string img = (dir / "fat.img").string();
  MustRun({"mkfs.vfat", "-C", img, "2048"});
  WriteFile(dir / "a.bin", RandomBytes(30000, 72));
  MustRun({"mcopy", "-i", img, (dir / "a.bin").string(), "::/a.bin"});
  auto strip = [](const std::string& out) {
    std::vector<std::string> lines;
    for (nlohmann::json rec : ParseRecords(out)) {
      rec.erase("@timestamp");
      lines.push_back(rec.dump());
    }
    return lines;
  };
  CommandResult guarded = RunCmd({DiskCarve(), "list", "--hash", "sha256", img});
  CommandResult plain = RunCmd({DiskCarve(), "list", "--hash", "sha256", "--fs-memory-limit", "0",
                                "--fs-stall-timeout", "0", "--fs-timeout", "0", img});
  EXPECT_EQ(guarded.exit_code, 0) << guarded.err;
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_FALSE(strip(guarded.out).empty());
  EXPECT_EQ(strip(guarded.out), strip(plain.out));
}

// SIGTERM to disk-carve while its child is inside the slow libtsk call (no stall limit): 130 at
// once, and the child does not live on.
TEST(Guard, SignalStopsTheChildToo) {
  TempDir dir;
  BackgroundRun run({DiskCarve(), "list", "--fs-stall-timeout", "0", Known(kSlowDir)}, dir / "out",
                    dir / "err");
  ASSERT_TRUE(run.started());
  const std::string children =
      "/proc/" + std::to_string(run.pid()) + "/task/" + std::to_string(run.pid()) + "/children";
  std::string child;
  ASSERT_TRUE(Eventually([&] {
    child = ReadFile(children);
    return !child.empty();
  })) << "no child process";
  child = child.substr(0, child.find(' '));
  const auto start = std::chrono::steady_clock::now();
  run.Signal(SIGTERM);
  const std::optional<int> status = run.Wait();
  ASSERT_TRUE(status.has_value()) << "disk-carve did not stop on SIGTERM";
  EXPECT_EQ(*status, 130) << ReadFile(dir / "err");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_TRUE(Eventually([&] { return !std::filesystem::exists("/proc/" + child); }))
      << "child " << child << " still running";
}

}  // namespace
}  // namespace seckit::testing
