// --threads 2 splits blocks of lines between two threads. Each record is checked against the
// input itself (its line, line number and offset, computed here), counts against GNU grep, and
// the output must be byte for byte that of --threads 1. And HelperThread, which runs the second
// part: tasks run elsewhere, one at a time, and Wait() sees their effects and exceptions.
#include <gtest/gtest.h>

#include <chrono>
#include <new>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "helper_thread.h"
#include "test_support.h"

namespace seckit {
namespace {

using nlohmann::json;
using testing::CommandResult;
using testing::TempDir;

CommandResult Grep(const std::vector<std::string>& args) {
  std::vector<std::string> argv{(testing::BinDir() / "log-grep").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::Run(argv);
}

// Several MiB of access-log lines (the reader's blocks are 1 MiB), with lines that do not parse,
// CRLF endings and a few long lines among them, so halves fall at varied places. The times go
// from 00:10:10 to 00:59:59.
std::string AccessLog(size_t lines) {
  std::mt19937 rng(7);
  std::string log;
  for (size_t i = 0; i < lines; ++i) {
    const unsigned pick = rng() % 50;
    if (pick == 0) {
      log += "not an access log line " + std::to_string(i) + "\n";
      continue;
    }
    log += "198.51.100." + std::to_string(rng() % 250) + " - - [01/Nov/2026:00:" +
           std::to_string(10 + i / 60 % 50) + ":" + std::to_string(10 + i % 50) +
           " +0000] \"GET /p/" + std::to_string(i) + " HTTP/1.1\" " +
           std::to_string(200 + rng() % 300) + " " + std::to_string(rng() % 90000) +
           " \"-\" \"agent " + std::string(pick == 1 ? 5000 : rng() % 80, 'a') + "\"";
    log += pick == 2 ? "\r\n" : "\n";
  }
  return log;
}

struct Line {
  std::string text;
  uint64_t offset;
};

std::vector<Line> LinesOf(const std::string& log) {
  std::vector<Line> lines;
  size_t begin = 0;
  while (begin < log.size()) {
    size_t end = log.find('\n', begin);
    std::string text = log.substr(begin, end - begin);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    lines.push_back({text, begin});
    begin = end + 1;
  }
  return lines;
}

// Lines without a time of their own get the run's time, which differs between two runs: it is
// cut out of their records (the first member) before comparing.
std::string WithoutRunTime(const std::string& out) {
  std::string kept;
  for (std::string line : testing::SplitLines(out)) {
    if (line.find("\"dataset\":\"log.text\"") != std::string::npos &&
        line.rfind("{\"@timestamp\":\"", 0) == 0) {
      line.erase(1, line.find("\",", 15) + 1);
    }
    kept += line + "\n";
  }
  return kept;
}

TEST(LogGrepThreads, EveryLineBecomesItsRecordInOrder) {
  TempDir dir;
  const std::string log = AccessLog(12'000);  // 2.5 MB: three blocks of 1 MiB
  ASSERT_GT(log.size(), size_t{2} << 20);
  testing::WriteFile(dir / "access.log", log);
  const std::vector<Line> lines = LinesOf(log);

  CommandResult two = Grep({"--threads", "2", "--json", "", (dir / "access.log").string()});
  ASSERT_EQ(two.exit_code, 0) << two.err;
  const std::vector<std::string> records = testing::SplitLines(two.out);
  ASSERT_EQ(records.size(), lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    json record = json::parse(records[i]);
    ASSERT_EQ(record["log"]["file"]["line"], i + 1) << records[i];
    ASSERT_EQ(record["log"]["offset"], lines[i].offset) << records[i];
    ASSERT_EQ(record["event"]["original"], lines[i].text) << records[i];
  }

  CommandResult one = Grep({"--threads", "1", "--json", "", (dir / "access.log").string()});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(WithoutRunTime(one.out), WithoutRunTime(two.out)) << "--threads 1 and 2 differ";
}

TEST(LogGrepThreads, TimeRangeAndSeveralFilesAgreeWithOneThread) {
  TempDir dir;
  testing::WriteFile(dir / "a.log", AccessLog(15'000));
  testing::WriteFile(dir / "b.log", AccessLog(10'000));
  const std::vector<std::string> files = {(dir / "a.log").string(), (dir / "b.log").string()};
  std::vector<std::string> one{"--threads", "1", "--json", "--since", "2026-11-01T00:20:00Z",
                               "--until", "2026-11-01T00:40:00Z", "-e", ""};
  std::vector<std::string> two = one;
  two[1] = "2";
  one.insert(one.end(), files.begin(), files.end());
  two.insert(two.end(), files.begin(), files.end());
  CommandResult a = Grep(one), b = Grep(two);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_GT(testing::SplitLines(a.out).size(), 5'000u);
  EXPECT_TRUE(a.out == b.out) << "--threads 1 and 2 differ";
}

// Searches split too: counts agree with GNU grep (an independent reference) on the same file,
// and records (with where each pattern matched, found with the helper's own Hyperscan scratch)
// are those of one thread.
TEST(LogGrepThreads, SearchesAndCountsAgreeWithGrepAndOneThread) {
  TempDir dir;
  testing::WriteFile(dir / "access.log", AccessLog(30'000));
  testing::WriteFile(dir / "iocs.txt", "198.51.100.7\n198.51.100.42\n198.51.100.199\n");
  const std::string log = (dir / "access.log").string();
  const std::string iocs = (dir / "iocs.txt").string();

  const std::string regex = "GET /p/[0-9]*7 HTTP|\" 50[0-9] ";
  CommandResult grep = testing::Run({"grep", "-c", "-E", regex, log});
  ASSERT_EQ(grep.exit_code, 0) << grep.err;
  CommandResult count = Grep({"--threads", "2", "-c", "-e", regex, log});
  ASSERT_EQ(count.exit_code, 0) << count.err;
  EXPECT_EQ(count.out, grep.out);
  CommandResult inverted = Grep({"--threads", "2", "-c", "-v", "-e", regex, log});
  CommandResult grep_inverted = testing::Run({"grep", "-c", "-v", "-E", regex, log});
  EXPECT_EQ(inverted.out, grep_inverted.out);

  CommandResult grep_iocs = testing::Run({"grep", "-c", "-F", "-w", "-f", iocs, log});
  ASSERT_EQ(grep_iocs.exit_code, 0) << grep_iocs.err;
  CommandResult ioc_count = Grep({"--threads", "2", "-c", "--ioc", iocs, log});
  EXPECT_EQ(ioc_count.out, grep_iocs.out);

  for (const std::vector<std::string>& what :
       {std::vector<std::string>{"-e", regex}, std::vector<std::string>{"--ioc", iocs}}) {
    std::vector<std::string> one{"--threads", "1", "--json"};
    one.insert(one.end(), what.begin(), what.end());
    one.push_back(log);
    std::vector<std::string> two = one;
    two[1] = "2";
    CommandResult a = Grep(one), b = Grep(two);
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_GT(testing::SplitLines(b.out).size(), 100u);
    EXPECT_EQ(WithoutRunTime(a.out), WithoutRunTime(b.out)) << what[0];
  }
}

using log_grep::HelperThread;


TEST(LogGrepHelperThread, RunsEachTaskElsewhereAndWaitSeesItsEffects) {
  HelperThread helper;
  const std::thread::id owner = std::this_thread::get_id();
  long total = 0;
  for (long i = 1; i <= 1000; ++i) {
    std::thread::id ran_on;
    helper.Start([&, i] {
      total += i;
      ran_on = std::this_thread::get_id();
    });
    helper.Wait();
    ASSERT_NE(ran_on, owner);
  }
  EXPECT_EQ(total, 500500);
}

TEST(LogGrepHelperThread, WaitRethrowsWhatTheTaskThrewAndTheHelperGoesOn) {
  HelperThread helper;
  helper.Start([] { throw std::bad_alloc(); });
  EXPECT_THROW(helper.Wait(), std::bad_alloc);
  bool ran = false;
  helper.Start([&] { ran = true; });
  EXPECT_NO_THROW(helper.Wait());
  EXPECT_TRUE(ran);
}

TEST(LogGrepHelperThread, DestructionWaitsForARunningTask) {
  bool finished = false;
  {
    HelperThread helper;
    helper.Start([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      finished = true;
    });
  }
  EXPECT_TRUE(finished);
}

}  // namespace
}  // namespace seckit
