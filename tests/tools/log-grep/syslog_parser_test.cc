// Unit tests for ParseSyslogLine: RFC 3164 and its variations, rsyslog's RFC 3339 format,
// RFC 5424, and hostile input.
#include <gtest/gtest.h>

#include <string>

#include "log_parsers.h"
#include "log_parsers_test_util.h"
#include "seckit/time.h"

namespace seckit::log_grep {
namespace {

const TimeNs kRef = *ParseRfc3339("2026-12-01T00:00:00Z");

std::string TimeOf(const LogEvent& event) {
  return event.time ? FormatRfc3339(*event.time, 6) : "<none>";
}

TEST(SyslogParser, Rfc3164WithTagAndPid) {
  LogEvent e;
  ASSERT_TRUE(ParseSyslogLine("Nov 24 10:06:05 host CRON[123]: (root) CMD (run-parts)", kRef, e));
  EXPECT_EQ(TimeOf(e), "2026-11-24T10:06:05.000000Z");
  EXPECT_EQ(Dump(e),
            "host.hostname=\"host\"\nprocess.name=\"CRON\"\nprocess.pid=123\n"
            "message=\"(root) CMD (run-parts)\"\n");
}

TEST(SyslogParser, Rfc3164WithPri) {
  LogEvent e;
  ASSERT_TRUE(
      ParseSyslogLine("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick", kRef, e));
  EXPECT_EQ(TimeOf(e), "2026-10-11T22:14:15.000000Z");
  EXPECT_EQ(Dump(e),
            "host.hostname=\"mymachine\"\nprocess.name=\"su\"\nlog.syslog.priority=34\n"
            "log.syslog.facility.code=4\nlog.syslog.severity.code=2\n"
            "message=\"'su root' failed for lonvick\"\n");
  ASSERT_TRUE(ParseSyslogLine("<0>Oct 11 22:14:15 h a: m", kRef, e));
  EXPECT_EQ(Get(e, "log.syslog.priority"), "0");
  ASSERT_TRUE(ParseSyslogLine("<191>Oct 11 22:14:15 h a: m", kRef, e));
  EXPECT_EQ(Get(e, "log.syslog.facility.code"), "23");
  EXPECT_EQ(Get(e, "log.syslog.severity.code"), "7");
}

TEST(SyslogParser, Rfc3164YearFromReference) {
  LogEvent e;
  const TimeNs new_year = *ParseRfc3339("2027-01-03T00:00:00Z");
  ASSERT_TRUE(ParseSyslogLine("Dec 31 23:59:59 h a: m", new_year, e));
  EXPECT_EQ(TimeOf(e), "2026-12-31T23:59:59.000000Z");
  ASSERT_TRUE(ParseSyslogLine("Jan  9 00:00:00 h a: m", new_year, e));
  EXPECT_EQ(TimeOf(e), "2027-01-09T00:00:00.000000Z");
  // Cisco devices write the year.
  ASSERT_TRUE(ParseSyslogLine("Nov 24 2020 10:06:05 router x: y", new_year, e));
  EXPECT_EQ(TimeOf(e), "2020-11-24T10:06:05.000000Z");
  EXPECT_EQ(Get(e, "host.hostname"), "router");
}

TEST(SyslogParser, Rfc3164PlasoVariations) {
  LogEvent e;
  const TimeNs ref2013 = *ParseRfc3339("2013-03-01T00:00:00Z");
  // A ':' right after the time: no host, no tag; Feb 29 goes back to a leap year.
  ASSERT_TRUE(ParseSyslogLine("Feb 29 01:15:43: --- testing leap year ---", ref2013, e));
  EXPECT_EQ(TimeOf(e), "2012-02-29T01:15:43.000000Z");
  EXPECT_EQ(Dump(e), "message=\"--- testing leap year ---\"\n");
  // No host: the first word is the tag.
  ASSERT_TRUE(ParseSyslogLine("Nov 18 08:30:20 kernel: [997.390602] sda2: rw=0", kRef, e));
  EXPECT_EQ(Dump(e), "process.name=\"kernel\"\nmessage=\"[997.390602] sda2: rw=0\"\n");
  // No tag.
  ASSERT_TRUE(
      ParseSyslogLine("Jan 22 07:54:32 h.example.com Job `cron.daily' terminated", kRef, e));
  EXPECT_EQ(Dump(e), "host.hostname=\"h.example.com\"\nmessage=\"Job `cron.daily' terminated\"\n");
  // Path in the tag, fraction of a second, single-digit day.
  ASSERT_TRUE(ParseSyslogLine("Dec 31 17:54:32 h /sbin/anacron[1234]: Another one", kRef, e));
  EXPECT_EQ(Get(e, "process.name"), "/sbin/anacron");
  ASSERT_TRUE(ParseSyslogLine("Mar 23 23:01:18.123 h somrandomexe[19]: frac", kRef, e));
  EXPECT_EQ(TimeOf(e), "2026-03-23T23:01:18.123000Z");
  ASSERT_TRUE(ParseSyslogLine("Feb  6 15:16:30 victoria process[2085]: one digit", kRef, e));
  EXPECT_EQ(TimeOf(e), "2026-02-06T15:16:30.000000Z");
  EXPECT_EQ(Get(e, "process.pid"), "2085");
}

TEST(SyslogParser, Rfc3164LoghubVariations) {
  LogEvent e;
  ASSERT_TRUE(ParseSyslogLine(
      "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 "
      "euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 \r",
      kRef, e));
  EXPECT_EQ(Get(e, "process.name"), "sshd(pam_unix)");
  EXPECT_EQ(Get(e, "message"),
            "authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4");
  EXPECT_EQ(Get(e, "event.action"), "ssh_pam_auth_failure");
  EXPECT_EQ(Get(e, "source.ip"), "218.188.2.4");
  // "--" is not a tag: the rest is the message.
  ASSERT_TRUE(ParseSyslogLine("Jul  7 08:06:15 combo  -- root[2421]: ROOT LOGIN ON tty2", kRef, e));
  EXPECT_EQ(Dump(e), "host.hostname=\"combo\"\nmessage=\"-- root[2421]: ROOT LOGIN ON tty2\"\n");
  // macOS: "name[pid] (detail): message".
  ASSERT_TRUE(ParseSyslogLine("Nov 24 10:00:00 mac launchd[1] (com.apple.x[2]): up", kRef, e));
  EXPECT_EQ(Get(e, "process.pid"), "1");
  EXPECT_EQ(Get(e, "message"), "(com.apple.x[2]): up");
  // An IPv6 host name is not taken for a tag.
  ASSERT_TRUE(ParseSyslogLine("Nov 24 10:00:00 fe80::1 app: m", kRef, e));
  EXPECT_EQ(Get(e, "host.hostname"), "fe80::1");
  EXPECT_EQ(Get(e, "process.name"), "app");
}

TEST(SyslogParser, RepeatedMessage) {
  LogEvent e;
  ASSERT_TRUE(
      ParseSyslogLine("Nov 24 10:00:00 h app[1]: message repeated 3 times: [ boom]", kRef, e));
  EXPECT_EQ(Get(e, "log.syslog.repeat_count"), "3");
  EXPECT_EQ(Get(e, "message"), "message repeated 3 times: [ boom]");
  ASSERT_TRUE(ParseSyslogLine(
      "Dec 10 07:02:47 LabSZ sshd[24227]: message repeated 5 times: [ Failed password for root "
      "from 5.36.59.76 port 42393 ssh2]",
      kRef, e));
  EXPECT_EQ(Dump(e),
            "host.hostname=\"LabSZ\"\nprocess.name=\"sshd\"\nprocess.pid=24227\n"
            "log.syslog.repeat_count=5\n"
            "message=\"message repeated 5 times: [ Failed password for root from 5.36.59.76 "
            "port 42393 ssh2]\"\n"
            "event.category=\"authentication\"\nevent.action=\"ssh_login\"\n"
            "event.outcome=\"failure\"\nuser.name=\"root\"\nsource.ip=\"5.36.59.76\"\n"
            "source.port=42393\nssh.auth.method=\"password\"\n");
}

TEST(SyslogParser, SshdProgramNames) {
  LogEvent e;
  for (const char* name : {"sshd", "sshd-session", "sshd-auth", "/usr/sbin/sshd"}) {
    const std::string line = std::string("Nov 24 10:00:00 h ") + name +
                             "[7]: Invalid user bob from 2001:DB8::0:1 port 4242";
    ASSERT_TRUE(ParseSyslogLine(line, kRef, e)) << name;
    EXPECT_EQ(Get(e, "event.action"), "ssh_invalid_user") << name;
    EXPECT_EQ(Get(e, "source.ip"), "2001:db8::1") << name;
  }
  ASSERT_TRUE(ParseSyslogLine("Nov 24 10:00:00 h notsshd[7]: Invalid user bob from ::1", kRef, e));
  EXPECT_EQ(e.Find("event.action"), nullptr);
}

TEST(SyslogParser, Rfc3339FileFormat) {
  LogEvent e;
  ASSERT_TRUE(
      ParseSyslogLine("2026-11-24T10:06:05.123456+01:00 host CRON[5]: (root) CMD", kRef, e));
  EXPECT_EQ(TimeOf(e), "2026-11-24T09:06:05.123456Z");
  EXPECT_EQ(Dump(e),
            "host.hostname=\"host\"\nprocess.name=\"CRON\"\nprocess.pid=5\n"
            "message=\"(root) CMD\"\n");
  ASSERT_TRUE(ParseSyslogLine("<13>2026-11-24T10:06:05Z host app: hi", kRef, e));
  EXPECT_EQ(Get(e, "log.syslog.priority"), "13");
  // Without a tag it is an application log, not syslog.
  EXPECT_FALSE(ParseSyslogLine("2026-11-24T10:06:05Z some application log line", kRef, e));
  EXPECT_FALSE(ParseSyslogLine("2016-09-28 04:30:30, Info CBS Loaded", kRef, e));
}

TEST(SyslogParser, Rfc5424) {
  LogEvent e;
  ASSERT_TRUE(ParseSyslogLine(
      "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 "
      "iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] \xEF\xBB\xBF"
      "An application event log entry...",
      kRef, e));
  EXPECT_EQ(TimeOf(e), "2003-10-11T22:14:15.003000Z");
  EXPECT_EQ(Dump(e),
            "host.hostname=\"mymachine.example.com\"\nprocess.name=\"evntslog\"\n"
            "log.syslog.priority=165\nlog.syslog.facility.code=20\n"
            "log.syslog.severity.code=5\nlog.syslog.version=\"1\"\nlog.syslog.msgid=\"ID47\"\n"
            "message=\"An application event log entry...\"\n");
  ASSERT_TRUE(ParseSyslogLine("<34>1 2026-11-24T10:06:05.123Z host app procid-x - - msg", kRef, e));
  EXPECT_EQ(Get(e, "log.syslog.procid"), "procid-x");
  EXPECT_EQ(Get(e, "process.pid"), "<absent>");
  // All NILVALUEs, no message.
  ASSERT_TRUE(ParseSyslogLine("<34>1 - - - - - -", kRef, e));
  EXPECT_FALSE(e.time.has_value());
  EXPECT_EQ(Dump(e),
            "log.syslog.priority=34\nlog.syslog.facility.code=4\n"
            "log.syslog.severity.code=2\nlog.syslog.version=\"1\"\n");
  // Escapes inside SD parameter values, several SD elements.
  ASSERT_TRUE(ParseSyslogLine("<34>1 - h a 1 - [x@1 k=\"a\\]b\\\"c\"][y@2] m [not sd]", kRef, e));
  EXPECT_EQ(Get(e, "message"), "m [not sd]");
  // sshd inside RFC 5424.
  ASSERT_TRUE(ParseSyslogLine(
      "<38>1 2026-11-24T10:06:05Z h sshd 99 - - Accepted publickey for fred from ::ffff:1.2.3.4 "
      "port 22 ssh2: ED25519 SHA256:abc",
      kRef, e));
  EXPECT_EQ(Get(e, "event.outcome"), "success");
  EXPECT_EQ(Get(e, "source.ip"), "::ffff:1.2.3.4");
  EXPECT_EQ(Get(e, "ssh.auth.key.type"), "ED25519");
}

TEST(SyslogParser, Rfc5424Malformed) {
  LogEvent e;
  for (const char* line : {
           "<34>1 2026-11-24T10:06:05Z h a 1 - [unterminated k=\"v\"",
           "<34>1 2026-11-24T10:06:05Z h a 1 - [x k=\"v]",
           "<34>1 2026-13-24T10:06:05Z h a 1 - - m",  // month 13
           "<34>1 2026-11-24 10:06:05Z h a 1 - - m",  // space separator: fields shift
           "<34>0 2026-11-24T10:06:05Z h a 1 - - m",  // version 0
           "<34>1 2026-11-24T10:06:05Z h a 1 -",      // no SD
           "<34>1 2026-11-24T10:06:05Z h a 1 - x m",  // SD neither '-' nor '['
           "<192>1 - - - - - -",                      // PRI out of range
           "<034>1 - - - - - -",                      // leading zero
           "<34 - - -",
       }) {
    EXPECT_FALSE(ParseSyslogLine(line, kRef, e)) << line;
    EXPECT_TRUE(e.fields().empty() && !e.time) << line;
  }
}

TEST(SyslogParser, NotSyslog) {
  LogEvent e;
  e.Add("stale", "x");
  for (const char* line : {
           "",
           "\r",
           "hello world",
           "MMM 22 07:54:32 myhostname anacron[29782]: Normal exit",
           "\tmany syslog parsers.",
           "Nov 24 10:06:05x host a: b",
           "Nov 24 25:06:05 host a: b",
           "<>Nov 24 10:06:05 h a: b",
           "{\"a\":1}",
           "127.0.0.1 - - [07/Dec/2016:11:04:37 +0100] \"GET / HTTP/1.1\" 404 571",
           "[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok",
       }) {
    EXPECT_FALSE(ParseSyslogLine(line, kRef, e)) << line;
    EXPECT_TRUE(e.fields().empty() && !e.time) << line;
  }
}

TEST(SyslogParser, HostileInput) {
  LogEvent e;
  // NUL bytes and invalid UTF-8 are kept as they are.
  constexpr char kNul[] = "Nov 24 10:06:05 h app: a\0b\xff\xfe";
  const std::string nul(kNul, sizeof(kNul) - 1);
  ASSERT_TRUE(ParseSyslogLine(nul, kRef, e));
  EXPECT_EQ(Get(e, "message"), std::string("a\0b\xff\xfe", 5));
  // A 1 MB message, and 1 MB lines of the bytes the scanner looks for.
  const std::string big = "Nov 24 10:06:05 h app[1]: " + std::string(1 << 20, 'x');
  ASSERT_TRUE(ParseSyslogLine(big, kRef, e));
  EXPECT_EQ(Get(e, "message").size(), size_t{1} << 20);
  for (char c : {'<', '[', ':', ' ', '"', '\0', '1'}) {
    EXPECT_FALSE(ParseSyslogLine(std::string(1 << 20, c), kRef, e)) << int(c);
  }
  const std::string sd = "<34>1 - h a 1 - " + std::string(1 << 20, '[');
  EXPECT_FALSE(ParseSyslogLine(sd, kRef, e));
  const std::string tag = "Nov 24 10:06:05 h " + std::string(1 << 20, 'a') + "[";
  ASSERT_TRUE(ParseSyslogLine(tag, kRef, e));  // no tag: the rest is the message
  EXPECT_EQ(Get(e, "process.name"), "<absent>");
  // Truncated at every byte: never crashes, never reads past the view.
  const std::string full =
      "<38>1 2026-11-24T10:06:05Z h sshd 99 - [a b=\"c\"] Failed password for x from 1.2.3.4 "
      "port 22 ssh2";
  for (size_t n = 0; n <= full.size(); ++n) {
    const std::string cut = full.substr(0, n);  // its own allocation, so ASan sees overreads
    ParseSyslogLine(cut, kRef, e);
    EXPECT_TRUE(WellFormed(e)) << cut;
  }
  const std::string bsd = "<13>Nov 24 10:06:05 host sshd[123]: Invalid user a b from ::1 port 7";
  for (size_t n = 0; n <= bsd.size(); ++n) {
    const std::string cut = bsd.substr(0, n);
    ParseSyslogLine(cut, kRef, e);
    EXPECT_TRUE(WellFormed(e)) << cut;
  }
}

}  // namespace
}  // namespace seckit::log_grep
