// Unit tests for DetectFormat's vote (the corpus files are covered in log_parsers_corpus_test.cc).
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "log_parsers.h"

namespace seckit::log_grep {
namespace {

constexpr std::string_view kSyslog = "Nov 24 10:06:05 host sshd[1]: Accepted password for a";
constexpr std::string_view kAccess =
    "1.2.3.4 - - [24/Nov/2026:11:44:15 +0000] \"GET / HTTP/1.1\" 200 5";
constexpr std::string_view kJson = "  {\"a\": 1}";
constexpr std::string_view kText = "just some words";

// The name of the detected format, so failures print readably.
std::string_view Detect(std::vector<std::string_view> lines) {
  return LogFormatName(DetectFormat(lines));
}

TEST(FormatDetect, SingleFormats) {
  EXPECT_EQ(Detect({kSyslog, kSyslog}), LogFormatName(LogFormat::kSyslog));
  EXPECT_EQ(Detect({kAccess}), LogFormatName(LogFormat::kAccess));
  EXPECT_EQ(Detect({kJson, "{", "\t{}"}), LogFormatName(LogFormat::kJson));
  EXPECT_EQ(Detect({kText, kText}), LogFormatName(LogFormat::kText));
}

TEST(FormatDetect, EmptySampleIsText) {
  EXPECT_EQ(Detect({}), LogFormatName(LogFormat::kText));
  EXPECT_EQ(Detect({"", "  ", "\r", "\t"}), LogFormatName(LogFormat::kText));
}

TEST(FormatDetect, BlankLinesDoNotVote) {
  EXPECT_EQ(Detect({"", kAccess, "   ", "\r", kText}), LogFormatName(LogFormat::kAccess));
}

TEST(FormatDetect, MajorityOfHalfOrMore) {
  EXPECT_EQ(Detect({kSyslog, kSyslog, kText, kText}),
            LogFormatName(LogFormat::kSyslog));  // half is enough
  EXPECT_EQ(Detect({kSyslog, kText, kText}), LogFormatName(LogFormat::kText));
  EXPECT_EQ(Detect({kSyslog, kAccess, kText, kJson}), LogFormatName(LogFormat::kText));
  EXPECT_EQ(Detect({kSyslog, kSyslog, kAccess, kAccess}),
            LogFormatName(LogFormat::kSyslog));  // tie order
  EXPECT_EQ(Detect({kJson, kAccess}), LogFormatName(LogFormat::kJson));
}

TEST(FormatDetect, LooksOnlyAtTheFirstLines) {
  std::vector<std::string_view> lines(kDetectSampleLines, kText);
  for (int i = 0; i < 100; ++i) lines.push_back(kSyslog);
  EXPECT_EQ(Detect(lines), LogFormatName(LogFormat::kText));
  // A syslog line whose message is an access log line is syslog.
  EXPECT_EQ(Detect({"Nov 24 10:06:05 web nginx: 1.2.3.4 - - [24/Nov/2026:11:44:15 +0000] "
                    "\"GET / HTTP/1.1\" 200 5"}),
            LogFormatName(LogFormat::kSyslog));
}

TEST(FormatDetect, HostileLines) {
  const std::string big(1 << 20, '\xff');
  const std::string nul(1000, '\0');
  EXPECT_EQ(Detect({big, nul, big}), LogFormatName(LogFormat::kText));
}

}  // namespace
}  // namespace seckit::log_grep
