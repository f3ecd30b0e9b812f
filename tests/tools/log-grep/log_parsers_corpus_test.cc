// Tests the log parsers on the real logs of ../shared/corpus/logs against independent
// references: loghub's ground-truth CSV, plaso's expected counts, and grep, awk, sed and date run
// here on the same files.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "log_parsers.h"
#include "log_parsers_test_util.h"
#include "seckit/time.h"
#include "test_support.h"

namespace seckit::log_grep {
namespace {

namespace fs = std::filesystem;

// The lines of a file as LineReader gives them: split on '\n', one trailing '\r' removed.
std::vector<std::string> ReadLines(const fs::path& path) {
  std::vector<std::string> lines = testing::SplitLines(testing::ReadFile(path));
  for (std::string& line : lines) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
  }
  return lines;
}

// Runs a reference tool and returns its output lines (with any '\r' left in them removed).
std::vector<std::string> RunLines(const std::vector<std::string>& argv,
                                  const std::string& input = "") {
  const testing::CommandResult result = testing::Run(argv, input);
  EXPECT_EQ(result.exit_code, 0) << argv[0] << ": " << result.err;
  std::vector<std::string> lines = testing::SplitLines(result.out);
  for (std::string& line : lines) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  }
  return lines;
}

int64_t GrepCount(const std::string& pattern, const fs::path& path) {
  const testing::CommandResult result = testing::Run({"grep", "-cE", pattern, path.string()});
  EXPECT_LE(result.exit_code, 1) << result.err;  // 1: no match, count 0
  return std::stoll(result.out);
}

// RFC 4180 CSV: quoted fields with "" for a quote, commas and line breaks inside quotes,
// CRLF or LF record ends.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, field_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = field_started = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(field));
      field.clear();
      field_started = false;
      rows.emplace_back();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (field_started || !rows.back().empty()) {
    rows.back().push_back(std::move(field));
  } else {
    rows.pop_back();
  }
  return rows;
}

TEST(CsvReader, QuotesAndCommas) {
  const auto rows = ParseCsv("a,\"b,\"\"c\"\"\",d\r\n\"x\ny\",,\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b,\"c\"", "d"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x\ny", "", ""}));
}

const TimeNs kRef2017 = *ParseRfc3339("2017-01-01T00:00:00Z");

// Counts of event.action / event.outcome values over a set of events.
std::map<std::string, int64_t> CountField(const std::vector<LogEvent>& events,
                                          std::string_view key) {
  std::map<std::string, int64_t> counts;
  for (const LogEvent& e : events) {
    if (const LogField* f = e.Find(key)) ++counts[f->text];
  }
  return counts;
}

TEST(LogParsersCorpus, OpenSshAgainstLoghubGroundTruth) {
  SECKIT_REQUIRE_CORPUS(log_path, "logs/loghub_OpenSSH_2k.log");
  SECKIT_REQUIRE_CORPUS(csv_path, "logs/loghub_OpenSSH_2k.log_structured.csv");
  const std::vector<std::string> lines = ReadLines(log_path);
  const auto rows = ParseCsv(testing::ReadFile(csv_path));
  ASSERT_EQ(lines.size(), 2000u);
  ASSERT_EQ(rows.size(), 2001u);
  ASSERT_EQ(rows[0], (std::vector<std::string>{"LineId", "Date", "Day", "Time", "Component", "Pid",
                                               "Content", "EventId", "EventTemplate"}));
  const std::map<std::string, std::string> months = {{"Dec", "12"}};
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::vector<std::string>& row = rows[i + 1];
    ASSERT_EQ(row.size(), 9u) << "CSV row " << i + 1;
    ASSERT_EQ(row[0], std::to_string(i + 1));
    LogEvent e;
    ASSERT_TRUE(ParseSyslogLine(lines[i], kRef2017, e)) << lines[i];
    EXPECT_EQ(Get(e, "host.hostname"), row[4]) << lines[i];
    EXPECT_EQ(Get(e, "process.name"), "sshd") << lines[i];
    EXPECT_EQ(Get(e, "process.pid"), row[5]) << lines[i];
    EXPECT_EQ(Get(e, "message"), row[6]) << lines[i];
    std::string day = row[2].size() == 1 ? "0" + row[2] : row[2];
    EXPECT_EQ(FormatRfc3339(*e.time, 0),
              "2016-" + months.at(row[1]) + "-" + day + "T" + row[3] + "Z")
        << lines[i];
    EXPECT_TRUE(WellFormed(e)) << lines[i];
    // The CR that LineReader strips makes no difference.
    LogEvent with_cr;
    ASSERT_TRUE(ParseSyslogLine(lines[i] + "\r", kRef2017, with_cr));
    EXPECT_EQ(Dump(with_cr), Dump(e));
  }
}

TEST(LogParsersCorpus, OpenSshActionsAgainstGrep) {
  SECKIT_REQUIRE_CORPUS(path, "logs/loghub_OpenSSH_2k.log");
  std::vector<LogEvent> events;
  for (const std::string& line : ReadLines(path)) {
    events.emplace_back();
    ASSERT_TRUE(ParseSyslogLine(line, kRef2017, events.back())) << line;
  }
  const std::string tag = R"(sshd\[[0-9]+\]: )";
  const std::map<std::string, int64_t> expected_actions = {
      {"ssh_login",
       GrepCount(tag + R"((message repeated [0-9]+ times: \[ )?(Accepted|Failed) [a-z/-]+ for )",
                 path)},
      {"ssh_invalid_user", GrepCount(tag + "Invalid user ", path)},
      {"ssh_pam_auth_failure",
       GrepCount(tag + R"(pam_unix\(sshd:auth\): authentication failure;)", path)},
      {"ssh_disconnect",
       GrepCount(tag + "(error: )?(Received disconnect from|Disconnected from|Disconnecting [^:])",
                 path)},
      {"ssh_connection_closed", GrepCount(tag + "Connection closed by ", path)},
      {"ssh_max_auth_exceeded", GrepCount("maximum authentication attempts exceeded|Disconnecting: "
                                          "Too many authentication failures",
                                          path)},
      {"ssh_break_in_attempt", GrepCount("POSSIBLE BREAK-IN ATTEMPT", path)},
  };
  EXPECT_EQ(CountField(events, "event.action"), expected_actions);
  // The MANIFEST's figure, and the numbers found when these tests were written.
  EXPECT_EQ(GrepCount("Failed password", path), 520);
  EXPECT_EQ(expected_actions.at("ssh_login"), 525);
  EXPECT_EQ(expected_actions.at("ssh_invalid_user"), 113);
  EXPECT_EQ(expected_actions.at("ssh_pam_auth_failure"), 494);
  EXPECT_EQ(expected_actions.at("ssh_disconnect"), 468);
  EXPECT_EQ(expected_actions.at("ssh_connection_closed"), 34);
  EXPECT_EQ(expected_actions.at("ssh_max_auth_exceeded"), 3);
  EXPECT_EQ(expected_actions.at("ssh_break_in_attempt"), 85);

  const int64_t accepted = GrepCount(tag + "Accepted ", path);
  const int64_t failures =
      expected_actions.at("ssh_login") - accepted + expected_actions.at("ssh_invalid_user") +
      expected_actions.at("ssh_pam_auth_failure") + expected_actions.at("ssh_max_auth_exceeded");
  EXPECT_EQ(CountField(events, "event.outcome"),
            (std::map<std::string, int64_t>{{"failure", failures}, {"success", accepted}}));

  // User, address and port of every "Failed password" line, as sed extracts them.
  std::vector<std::string> from_parser;
  for (const LogEvent& e : events) {
    if (Get(e, "event.action") == "ssh_login" && Get(e, "ssh.auth.method") == "password" &&
        Get(e, "event.outcome") == "failure") {
      from_parser.push_back(Get(e, "user.name") + "|" + Get(e, "source.ip") + "|" +
                            Get(e, "source.port"));
    }
  }
  const std::vector<std::string> from_sed = RunLines(
      {"sed", "-nE",
       R"(s/.*\]: (message repeated [0-9]+ times: \[ )?Failed password for (invalid user )?)"
       R"((.*) from ([^ ]*) port ([0-9]+) ssh2\]?.*/\3|\4|\5/p)",
       path.string()});
  EXPECT_EQ(from_parser.size(), 520u);
  EXPECT_EQ(from_parser, from_sed);

  // rsyslog's repeat counts add up to what the lines say.
  int64_t repeats = 0;
  for (const LogEvent& e : events) {
    if (const LogField* f = e.Find("log.syslog.repeat_count")) repeats += f->number;
  }
  int64_t expected_repeats = 0;
  for (const std::string& n :
       RunLines({"sed", "-nE", R"(s/.*message repeated ([0-9]+) times.*/\1/p)", path.string()})) {
    expected_repeats += std::stoll(n);
  }
  EXPECT_EQ(repeats, expected_repeats);
  EXPECT_GT(repeats, 0);
}

// host|tag of each line by the rule in log_parsers.h, as awk reads it: no host when the time is
// followed by ':'; the first word after the time is the tag when it is "name:" or "name[pid]:".
constexpr const char* kAwkHostTag = R"(
{
  sub(/\r$/, "")
  if ($3 ~ /:$/) { print "|"; next }
  host = $4; tag = $5
  if (host ~ /^[^ []+(\[[0-9]+\])?:$/) { tag = host; host = "" }
  if (tag !~ /^[^ []+(\[[0-9]+\])?:$/) tag = ""
  sub(/(\[[0-9]+\])?:$/, "", tag)
  print host "|" tag
})";

std::string HostTag(const LogEvent& e) {
  const LogField* host = e.Find("host.hostname");
  const LogField* name = e.Find("process.name");
  return (host ? host->text : "") + "|" + (name ? name->text : "");
}

TEST(LogParsersCorpus, LinuxSyslogAgainstAwk) {
  SECKIT_REQUIRE_CORPUS(path, "logs/loghub_Linux_2k.log");
  const std::vector<std::string> lines = ReadLines(path);
  ASSERT_EQ(lines.size(), 2000u);
  const std::vector<std::string> host_tags = RunLines({"awk", kAwkHostTag, path.string()});
  ASSERT_EQ(host_tags.size(), lines.size());
  // The message: the line after the time, host and tag, as sed strips them.
  const std::vector<std::string> messages = RunLines(
      {"sed", "-E",
       R"(s/^[A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} [^ ]+ +//; s/^[^ []+(\[[0-9]+\])?: *//; s/\r$//)",
       path.string()});
  ASSERT_EQ(messages.size(), lines.size());
  const TimeNs ref2006 = *ParseRfc3339("2006-01-01T00:00:00Z");
  int64_t pam_failures = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    LogEvent e;
    ASSERT_TRUE(ParseSyslogLine(lines[i], ref2006, e)) << lines[i];
    EXPECT_EQ(HostTag(e), host_tags[i]) << lines[i];
    EXPECT_EQ(Get(e, "host.hostname"), "combo");
    EXPECT_EQ(Get(e, "message"), messages[i]) << lines[i];
    EXPECT_EQ(FormatRfc3339(*e.time, 0).substr(0, 5), "2005-") << lines[i];
    EXPECT_TRUE(WellFormed(e)) << lines[i];
    pam_failures += Get(e, "event.action") == "ssh_pam_auth_failure";
  }
  EXPECT_EQ(pam_failures,
            GrepCount(R"(sshd\(pam_unix\)\[[0-9]+\]: authentication failure;)", path));
  EXPECT_GT(pam_failures, 0);
}

TEST(LogParsersCorpus, PlasoSyslog) {
  SECKIT_REQUIRE_CORPUS(path, "logs/plaso_syslog");
  const std::vector<std::string> lines = ReadLines(path);
  ASSERT_EQ(lines.size(), 18u);
  const std::vector<std::string> host_tags = RunLines({"awk", kAwkHostTag, path.string()});
  ASSERT_EQ(host_tags.size(), lines.size());
  const TimeNs ref2013 = *ParseRfc3339("2013-01-01T00:00:00Z");
  std::vector<std::string> rejected;
  for (size_t i = 0; i < lines.size(); ++i) {
    LogEvent e;
    if (!ParseSyslogLine(lines[i], ref2013, e)) {
      rejected.push_back(lines[i]);
      continue;
    }
    EXPECT_EQ(HostTag(e), host_tags[i]) << lines[i];
    EXPECT_TRUE(WellFormed(e)) << lines[i];
    if (lines[i].rfind("Feb 29", 0) == 0) {
      EXPECT_EQ(FormatRfc3339(*e.time, 0), "2012-02-29T01:15:43Z");
    }
  }
  // plaso's own test expects 16 events from this file: the invalid month "MMM" and the
  // continuation line of a multi-line message are not syslog lines.
  EXPECT_EQ(lines.size() - rejected.size(), 16u);
  EXPECT_EQ(rejected, (std::vector<std::string>{
                          "MMM 22 07:54:32 myhostname.myhost.com anacron[29782]: Normal exit "
                          "(1 job run)",
                          "\tmany syslog parsers."}));
}

TEST(LogParsersCorpus, PlasoSyslogSsh) {
  SECKIT_REQUIRE_CORPUS(path, "logs/plaso_syslog_ssh.log");
  std::vector<LogEvent> events;
  std::vector<std::string> summary;
  for (const std::string& line : ReadLines(path)) {
    events.emplace_back();
    ASSERT_TRUE(ParseSyslogLine(line, kRef2017, events.back())) << line;
    const LogEvent& e = events.back();
    summary.push_back(Get(e, "event.outcome") + " " + Get(e, "user.name") + " " +
                      Get(e, "source.ip") + " " + Get(e, "source.port") + " " +
                      Get(e, "ssh.auth.method"));
  }
  EXPECT_EQ(CountField(events, "event.outcome"),
            (std::map<std::string, int64_t>{{"failure", GrepCount("Failed ", path)},
                                            {"success", GrepCount("Accepted ", path)}}));
  // "001:db8:a0b:12f0::1" is a valid RFC 4291 text form (groups of 1-4 digits): 1:db8:...
  EXPECT_EQ(summary, (std::vector<std::string>{
                         "<absent> <absent> <absent> <absent> <absent>",
                         "success plaso 192.168.0.1 59229 publickey",
                         "success plaso 2001:db8:a0b:12f0::1 42532 password",
                         "failure plaso 1:db8:a0b:12f0::1 8759 publickey",
                         "<absent> <absent> <absent> <absent> <absent>",
                         "failure root 188.124.3.41 32889 password",
                         "success fred 192.0.2.60 60594 publickey",
                         "success fred 192.0.2.60 20042 publickey",
                         "success fred 192.0.2.60 59915 publickey",
                     }));
}

// Status and bytes of each line, as awk finds them: the first `" DDD BYTES` of the line.
std::vector<std::string> AwkStatusBytes(const fs::path& path) {
  return RunLines({"awk",
                   R"({ if (match($0, /" [0-9][0-9][0-9] ([0-9]+|-)/)) )"
                   R"(print substr($0, RSTART + 2, RLENGTH - 2); else print "none" })",
                   path.string()});
}

// The request time of each line as GNU date converts it to UTC.
std::vector<std::string> DateTimes(const fs::path& path) {
  const std::vector<std::string> stamps = RunLines(
      {"sed", "-nE",
       R"(s/.*\[([0-9]+)\/([A-Za-z]+)\/([0-9]+):([0-9:]+) ([-+][0-9]+)\].*/\1 \2 \3 \4 \5/p)",
       path.string()});
  std::string input;
  for (const std::string& s : stamps) input += s + "\n";
  return RunLines({"date", "-u", "-f", "-", "+%Y-%m-%dT%H:%M:%SZ"}, input);
}

std::string StatusBytes(const LogEvent& e) {
  const std::string bytes = Get(e, "http.response.body.bytes");
  return Get(e, "http.response.status_code") + " " + (bytes == "<absent>" ? "-" : bytes);
}

TEST(LogParsersCorpus, BeatsNginxAccess) {
  SECKIT_REQUIRE_CORPUS(path, "logs/beats_nginx_access.log");
  const std::vector<std::string> lines = ReadLines(path);
  ASSERT_EQ(lines.size(), 13u);
  const std::vector<std::string> status = AwkStatusBytes(path);
  const std::vector<std::string> times = DateTimes(path);
  const std::vector<std::string> clients =
      RunLines({"awk", R"({ print ($1 ~ /^[0-9.]+$/) ? $1 : $2 })", path.string()});
  const std::vector<std::string> agents = RunLines({"awk", "-F\"", "{ print $6 }", path.string()});
  ASSERT_EQ(status.size(), lines.size());
  ASSERT_EQ(times.size(), lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    LogEvent e;
    ASSERT_TRUE(ParseAccessLogLine(lines[i], e)) << lines[i];
    EXPECT_EQ(StatusBytes(e), status[i]) << lines[i];
    EXPECT_EQ(FormatRfc3339(*e.time, 0), times[i]) << lines[i];
    EXPECT_EQ(Get(e, "source.ip"), clients[i]) << lines[i];
    EXPECT_EQ(Get(e, "user_agent.original"), agents[i] == "-" ? "<absent>" : agents[i]);
    EXPECT_EQ(Get(e, "http.request.method"), "GET");
    EXPECT_TRUE(WellFormed(e)) << lines[i];
  }
  LogEvent last;
  ASSERT_TRUE(ParseAccessLogLine(lines.back(), last));
  EXPECT_EQ(Get(last, "destination.domain"), "lessons.example.com");
}

TEST(LogParsersCorpus, BeatsNginxEdgeCases) {
  SECKIT_REQUIRE_CORPUS(path, "logs/beats_nginx_access_edgecases.log");
  const std::vector<std::string> lines = ReadLines(path);
  ASSERT_EQ(lines.size(), 7u);
  const std::vector<std::string> status = AwkStatusBytes(path);
  const std::vector<std::string> times = DateTimes(path);
  ASSERT_EQ(times.size(), lines.size());
  std::vector<std::string> ips;
  for (size_t i = 0; i < lines.size(); ++i) {
    LogEvent e;
    ASSERT_TRUE(ParseAccessLogLine(lines[i], e)) << lines[i];
    EXPECT_EQ(StatusBytes(e), status[i]) << lines[i];
    EXPECT_EQ(FormatRfc3339(*e.time, 0), times[i]) << lines[i];
    EXPECT_TRUE(WellFormed(e)) << lines[i];
    ips.push_back(Get(e, "source.ip") + " " + Get(e, "source.address"));
  }
  EXPECT_EQ(ips, (std::vector<std::string>{
                     "10.0.0.2 10.0.0.2, 10.0.0.1, 127.0.0.1",
                     "172.17.0.1 <absent>",
                     "10.0.0.2 10.0.0.2, 10.0.0.1, 85.181.35.98",
                     "85.181.35.98 <absent>",
                     "10.5.102.222 \"10.5.102.222, 199.96.1.1, 204.246.1.1\" 10.2.1.185",
                     "2a03:0:10ff:f00f::8000 2a03:0000:10ff:f00f:0000:0000:0:8000, 10.225.192.17 "
                     "10.2.2.121",
                     "127.0.0.1 <absent>",
                 }));
}

TEST(LogParsersCorpus, PlasoApacheAccess) {
  SECKIT_REQUIRE_CORPUS(path, "logs/plaso_apache_access.log");
  const std::vector<std::string> lines = ReadLines(path);
  ASSERT_EQ(lines.size(), 15u);
  const std::vector<std::string> status = AwkStatusBytes(path);
  const std::vector<std::string> times = DateTimes(path);
  ASSERT_EQ(times.size(), lines.size());
  std::vector<size_t> rejected;
  int64_t vhosts = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    LogEvent e;
    if (!ParseAccessLogLine(lines[i], e)) {
      rejected.push_back(i + 1);
      continue;
    }
    EXPECT_EQ(StatusBytes(e), status[i]) << lines[i];
    EXPECT_EQ(FormatRfc3339(*e.time, 0), times[i]) << lines[i];
    EXPECT_TRUE(WellFormed(e)) << lines[i];
    vhosts += e.Find("destination.domain") != nullptr;
  }
  // plaso: 14 events and one parse warning (line 8, whose user agent is never closed).
  EXPECT_EQ(rejected, std::vector<size_t>{8});
  EXPECT_EQ(vhosts, GrepCount("^[^ ]+:443 ", path));
}

struct DetectCase {
  const char* file;
  LogFormat format;
};

TEST(LogParsersCorpus, DetectFormat) {
  const DetectCase cases[] = {
      {"logs/beats_nginx_access.log", LogFormat::kAccess},
      {"logs/beats_nginx_access_edgecases.log", LogFormat::kAccess},
      {"logs/plaso_apache_access.log", LogFormat::kAccess},
      {"logs/loghub_Linux_2k.log", LogFormat::kSyslog},
      {"logs/loghub_OpenSSH_2k.log", LogFormat::kSyslog},
      {"logs/plaso_syslog", LogFormat::kSyslog},
      {"logs/plaso_syslog_ssh.log", LogFormat::kSyslog},
      {"logs/plaso_aws_cloudtrail.jsonl", LogFormat::kJson},
      {"logs/plaso_gcp_logging.jsonl", LogFormat::kJson},
      {"logs/loghub_Windows_2k_CBS.log", LogFormat::kText},
      {"logs/loghub_Apache_2k_error.log", LogFormat::kText},  // an error log, not an access log
      {"logs/loghub_OpenSSH_2k.log_structured.csv", LogFormat::kText},
      {"logs/plaso_System.evtx", LogFormat::kText},
  };
  for (const DetectCase& c : cases) {
    SECKIT_REQUIRE_CORPUS(path, c.file);
    const std::vector<std::string> lines = ReadLines(path);
    const std::vector<std::string_view> views(lines.begin(), lines.end());
    EXPECT_EQ(LogFormatName(DetectFormat(views)), LogFormatName(c.format)) << c.file;
  }
}

TEST(LogParsersCorpus, EveryParserOnEveryLineStaysWellFormed) {
  SECKIT_REQUIRE_CORPUS(dir, "logs/plaso_syslog");
  for (const fs::directory_entry& entry : fs::directory_iterator(dir.parent_path())) {
    for (const std::string& line : ReadLines(entry.path())) {
      LogEvent e;
      ParseSyslogLine(line, kRef2017, e);
      EXPECT_TRUE(WellFormed(e)) << entry.path() << ": " << line;
      ParseAccessLogLine(line, e);
      EXPECT_TRUE(WellFormed(e)) << entry.path() << ": " << line;
      e.Clear();
      ParseSshdMessage(line, e);
      EXPECT_TRUE(WellFormed(e)) << entry.path() << ": " << line;
    }
  }
}

}  // namespace
}  // namespace seckit::log_grep
