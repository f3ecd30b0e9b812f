// Tests for OutputStream: atomic -o files, a full disk (/dev/full), a closed pipe, records kept
// in memory and written through in order.
#include "seckit/output.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "test_support.h"

namespace seckit {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

size_t FilesIn(const std::filesystem::path& dir) {
  size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    (void)entry;
    ++n;
  }
  return n;
}

TEST(Output, FileAppearsWholeOnlyAtCommit) {
  TempDir dir;
  std::string path = (dir / "out.jsonl").string();
  WriteFile(path, "old\n");
  {
    auto out = OutputStream::Open(path);
    ASSERT_TRUE(out.ok());
    std::string big(300 * 1024, 'x');  // larger than the buffer: some bytes reach the temp file
    (*out)->Write(big);
    EXPECT_EQ(ReadFile(path), "old\n");  // the reader still sees the old version
    ASSERT_TRUE((*out)->Commit().ok());
    EXPECT_EQ(ReadFile(path), big);
  }
  EXPECT_EQ(FilesIn(dir.path()), 1u);  // no temp file left behind
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  mode_t mask = umask(0);
  umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0666 & ~mask);
}

TEST(Output, WithoutCommitTheOldFileStays) {
  TempDir dir;
  std::string path = (dir / "out.jsonl").string();
  WriteFile(path, "old\n");
  {
    auto out = OutputStream::Open(path);
    ASSERT_TRUE(out.ok());
    (*out)->Write(std::string(200 * 1024, 'y'));
  }  // e.g. interrupted: destroyed without Commit
  EXPECT_EQ(ReadFile(path), "old\n");
  EXPECT_EQ(FilesIn(dir.path()), 1u);
}

TEST(Output, CannotCreateInMissingDirectory) {
  auto out = OutputStream::Open("/nonexistent-dir/out.jsonl");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), ExitCode::kCantCreate);
  EXPECT_NE(out.status().message().find("/nonexistent-dir/out.jsonl"), std::string::npos);
}

TEST(Output, FullDiskIsAnIoError) {
  int fd = open("/dev/full", O_WRONLY);
  ASSERT_GE(fd, 0);
  auto out = OutputStream::ForFd(fd, "standard output");
  out->Write("hello\n");
  Status status = out->Flush();
  EXPECT_EQ(status.code(), ExitCode::kIoError);
  EXPECT_NE(status.message().find("No space left on device"), std::string::npos)
      << status.message();
  EXPECT_FALSE(out->healthy());
  close(fd);
}

TEST(Output, ClosedPipeMeansDoneNotError) {
  std::signal(SIGPIPE, SIG_IGN);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  close(fds[0]);
  auto out = OutputStream::ForFd(fds[1], "standard output");
  out->Write("record\n");
  EXPECT_TRUE(out->Flush().ok());
  EXPECT_TRUE(out->closed_by_reader());
  EXPECT_FALSE(out->healthy());
  close(fds[1]);
}

TEST(Output, LineBufferedFlushesEveryRecord) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  auto out = OutputStream::ForFd(fds[1], "pipe");
  out->set_line_buffered(true);
  out->buffer().append("{}\n");
  out->RecordDone();
  char got[8] = {};
  ASSERT_EQ(read(fds[0], got, sizeof got), 3);
  EXPECT_EQ(std::string(got, 3), "{}\n");
  close(fds[0]);
  close(fds[1]);
}

TEST(Output, InMemoryKeepsRecordsForWriteThroughInOrder) {
  auto made = OutputStream::InMemory("helper");
  const std::string records(300 * 1024, 'r');  // past the buffer size: still nothing written
  made->Write(records);
  made->buffer().append("last\n");
  made->RecordDone();
  ASSERT_TRUE(made->Flush().ok());
  EXPECT_EQ(made->buffer(), records + "last\n");

  TempDir dir;
  std::string path = (dir / "out.jsonl").string();
  auto out = OutputStream::Open(path);
  ASSERT_TRUE(out.ok());
  (*out)->Write("first\n");            // buffered
  (*out)->WriteThrough(made->buffer());  // large: straight out, after "first"
  (*out)->WriteThrough("small\n");      // small: buffered again
  (*out)->Write("end\n");
  ASSERT_TRUE((*out)->Commit().ok());
  EXPECT_EQ(ReadFile(path), "first\n" + records + "last\nsmall\nend\n");
}

}  // namespace
}  // namespace seckit
