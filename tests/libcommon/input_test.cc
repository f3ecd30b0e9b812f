// Tests for OpenInput: plain files, stdin-like fds, gzip and zstd (made by the real gzip and zstd
// commands), truncated and corrupt compressed data, missing files.
#include "seckit/input.h"

#include <fcntl.h>
#include <gtest/gtest.h>

#include <string>

#include "test_support.h"

namespace seckit {
namespace {


using testing::TempDir;
using testing::WriteFile;

std::string ReadAll(InputSource& in, Status* status = nullptr) {
  std::string data;
  char buffer[4096];
  for (;;) {
    Result<size_t> got = in.Read(buffer, sizeof buffer);
    if (!got.ok()) {
      if (status != nullptr) *status = got.status();
      return data;
    }
    if (*got == 0) return data;
    data.append(buffer, *got);
  }
}

std::string SampleText() {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "line " + std::to_string(i) + " some text\n";
  return text;
}

TEST(Input, ReadsPlainFile) {
  TempDir dir;
  WriteFile(dir / "plain.log", SampleText());
  auto in = OpenInput((dir / "plain.log").string());
  ASSERT_TRUE(in.ok()) << in.status().message();
  EXPECT_EQ((*in)->compression(), Compression::kNone);
  EXPECT_EQ(ReadAll(**in), SampleText());
  EXPECT_EQ((*in)->raw_size(), SampleText().size());
}

TEST(Input, DecompressesGzipMadeByGzip) {
  TempDir dir;
  WriteFile(dir / "a.log", SampleText());
  ASSERT_EQ(testing::Run({"gzip", "-k", (dir / "a.log").string()}).exit_code, 0);
  auto in = OpenInput((dir / "a.log.gz").string());
  ASSERT_TRUE(in.ok());
  EXPECT_EQ((*in)->compression(), Compression::kGzip);
  EXPECT_EQ(ReadAll(**in), SampleText());
}

TEST(Input, DecompressesConcatenatedGzipMembers) {
  TempDir dir;
  WriteFile(dir / "one", "first part\n");
  WriteFile(dir / "two", "second part\n");
  ASSERT_EQ(testing::Run({"gzip", (dir / "one").string(), (dir / "two").string()}).exit_code, 0);
  std::string both = testing::ReadFile(dir / "one.gz") + testing::ReadFile(dir / "two.gz");
  WriteFile(dir / "both.gz", both);
  auto in = OpenInput((dir / "both.gz").string());
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(ReadAll(**in), "first part\nsecond part\n");
}

TEST(Input, DecompressesZstdMadeByZstd) {
  TempDir dir;
  WriteFile(dir / "a.log", SampleText());
  ASSERT_EQ(testing::Run({"zstd", "-q", (dir / "a.log").string()}).exit_code, 0);
  // The name does not matter: detection is by magic number.
  ASSERT_EQ(testing::Run({"mv", (dir / "a.log.zst").string(), (dir / "renamed.txt").string()}).exit_code, 0);
  auto in = OpenInput((dir / "renamed.txt").string());
  ASSERT_TRUE(in.ok());
  EXPECT_EQ((*in)->compression(), Compression::kZstd);
  EXPECT_EQ(ReadAll(**in), SampleText());
}

TEST(Input, TruncatedGzipIsDataErrorAfterTheGoodPart) {
  TempDir dir;
  WriteFile(dir / "a.log", SampleText());
  ASSERT_EQ(testing::Run({"gzip", (dir / "a.log").string()}).exit_code, 0);
  std::string gz = testing::ReadFile(dir / "a.log.gz");
  WriteFile(dir / "cut.gz", gz.substr(0, gz.size() / 2));
  auto in = OpenInput((dir / "cut.gz").string());
  ASSERT_TRUE(in.ok());
  Status status;
  std::string data = ReadAll(**in, &status);
  EXPECT_EQ(status.code(), ExitCode::kDataError);
  EXPECT_NE(status.message().find("truncated gzip"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("cut.gz"), std::string::npos);
  EXPECT_GT(data.size(), 0u);
  EXPECT_EQ(data, SampleText().substr(0, data.size()));  // what came out is correct
}

TEST(Input, TruncatedZstdIsDataError) {
  TempDir dir;
  WriteFile(dir / "a.log", SampleText());
  ASSERT_EQ(testing::Run({"zstd", "-q", "--rm", (dir / "a.log").string()}).exit_code, 0);
  std::string zst = testing::ReadFile(dir / "a.log.zst");
  WriteFile(dir / "cut.zst", zst.substr(0, zst.size() - 7));
  auto in = OpenInput((dir / "cut.zst").string());
  ASSERT_TRUE(in.ok());
  Status status;
  ReadAll(**in, &status);
  EXPECT_EQ(status.code(), ExitCode::kDataError);
  EXPECT_NE(status.message().find("zstd"), std::string::npos) << status.message();
}

TEST(Input, CorruptGzipIsDataError) {
  TempDir dir;
  std::string bogus = "\x1f\x8b\x08\x00garbage-not-deflate-data-at-all";
  WriteFile(dir / "bad.gz", bogus);
  auto in = OpenInput((dir / "bad.gz").string());
  ASSERT_TRUE(in.ok());
  Status status;
  ReadAll(**in, &status);
  EXPECT_EQ(status.code(), ExitCode::kDataError);
}

TEST(Input, MissingFileIsNoInput) {
  auto in = OpenInput("/nonexistent/dir/file.log");
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().code(), ExitCode::kNoInput);
  EXPECT_NE(in.status().message().find("/nonexistent/dir/file.log"), std::string::npos);
}

TEST(Input, DirectoryIsNoInput) {
  TempDir dir;
  auto in = OpenInput(dir.path().string());
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().code(), ExitCode::kNoInput);
  EXPECT_NE(in.status().message().find("is a directory"), std::string::npos);
}

TEST(Input, EmptyAndTinyInputs) {
  TempDir dir;
  WriteFile(dir / "empty", "");
  WriteFile(dir / "one", "x");
  auto empty = OpenInput((dir / "empty").string());
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(ReadAll(**empty), "");
  auto one = OpenInput((dir / "one").string());
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(ReadAll(**one), "x");
}

TEST(Input, ReadsFromADescriptorLikeStdin) {
  TempDir dir;
  WriteFile(dir / "a.log", "from a pipe\n");
  ASSERT_EQ(testing::Run({"gzip", (dir / "a.log").string()}).exit_code, 0);
  int fd = open((dir / "a.log.gz").c_str(), O_RDONLY);
  auto in = OpenInputFd(fd, "(standard input)");
  ASSERT_TRUE(in.ok());
  EXPECT_EQ((*in)->name(), "(standard input)");
  EXPECT_EQ(ReadAll(**in), "from a pipe\n");
}

}  // namespace
}  // namespace seckit
