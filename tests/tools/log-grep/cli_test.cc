// log-grep end to end: records, pass-through of JSON lines, exit statuses, inputs, hostile input,
// --state across runs, and the pipe from pcap-extract.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "seckit/sanitizer.h"
#include "test_support.h"

namespace seckit {
namespace {

using nlohmann::json;
using testing::CommandResult;
using testing::TempDir;
using testing::WriteFile;

CommandResult Grep(const std::vector<std::string>& args, const std::string& input = "") {
  std::vector<std::string> argv{(testing::BinDir() / "log-grep").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::Run(argv, input);
}

std::vector<json> Records(const std::string& out) {
  std::vector<json> records;
  for (const std::string& line : testing::SplitLines(out)) records.push_back(json::parse(line));
  return records;
}

size_t Occurrences(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

constexpr const char* kAuthLog =
    "Nov 24 10:05:59 web1 sshd[811]: Failed password for invalid user admin from 203.0.113.66 "
    "port 40022 ssh2\n"
    "Nov 24 10:06:05 web1 sshd[812]: Accepted password for deploy from 203.0.113.66 port 40030 "
    "ssh2\n"
    "Nov 24 10:07:00 web1 CRON[900]: (root) CMD (run-parts /etc/cron.hourly)\n";

TEST(LogGrepCli, SyslogLineBecomesAnEcsRecord) {
  TempDir dir;
  WriteFile(dir / "auth.log", kAuthLog);
  CommandResult r = Grep({"--json", "Accepted", (dir / "auth.log").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> records = Records(r.out);
  ASSERT_EQ(records.size(), 1u);
  const json& rec = records[0];
  EXPECT_EQ(rec["event"]["dataset"], "log.syslog");
  EXPECT_EQ(rec["event"]["action"], "ssh_login");
  EXPECT_EQ(rec["event"]["outcome"], "success");
  EXPECT_EQ(rec["user"]["name"], "deploy");
  EXPECT_EQ(rec["source"]["ip"], "203.0.113.66");
  EXPECT_EQ(rec["source"]["port"], 40030);
  EXPECT_EQ(rec["log"]["file"]["line"], 2);
  EXPECT_EQ(rec["log"]["offset"], std::string(kAuthLog).find("Nov 24 10:06:05"));
  EXPECT_EQ(rec["log"]["file"]["path"], (dir / "auth.log").string());
  EXPECT_EQ(rec["event"]["original"], testing::SplitLines(kAuthLog)[1]);
  ASSERT_EQ(rec["grep"]["matches"].size(), 1u);
  EXPECT_EQ(rec["grep"]["matches"][0]["pattern"], "Accepted");
  EXPECT_EQ(rec["grep"]["matches"][0]["offset"], 32);
  EXPECT_EQ(std::string(rec["@timestamp"]).substr(4), "-11-24T10:06:05.000000Z");
}

TEST(LogGrepCli, WhereOnParsedFieldsAndOnJsonLines) {
  TempDir dir;
  WriteFile(dir / "auth.log", kAuthLog);
  CommandResult r = Grep({"--json", "--where",
                          "event.action = ssh_login and event.outcome = failure and "
                          "source.ip in 203.0.113.0/24",
                          (dir / "auth.log").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(Records(r.out).size(), 1u);
  EXPECT_EQ(Records(r.out)[0]["user"]["name"], "admin");

  // JSON lines: passed through member for member, plus `grep`.
  std::string lines =
      "{\"source\":{\"ip\":\"10.0.0.5\"},\"http\":{\"response\":{\"status_code\":503}},"
      "\"x\":[1,2,{\"y\":null}]}\n"
      "{\"source\":{\"ip\":\"10.0.0.6\"},\"http\":{\"response\":{\"status_code\":200}}}\n";
  CommandResult j = Grep({"--json", "--where", "http.response.status_code >= 500", "-"}, lines);
  ASSERT_EQ(j.exit_code, 0) << j.err;
  std::vector<json> records = Records(j.out);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["x"], json::parse("[1,2,{\"y\":null}]"));
  EXPECT_EQ(records[0]["grep"]["line"], 1);
  // Searching log-grep's own output again replaces `grep` instead of adding a second one.
  CommandResult again = Grep({"--json", "10.0.0.5", "-"}, j.out);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Occurrences(again.out, "\"grep\":"), 1u) << again.out;
  EXPECT_EQ(json::parse(again.out)["x"], records[0]["x"]);
}

TEST(LogGrepCli, ExitStatusesAsGrep) {
  TempDir dir;
  WriteFile(dir / "auth.log", kAuthLog);
  std::string path = (dir / "auth.log").string();
  EXPECT_EQ(Grep({"-c", "Accepted", path}).exit_code, 0);
  EXPECT_EQ(Grep({"-c", "no such text", path}).exit_code, 1);
  CommandResult backref = Grep({"(a)\\1", path});
  EXPECT_EQ(backref.exit_code, 64);
  EXPECT_NE(backref.err.find("(a)\\1"), std::string::npos) << backref.err;
  // A missing file is reported; the others are still searched; the status says so.
  CommandResult missing = Grep({"-c", "Accepted", (dir / "nope.log").string(), path});
  EXPECT_EQ(missing.exit_code, 66);
  EXPECT_NE(missing.err.find("nope.log"), std::string::npos);
  EXPECT_EQ(missing.out, path + ":1\n");
  EXPECT_EQ(Grep({"--where", "source.ip in not-a-cidr", path}).exit_code, 64);
  EXPECT_EQ(Grep({"--since", "yesterday-ish", "x", path}).exit_code, 64);
}

TEST(LogGrepCli, RotatedSetsOldestFirstAndCompressed) {
  TempDir dir;
  WriteFile(dir / "app.log.2", "line from .2 match\n");
  WriteFile(dir / "app.log.1", "line from .1 match\n");
  WriteFile(dir / "app.log", "line from live match\n");
  ASSERT_EQ(testing::Run({"gzip", (dir / "app.log.2").string()}).exit_code, 0);
  CommandResult r = Grep({"--text", "--no-filename", "match", (dir / "app.log").string(),
                          (dir / "app.log.1").string(), (dir / "app.log.2.gz").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "line from .2 match\nline from .1 match\nline from live match\n");
  CommandResult l = Grep({"-l", "-r", "--include", "*.gz", "match", dir.path().string()});
  EXPECT_EQ(l.out, (dir / "app.log.2.gz").string() + "\n") << l.err;
}

TEST(LogGrepCli, HostileInput) {
  TempDir dir;
  // A 100 MB line with the match at its end, invalid UTF-8 and NUL bytes later in the file.
  std::string big(100 * 1024 * 1024, 'a');
  big += " needle\nbad \xff\xfe bytes needle\n";
  big += std::string("nul \0 inside needle\n", 21);
  WriteFile(dir / "big.log", big);
  CommandResult r = Grep({"-c", "needle", (dir / "big.log").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "3\n");
  CommandResult records = Grep({"--json", "bytes needle", (dir / "big.log").string()});
  ASSERT_EQ(records.exit_code, 0) << records.err;
  json rec = json::parse(records.out);  // valid JSON: invalid bytes became U+FFFD
  EXPECT_EQ(rec["event"]["original"], "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes needle");
  // Broken JSON lines are reported with file and line, the rest still selected.
  WriteFile(dir / "r.jsonl", "{\"a\":1}\n{\"a\":\n{\"a\":2}\n");
  CommandResult j = Grep({"--json", "--where", "a >= 1", (dir / "r.jsonl").string()});
  EXPECT_EQ(j.exit_code, 65);
  EXPECT_EQ(Records(j.out).size(), 2u);
  EXPECT_NE(j.err.find("r.jsonl:2"), std::string::npos) << j.err;
  // A JSON line nested 100,000 deep: a bad line (simdjson's depth limit), the rest selected.
  WriteFile(dir / "deep.jsonl", "{\"a\":1}\n{\"x\":" + std::string(100000, '[') +
                                    std::string(100000, ']') + "}\n{\"a\":2}\n");
  CommandResult deep = Grep({"--json", "--where", "a >= 1", (dir / "deep.jsonl").string()});
  EXPECT_EQ(deep.exit_code, 65);
  EXPECT_EQ(Records(deep.out).size(), 2u);
  EXPECT_NE(deep.err.find("too deep"), std::string::npos) << deep.err;
  EXPECT_NE(deep.err.find("deep.jsonl:2"), std::string::npos) << deep.err;
  // A binary file is skipped with a note.
  WriteFile(dir / "bin.dat", std::string("ELF\0\0\0needle\n", 14));
  CommandResult b = Grep({"needle", (dir / "bin.dat").string()});
  EXPECT_EQ(b.exit_code, 1);
  EXPECT_NE(b.err.find("binary"), std::string::npos);
}

// A 1 GiB line (generated in the pipe, never stored): its first 256 MiB are searched, the rest is
// dropped unread into memory, the next line is found, and the process stays far below 1 GiB.
TEST(LogGrepCli, GigabyteLineIsCutAndMemoryStaysBounded) {
  if (!testing::HaveProgram("time")) GTEST_SKIP() << "no /usr/bin/time (package time)";
  const std::string tool = (testing::BinDir() / "log-grep").string();
  const std::string script =
      "{ printf 'start needle '; head -c 1073741824 /dev/zero | tr '\\0' a;"
      "  printf ' end-only-marker\\nnext needle line\\nlast end-only-marker\\n'; } |"
      " /usr/bin/time -f 'maxrss=%M' \"$0\" -c \"$1\" -";
  CommandResult both = testing::Run({"bash", "-c", script, tool, "needle"});
  EXPECT_EQ(both.exit_code, 0) << both.err;
  EXPECT_EQ(both.out, "2\n");
  EXPECT_NE(both.err.find("is longer than 256 MiB: only its first 256 MiB are searched"),
            std::string::npos) << both.err;
  const size_t rss = both.err.find("maxrss=");
  ASSERT_NE(rss, std::string::npos) << both.err;
  const long kib = std::stol(both.err.substr(rss + 7));
  // ASan's shadow memory and quarantine come on top of what the tool itself holds.
  const long kLimitKib = kAddressSanitizer ? 1024 * 1024 : 400 * 1024;
  EXPECT_LT(kib, kLimitKib) << "max RSS " << kib << " KiB for a 1 GiB line";
  // Past the cut nothing of that line is searched; the later line still is.
  CommandResult tail = testing::Run({"bash", "-c", script, tool, "end-only-marker"});
  EXPECT_EQ(tail.exit_code, 0) << tail.err;
  EXPECT_EQ(tail.out, "1\n");
}

// A file this user may not read, found by -r among readable ones: named with "Permission denied",
// the others searched, status 66. As root every file is readable, so log-grep then runs as nobody
// (setpriv); input_set_test.cc tests the same in-process for other users.
TEST(LogGrepCli, UnreadableFileIsReportedAndTheRestSearched) {
  TempDir dir;
  std::filesystem::create_directories(dir / "logs");
  WriteFile(dir / "logs/a.log", "needle in a\n");
  WriteFile(dir / "logs/secret.log", "needle in secret\n");
  WriteFile(dir / "logs/z.log", "needle in z\n");
  ASSERT_EQ(chmod((dir / "logs/secret.log").c_str(), 0), 0);
  for (const std::filesystem::path& d : {dir.path(), dir / "logs"}) {
    ASSERT_EQ(chmod(d.c_str(), 0755), 0);
  }
  std::vector<std::string> argv;
  if (geteuid() == 0) {
    if (!testing::HaveProgram("setpriv")) GTEST_SKIP() << "root, and no setpriv to drop to nobody";
    argv = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
  }
  argv.insert(argv.end(), {(testing::BinDir() / "log-grep").string(), "--text", "--no-filename",
                           "-r", "needle", (dir / "logs").string()});
  CommandResult r = testing::Run(argv);
  EXPECT_EQ(r.exit_code, 66) << r.err;
  EXPECT_EQ(r.out, "needle in a\nneedle in z\n");
  EXPECT_NE(r.err.find("secret.log"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Permission denied"), std::string::npos) << r.err;
}

TEST(LogGrepCli, ClosedPipeEndsQuietly) {
  TempDir dir;
  std::string many;
  for (int i = 0; i < 200000; ++i) many += "Failed password line " + std::to_string(i) + "\n";
  WriteFile(dir / "many.log", many);
  std::string tool = (testing::BinDir() / "log-grep").string();
  CommandResult r = testing::Run(
      {"bash", "-c", "\"$0\" --json Failed \"$1\" | head -n 1 > /dev/null; echo ${PIPESTATUS[0]}",
       tool, (dir / "many.log").string()});
  EXPECT_EQ(r.out, "0\n");
  EXPECT_EQ(r.err, "");
}

TEST(LogGrepCli, StateReadsOnlyNewLinesAcrossRotation) {
  TempDir dir;
  std::string log = (dir / "auth.log").string();
  std::string state = (dir / "state.json").string();
  WriteFile(log, "hit 1\nhit 2\n");
  EXPECT_EQ(Grep({"-c", "--state", state, "hit", log}).out, "2\n");
  EXPECT_EQ(Grep({"-c", "--state", state, "hit", log}).out, "0\n");
  WriteFile(log, "hit 1\nhit 2\nhit 3\npartial hit");  // the last line is still being written
  EXPECT_EQ(Grep({"-c", "--state", state, "hit", log}).out, "1\n");
  // logrotate: rename, a new file; the rest of the old one is found under its new name.
  WriteFile(log, "hit 1\nhit 2\nhit 3\npartial hit done\nhit 5\n");
  std::filesystem::rename(log, log + ".1");
  WriteFile(log, "hit 6\n");
  CommandResult r = Grep({"--text", "--no-filename", "--state", state, "hit", log});
  EXPECT_EQ(r.out, "partial hit done\nhit 5\nhit 6\n") << r.err;
  EXPECT_EQ(Grep({"-c", "--state", state, "hit", log}).out, "0\n");
}

// A file that grows and is truncated while log-grep reads it: the run ends, and with --state the
// lines appended during one run are read by the next, none twice and none lost.
TEST(LogGrepCli, FileChangingWhileReadLosesNoLine) {
  TempDir dir;
  const std::string log = (dir / "growing.log").string();
  const std::string state = (dir / "state.json").string();
  std::string initial;
  for (int i = 0; i < 200000; ++i) initial += "line " + std::to_string(i) + " hit\n";
  WriteFile(log, initial);
  std::atomic<bool> stop{false};
  std::atomic<int> appended{0};
  std::thread writer([&] {
    std::ofstream out(log, std::ios::app);
    while (!stop) {
      out << "appended " << appended << " hit\n" << std::flush;
      ++appended;
    }
  });
  int total = 0;
  for (int run = 0; run < 3; ++run) {
    CommandResult r = Grep({"-c", "--state", state, "hit", log});
    ASSERT_LE(r.exit_code, 1) << r.err;  // 1: nothing new this time
    total += std::stoi(r.out);
  }
  stop = true;
  writer.join();
  CommandResult rest = Grep({"-c", "--state", state, "hit", log});
  total += std::stoi(rest.out);
  EXPECT_EQ(total, 200000 + appended) << "lines lost or repeated across runs";
  EXPECT_EQ(Grep({"-c", "--state", state, "hit", log}).out, "0\n");

  // Shrinking under the reader: truncated to a prefix while a slow-ish run reads it. The run
  // ends with a count no larger than the lines that ever existed.
  std::thread truncater([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::filesystem::resize_file(log, 1000);
  });
  CommandResult shrunk = Grep({"-c", "hit", log});
  truncater.join();
  EXPECT_EQ(shrunk.exit_code, 0) << shrunk.err;
  EXPECT_LE(std::stoi(shrunk.out), 200000 + appended);
}

TEST(LogGrepCli, SinceAndUntilOnParsedTimes) {
  TempDir dir;
  WriteFile(dir / "a.log",
            "1.2.3.4 - - [24/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\n"
            "1.2.3.4 - - [24/Nov/2026:11:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\n"
            "1.2.3.4 - - [24/Nov/2026:12:00:00 +0100] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\n");
  CommandResult r = Grep({"-c", "--since", "2026-11-24T10:30:00Z", "--until",
                          "2026-11-24T11:30:00Z", "GET", (dir / "a.log").string()});
  EXPECT_EQ(r.out, "2\n") << r.err;  // 11:00Z and 12:00+01:00 = 11:00Z
}

TEST(LogGrepCli, FindsPcapExtractRecordsByIndicator) {
  std::filesystem::path capture =
      std::filesystem::path(SECKIT_SOURCE_DIR) / "samples" / "incident.pcap";
  std::string tool = (testing::BinDir() / "pcap-extract").string();
  CommandResult dns = testing::Run({tool, "--type", "dns", capture.string()});
  ASSERT_EQ(dns.exit_code, 0) << dns.err;
  TempDir dir;
  WriteFile(dir / "iocs.txt", "# beacon\ncdn-update[.]example[.]net\n");
  CommandResult r = Grep({"--json", "--ioc", (dir / "iocs.txt").string(), "-"}, dns.out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t expected = 0;
  for (const json& record : Records(dns.out)) {
    if (record["dns"]["question"]["name"] == "cdn-update.example.net") ++expected;
  }
  std::vector<json> records = Records(r.out);
  EXPECT_GT(expected, 0u);
  EXPECT_EQ(records.size(), expected);
  for (const json& record : records) {
    EXPECT_EQ(record["event"]["dataset"], "pcap.dns");  // passed through
    EXPECT_EQ(record["grep"]["matches"][0]["indicator"], "cdn-update.example.net");
  }
}

}  // namespace
}  // namespace seckit
