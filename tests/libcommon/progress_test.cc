// Tests for seckit/progress.h: silence when disabled or not on a terminal, throttled "\r" redraws
// with a fake clock, the rendered text, clearing, and a real pseudo-terminal.
#include "seckit/progress.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <unistd.h>

#include <algorithm>
#include <string>

#include "test_support.h"

namespace seckit {
namespace {

constexpr int64_t kMs = 1'000'000;
constexpr uint64_t kMiB = 1 << 20;

// A file the progress line is written to, read back by the test.
class Sink {
 public:
  Sink() : fd_(open((dir_ / "out").c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) {}
  ~Sink() { close(fd_); }
  int fd() const { return fd_; }
  std::string Contents() const { return testing::ReadFile(dir_ / "out"); }

 private:
  testing::TempDir dir_;
  int fd_;
};

ProgressOptions Forced(int fd, int64_t* now) {
  ProgressOptions options;
  options.fd = fd;
  options.force = true;
  options.clock = [now] { return *now; };
  return options;
}

size_t CountRedraws(const std::string& s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\r'));
}

TEST(Progress, SilentWhenNotATerminalOrDisabled) {
  Sink sink;
  int64_t now = 0;
  {
    ProgressOptions options = Forced(sink.fd(), &now);
    options.force = false;  // a plain file is not a terminal
    Progress progress("x", 1000, options);
    EXPECT_FALSE(progress.enabled());
    for (uint64_t i = 0; i < 100000; ++i, now += kMs) progress.Update(i);
    progress.Finish();
  }
  {
    ProgressOptions options = Forced(sink.fd(), &now);
    options.disable = true;  // --quiet wins over --progress
    Progress progress("x", 1000, options);
    EXPECT_FALSE(progress.enabled());
    for (uint64_t i = 0; i < 100000; ++i, now += kMs) progress.Update(i);
  }
  EXPECT_EQ(sink.Contents(), "");
}

TEST(Progress, ForcedDrawsThrottledAndFinishClears) {
  Sink sink;
  int64_t now = 0;
  Progress progress("pcap-extract", 100 * kMiB, Forced(sink.fd(), &now));
  ASSERT_TRUE(progress.enabled());
  progress.Update(kMiB);
  now = 150 * kMs;
  progress.Update(2 * kMiB);
  EXPECT_EQ(sink.Contents(), "") << "drew during the first 200 ms";

  // 1 s of updates every 100 µs: about five redraws, never more than one per 200 ms.
  for (int i = 1; i <= 10000; ++i) {
    now = 150 * kMs + i * (kMs / 10);
    progress.Update(2 * kMiB + static_cast<uint64_t>(i) * 1000);
  }
  const std::string drawn = sink.Contents();
  EXPECT_GE(CountRedraws(drawn), 3u) << drawn;
  EXPECT_LE(CountRedraws(drawn), 6u) << drawn;
  EXPECT_EQ(drawn.front(), '\r');
  EXPECT_NE(drawn.find("\rpcap-extract: 2."), std::string::npos) << drawn;
  EXPECT_NE(drawn.find(" / 100 MiB ("), std::string::npos) << drawn;
  EXPECT_EQ(drawn.find('\n'), std::string::npos);

  const size_t before = drawn.size();
  const size_t last_width = before - drawn.rfind('\r') - 1;
  progress.Finish();
  const std::string after = sink.Contents();
  EXPECT_EQ(after.substr(before), "\r" + std::string(last_width, ' ') + "\r");
  for (int i = 0; i < 1000; ++i) {
    now += 100 * kMs;
    progress.Update(0);
  }
  progress.Finish();
  EXPECT_EQ(sink.Contents(), after) << "drew after Finish";
}

TEST(Progress, RenderText) {
  int64_t now = 0;
  Sink sink;
  Progress bytes("pcap-extract", 120 * kMiB, Forced(sink.fd(), &now));
  EXPECT_EQ(bytes.Render(47'395'635, 310.0 * kMiB),
            "pcap-extract: 45.2 MiB / 120 MiB (37%) 310 MiB/s ETA 0:00");
  EXPECT_EQ(bytes.Render(0, 1.5 * kMiB), "pcap-extract: 0 B / 120 MiB (0%) 1.50 MiB/s ETA 1:20");
  EXPECT_EQ(bytes.Render(120 * kMiB, 1024), "pcap-extract: 120 MiB / 120 MiB (100%) 1.00 KiB/s");
  EXPECT_EQ(bytes.Render(60 * kMiB, 1024),
            "pcap-extract: 60.0 MiB / 120 MiB (50%) 1.00 KiB/s ETA 17:04:00");

  ProgressOptions options = Forced(sink.fd(), &now);
  options.unit = ProgressUnit::kCount;
  options.noun = "lines";
  Progress lines("log-grep", std::nullopt, options);
  EXPECT_EQ(lines.Render(1'250'000, 310'000), "log-grep: 1.25M lines 310k lines/s");
  EXPECT_EQ(lines.Render(999, 0), "log-grep: 999 lines 0 lines/s");
  lines.SetTotal(4'000'000'000);
  EXPECT_EQ(lines.Render(1'000'000'000, 1e9),
            "log-grep: 1.00G / 4.00G lines (25%) 1.00G lines/s ETA 0:03");
  EXPECT_EQ(sink.Contents(), "");  // Render alone writes nothing
}

TEST(Progress, ShorterLineBlanksTheRest) {
  Sink sink;
  int64_t now = 0;
  Progress progress("p", 100 * kMiB, Forced(sink.fd(), &now));
  now = 300 * kMs;
  progress.Update(50 * kMiB);
  const std::string first = sink.Contents();
  progress.SetTotal(std::nullopt);
  now = 600 * kMs;
  progress.Update(60 * kMiB);
  const std::string second = sink.Contents().substr(first.size());
  ASSERT_EQ(second.front(), '\r');
  // The new line plus padding spans exactly the old one.
  EXPECT_EQ(second.size(), first.size());
  EXPECT_EQ(second.back(), ' ');
  EXPECT_EQ(second.find("p: 60.0 MiB "), 1u) << second;
}

TEST(Progress, PseudoTerminalEnablesAndTruncatesToWidth) {
  int master = -1, slave = -1;
  winsize size{};
  size.ws_col = 20;
  size.ws_row = 5;
  if (openpty(&master, &slave, nullptr, nullptr, &size) != 0) GTEST_SKIP() << "no pty";
  int64_t now = 0;
  {
    ProgressOptions options;
    options.fd = slave;  // not forced: enabled because it is a terminal
    options.clock = [&now] { return now; };
    Progress progress("a-rather-long-label", 1000 * kMiB, options);
    EXPECT_TRUE(progress.enabled());
    now = 250 * kMs;
    progress.Update(kMiB);
  }  // the destructor clears the line
  std::string out;
  char buffer[256];
  pollfd p{master, POLLIN, 0};
  while (poll(&p, 1, 200) == 1) {
    const ssize_t n = read(master, buffer, sizeof buffer);
    if (n <= 0) break;
    out.append(buffer, static_cast<size_t>(n));
  }
  close(slave);
  close(master);
  EXPECT_EQ(out, "\ra-rather-long-label\r                   \r");
}

}  // namespace
}  // namespace seckit
