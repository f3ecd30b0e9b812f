// A signal that arrives while a tool is busy between two reads must still stop it: reading a pipe
// whose writer stays open returns "interrupted" instead of blocking for ever. (log-grep on an open
// standard input once hung after SIGINT/SIGTERM when the signal came while it processed a block;
// tests/tools/log-grep/faults_test.cc.) Its own binary: the interrupt flag is process-wide.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <future>

#include "seckit/input.h"
#include "seckit/interrupt.h"

namespace seckit {
namespace {

TEST(InputInterrupt, SignalBeforeAReadOfAnOpenPipeEndsTheRead) {
  InstallInterruptHandlers();
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_EQ(write(fds[1], "line\n", 5), 5);
  Result<std::unique_ptr<InputSource>> source = OpenInputFd(fds[0], "pipe");
  ASSERT_TRUE(source.ok()) << source.status().message();
  char buffer[64];
  size_t total = 0;
  while (total < 5) {  // the peeked magic bytes first, then the rest
    Result<size_t> got = (*source)->Read(buffer, sizeof buffer);
    ASSERT_TRUE(got.ok() && *got > 0);
    total += *got;
  }
  // The signal lands while the "tool" is not inside read; the writer keeps the pipe open.
  std::raise(SIGTERM);
  auto next =
      std::async(std::launch::async, [&] { return (*source)->Read(buffer, sizeof buffer); });
  const bool ended = next.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  close(fds[1]);  // ends a read that wrongly waited, so the test fails instead of hanging
  ASSERT_TRUE(ended) << "read blocked although SIGTERM had arrived";
  Result<size_t> second = next.get();
  EXPECT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), ExitCode::kInterrupted);
  AcknowledgeInterrupt();
}

}  // namespace
}  // namespace seckit
