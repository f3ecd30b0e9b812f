// triage-report --threads: a reader thread parses while the analysis runs, and the report, the
// warnings and the exit status are the same, byte for byte, as with --threads 1 — on the
// fixtures, on the samples incident, and on generated files with repeats, bad lines and tables
// past --max-distinct.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "report_test_util.h"
#include "test_support.h"

namespace seckit {
namespace {

using testing::CommandResult;
using testing::Fixture;
using testing::TempDir;
using testing::Triage;
using testing::WriteFile;

// The report without the time it was generated at (the one thing that differs from run to run).
std::string WithoutGenerationTime(std::string report) {
  const std::pair<std::string, std::string> marks[] = {{"\"generated\":\"", "\""},
                                                       {"Generated ", " by triage-report"}};
  for (const auto& [open, close] : marks) {
    const size_t from = report.find(open);
    if (from == std::string::npos) continue;
    const size_t to = report.find(close, from + open.size());
    if (to != std::string::npos) report.erase(from + open.size(), to - from - open.size());
  }
  return report;
}

// Runs once with --threads 1 and once with `threads`, in every format, and expects the same.
void ExpectSameAsOneThread(const std::vector<std::string>& args, const std::string& threads = "2") {
  for (const char* format : {"json", "md", "html", "text", "timesketch"}) {
    std::vector<std::string> one{"--threads", "1", "--format", format};
    std::vector<std::string> many{"--threads", threads, "--format", format};
    one.insert(one.end(), args.begin(), args.end());
    many.insert(many.end(), args.begin(), args.end());
    const CommandResult a = Triage(one);
    const CommandResult b = Triage(many);
    EXPECT_EQ(a.exit_code, b.exit_code) << format << ": " << b.err;
    EXPECT_TRUE(WithoutGenerationTime(a.out) == WithoutGenerationTime(b.out))
        << format << ": the reports differ (" << a.out.size() << " and " << b.out.size()
        << " bytes)";
    EXPECT_EQ(a.err, b.err) << format;
    EXPECT_GT(a.out.size(), 100u) << format;
  }
}

// `n` seckit records: flows, DNS and syslog lines with skewed addresses and domains, alerts,
// enrichments, and every fifth log line repeated from `repeat_of` (the same origin again).
std::string Records(int file, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    const int id = file * n + i;
    const std::string time =
        "2026-11-24T10:" + std::to_string(10 + id % 50) + ":" + std::to_string(10 + id % 49) + "Z";
    const std::string src =
        id % 3 == 0 ? "192.0.2.1"
                    : "10.0." + std::to_string(id % 200) + "." + std::to_string(id % 251);
    switch (id % 6) {
      case 0:
      case 1:
        out += "{\"@timestamp\":\"" + time +
               "\",\"event\":{\"kind\":\"event\",\"module\":\"pcap\",\"dataset\":\"pcap.flow\"},"
               "\"source\":{\"ip\":\"" +
               src + "\",\"bytes\":" + std::to_string(id % 977) +
               "},\"destination\":{\"ip\":\"198.51.100." + std::to_string(id % 7) +
               "\",\"port\":" + std::to_string(id % 4 == 0 ? 443 : 1024 + id % 300) +
               "},\"network\":{\"transport\":\"tcp\"},\"pcap\":{\"frame\":" + std::to_string(id) +
               "},\"log\":{\"file\":{\"path\":\"/cap/x.pcap\"}}}\n";
        break;
      case 2:
        out += "{\"@timestamp\":\"" + time +
               "\",\"event\":{\"module\":\"pcap\",\"dataset\":\"pcap.dns\"},\"dns\":{\"question\":"
               "{\"name\":\"h" +
               std::to_string(id % 97) + ".example.com\"}},\"source\":{\"ip\":\"" + src + "\"}}\n";
        break;
      case 3: {
        // A log line; lines of file 0 come again in file 1 (same path and offset), enriched.
        const int line = (id % n) / 5 * 5;
        out += "{\"@timestamp\":\"" + time +
               "\",\"event\":{\"module\":\"log\",\"dataset\":\"log.syslog\"},\"log\":{\"file\":"
               "{\"path\":\"/var/log/auth.log\",\"line\":" +
               std::to_string(line) + "},\"offset\":" + std::to_string(line * 80) +
               "},\"message\":\"Failed password from " + src + "\",\"source\":{\"ip\":\"" + src +
               "\"}" +
               (file == 1 ? ",\"threat\":{\"enrichments\":[{\"matched\":{\"atomic\":\"" + src +
                                "\"},\"indicator\":{\"confidence\":\"High\"}}]}"
                          : "") +
               "}\n";
        break;
      }
      case 4:
        out += "{\"@timestamp\":\"" + time +
               "\",\"event\":{\"kind\":\"alert\",\"module\":\"anomaly-detect\",\"dataset\":"
               "\"anomaly.scan\",\"severity\":" +
               std::to_string(id % 8 == 0 ? 73 : 47) + "},\"rule\":{\"name\":\"scan " +
               std::to_string(id % 13) + "\"},\"source\":{\"ip\":\"" + src + "\"}}\n";
        break;
      default:
        out += "{\"event\":{\"dataset\":\"other\"},\"host\":{\"name\":\"ws" +
               std::to_string(id % 40) + "\"},\"related\":{\"ip\":[\"" + src +
               "\",\"10.9.9.9\"]}}\n";
    }
    if (i % 997 == 5) out += "not json at all\n";
    if (i % 1500 == 7) out += "   \n[1,2,3]\n";
  }
  return out;
}

class TriageReportThreads : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int f = 0; f < 3; ++f) {
      const std::string path = (dir_ / ("records-" + std::to_string(f) + ".jsonl")).string();
      WriteFile(path, Records(f, 4000));
      files_.push_back(path);
    }
  }
  TempDir dir_;
  std::vector<std::string> files_;
};

TEST_F(TriageReportThreads, GeneratedFilesWithBadLinesGiveTheSameReport) {
  ExpectSameAsOneThread(files_);
  // The counting tables past their limit: approximate, and still the same.
  std::vector<std::string> small{"--max-distinct", "16", "--max-citations", "3"};
  small.insert(small.end(), files_.begin(), files_.end());
  ExpectSameAsOneThread(small);
  // More threads than are used, a time window, and a missing input in the middle.
  std::vector<std::string> windowed{"--since", "2026-11-24T10:20:00Z", files_[0],
                                    (dir_ / "missing.jsonl").string(), files_[1]};
  ExpectSameAsOneThread(windowed, "8");
}

TEST_F(TriageReportThreads, StrictStopsAtTheSameLine) {
  const CommandResult one = Triage({"--threads", "1", "--strict", files_[0], files_[1]});
  const CommandResult two = Triage({"--threads", "2", "--strict", files_[0], files_[1]});
  EXPECT_EQ(one.exit_code, 65);
  EXPECT_EQ(two.exit_code, 65);
  EXPECT_EQ(one.err, two.err);
  EXPECT_NE(two.err.find("records-0.jsonl:7)"), std::string::npos) << two.err;
}

TEST_F(TriageReportThreads, StandardInputGivesTheSameReport) {
  const std::string input = Records(0, 3000);
  const CommandResult one = Triage({"--threads", "1", "--format", "json"}, input);
  const CommandResult two = Triage({"--threads", "2", "--format", "json"}, input);
  EXPECT_EQ(one.exit_code, 65);  // it has bad lines
  EXPECT_EQ(two.exit_code, one.exit_code);
  EXPECT_TRUE(WithoutGenerationTime(one.out) == WithoutGenerationTime(two.out));
  EXPECT_EQ(one.err, two.err);
}

TEST(TriageReportThreadsFixtures, ZeekSuricataAndSeckitRecords) {
  ExpectSameAsOneThread({Fixture("new_tools.jsonl"), Fixture("suricata_eve.json"),
                         Fixture("zeek_conn.log"), Fixture("zeek_dns.log"),
                         Fixture("zeek_http.log"), Fixture("zeek_ssl.log")});
}

TEST(TriageReportThreadsSamples, TheSamplesIncident) {
  TempDir dir;
  const std::string why = testing::BuildSamplesIncident(dir.path());
  if (!why.empty()) GTEST_SKIP() << why;
  ExpectSameAsOneThread(testing::IncidentFiles(dir.path()));
}

}  // namespace
}  // namespace seckit
