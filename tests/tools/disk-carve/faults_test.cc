// disk-carve under faults: output to a full disk (74 and the message), and SIGINT/SIGTERM in the
// middle of a carve of a large image: 130, the -o record file stays the old version and no
// temporary file is left. Images that end early are in list_bad_input_test.cc
// (ListCli.TruncatedImageReportsOffsetAndGoesOn) and carve_test.cc
// (CarveFormats.CutInputIsNeverValid). recover interrupted in the middle of a file leaves no part
// of it in --out.
#include <gtest/gtest.h>
#include <zlib.h>

#include <csignal>
#include <fstream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "background_run.h"
#include "disk_test_util.h"

namespace seckit::testing {
namespace {

// A whole 1x1 PNG: signature, IHDR, IDAT, IEND, each chunk with its CRC.
std::string TinyPng() {
  auto chunk = [](const std::string& type, const std::string& data) {
    std::string c;
    for (int shift : {24, 16, 8, 0}) c += static_cast<char>((data.size() >> shift) & 0xff);
    c += type + data;
    const uLong crc =
        crc32(0, reinterpret_cast<const Bytef*>(c.data() + 4), static_cast<uInt>(c.size() - 4));
    for (int shift : {24, 16, 8, 0}) c += static_cast<char>((crc >> shift) & 0xff);
    return c;
  };
  const std::string ihdr("\0\0\0\1\0\0\0\1\x08\x00\0\0\0", 13);  // 1x1, 8-bit greyscale
  const std::string raw("\0\x80", 2);                            // filter byte, one pixel
  std::string idat(64, '\0');
  uLongf idat_size = idat.size();
  compress(reinterpret_cast<Bytef*>(idat.data()), &idat_size,
           reinterpret_cast<const Bytef*>(raw.data()), raw.size());
  idat.resize(idat_size);
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", idat) +
         chunk("IEND", "");
}

// A 64 GiB sparse image with a PNG at its start: the first record comes at once, the scan of the
// rest takes far longer than the test waits (reading holes runs at a few GB/s at best).
std::filesystem::path LargeImage(const TempDir& dir) {
  const std::filesystem::path img = dir / "large.img";
  {
    std::ofstream out(img, std::ios::binary);
    out << TinyPng();
  }
  std::filesystem::resize_file(img, 64ull << 30);
  return img;
}

TEST(DiskCarveFaults, FullDiskIs74WithAMessage) {
  SECKIT_REQUIRE_CORPUS(image, "disk/hfsplus.raw");
  CommandResult full = RunToFile({DiskCarve(), "list", image.string()}, "/dev/full");
  EXPECT_EQ(full.exit_code, 74) << full.err;
  EXPECT_NE(full.err.find("No space left on device"), std::string::npos) << full.err;
}

class DiskCarveSignal : public ::testing::TestWithParam<int> {};

TEST_P(DiskCarveSignal, MidCarveKeepsTheOldRecordFile) {
  TempDir images, dir, scratch;
  const std::filesystem::path img = LargeImage(images);
  WriteFile(dir / "records.jsonl", "old records\n");
  const std::vector<std::string> before = FilesIn(dir.path());
  InterruptedRun r = InterruptMidRun(
      {DiskCarve(), "carve", "--line-buffered", "-o", (dir / "records.jsonl").string(), "--out",
       (scratch / "carved").string(), img.string()},
      scratch.path(), "", GetParam(), dir / "records.jsonl");
  ASSERT_TRUE(r.reached_signal) << "no record before the signal: " << r.err;
  ASSERT_TRUE(r.status.has_value()) << "disk-carve did not stop on signal " << GetParam();
  EXPECT_EQ(*r.status, 130) << r.err;
  EXPECT_EQ(ReadFile(dir / "records.jsonl"), "old records\n");
  EXPECT_EQ(FilesIn(dir.path()), before) << "a temporary file was left behind";
}

INSTANTIATE_TEST_SUITE_P(SigintAndSigterm, DiskCarveSignal, ::testing::Values(SIGINT, SIGTERM));

// An ext2 image holding a small file and a sparse 1 GiB one (the image itself is 16 MiB): writing
// the big one out takes long enough for a signal to arrive while it is half written.
std::filesystem::path ImageWithABigFile(const TempDir& dir) {
  const std::filesystem::path src = dir / "src", img = dir / "big.img";
  std::filesystem::create_directories(src);
  WriteFile(src / "a.txt", "a small file\n");
  WriteFile(src / "big.bin", "");
  std::filesystem::resize_file(src / "big.bin", 1ull << 30);
  MustRun({"mkfs.ext2", "-q", "-F", "-b", "4096", "-d", src.string(), img.string(), "16M"});
  return img;
}

// Every regular file under `dir` with its size.
std::map<std::string, uintmax_t> FileSizesUnder(const std::filesystem::path& dir) {
  std::map<std::string, uintmax_t> sizes;
  if (!std::filesystem::exists(dir)) return sizes;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) sizes[entry.path().filename().string()] = entry.file_size();
  }
  return sizes;
}

// recover interrupted while it writes a file out (in the guarded child, and with the guard off):
// 130, and that file is gone from --out, not left there in part.
class DiskCarveRecoverSignal
    : public ::testing::TestWithParam<std::tuple<int, std::vector<std::string>>> {};

TEST_P(DiskCarveRecoverSignal, MidFileLeavesNoPartFileInOut) {
  if (!HaveProgram("mkfs.ext2")) GTEST_SKIP() << "no mkfs.ext2 (e2fsprogs)";
  const auto& [signal_number, guard_options] = GetParam();
  TempDir images, scratch;
  const std::filesystem::path img = ImageWithABigFile(images), out = scratch / "recovered";
  std::vector<std::string> argv = {DiskCarve(), "recover", "--out", out.string()};
  argv.insert(argv.end(), guard_options.begin(), guard_options.end());
  argv.push_back(img.string());
  BackgroundRun run(argv, scratch / "stdout", scratch / "stderr");
  ASSERT_TRUE(run.started());
  run.CloseInput();
  const bool writing_big = Eventually([&] {
    const auto sizes = FileSizesUnder(out);
    const auto big = sizes.find("big.bin");
    return big != sizes.end() && big->second > 0;
  });
  ASSERT_TRUE(writing_big) << "big.bin never appeared in --out: " << ReadFile(scratch / "stderr");
  run.Signal(signal_number);
  const std::optional<int> status = run.Wait();
  ASSERT_TRUE(status.has_value()) << "disk-carve did not stop on signal " << signal_number;
  EXPECT_EQ(*status, 130) << ReadFile(scratch / "stderr");
  const auto sizes = FileSizesUnder(out);
  if (const auto big = sizes.find("big.bin"); big != sizes.end()) {
    EXPECT_EQ(big->second, 1ull << 30) << "big.bin left in --out in part";
  }
}

INSTANTIATE_TEST_SUITE_P(SignalsAndGuard, DiskCarveRecoverSignal,
                         ::testing::Values(std::make_tuple(SIGINT, std::vector<std::string>{}),
                                           std::make_tuple(SIGTERM, std::vector<std::string>{}),
                                           std::make_tuple(SIGTERM,
                                                           std::vector<std::string>{
                                                               "--fs-memory-limit", "0",
                                                               "--fs-stall-timeout", "0"})));

}  // namespace
}  // namespace seckit::testing
