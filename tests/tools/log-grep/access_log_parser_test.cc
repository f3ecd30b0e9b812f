// Unit tests for ParseAccessLogLine: common, combined and vhost formats, X-Forwarded-For client
// lists, IPv6, escapes, and hostile input.
#include <gtest/gtest.h>

#include <string>

#include "log_parsers.h"
#include "log_parsers_test_util.h"
#include "seckit/time.h"

namespace seckit::log_grep {
namespace {

std::string TimeOf(const LogEvent& event) {
  return event.time ? FormatRfc3339(*event.time, 0) : "<none>";
}

TEST(AccessLogParser, Combined) {
  LogEvent e;
  ASSERT_TRUE(ParseAccessLogLine(
      "77.179.66.156 - - [25/Oct/2016:14:49:34 +0200] \"GET /favicon.ico HTTP/1.1\" 404 571 "
      "\"http://localhost:8080/\" \"Mozilla/5.0 (Macintosh)\"",
      e));
  EXPECT_EQ(TimeOf(e), "2016-10-25T12:49:34Z");
  EXPECT_EQ(Dump(e),
            "source.ip=\"77.179.66.156\"\nhttp.request.method=\"GET\"\n"
            "http.request.referrer=\"http://localhost:8080/\"\nhttp.version=\"1.1\"\n"
            "http.response.status_code=404\nhttp.response.body.bytes=571\n"
            "url.original=\"/favicon.ico\"\nuser_agent.original=\"Mozilla/5.0 (Macintosh)\"\n");
}

TEST(AccessLogParser, CommonWithUser) {
  LogEvent e;
  ASSERT_TRUE(ParseAccessLogLine(
      "192.168.0.64 - pyllyukko@EXAMPLE.COM [16/Nov/2019:09:46:42 +0200] \"GET / HTTP/1.1\" 200 "
      "8264\r",
      e));
  EXPECT_EQ(Dump(e),
            "source.ip=\"192.168.0.64\"\nuser.name=\"pyllyukko@EXAMPLE.COM\"\n"
            "http.request.method=\"GET\"\nhttp.version=\"1.1\"\nhttp.response.status_code=200\n"
            "http.response.body.bytes=8264\nurl.original=\"/\"\n");
}

TEST(AccessLogParser, Vhost) {
  LogEvent e;
  ASSERT_TRUE(ParseAccessLogLine(
      "plaso.log2timeline.net:443 10.1.1.2 - - [13/Jan/2018:19:31:17 +0000] \"GET /x HTTP/1.1\" "
      "200 1063 \"-\" \"UA\"",
      e));
  EXPECT_EQ(Dump(e),
            "destination.domain=\"plaso.log2timeline.net\"\ndestination.port=443\n"
            "source.ip=\"10.1.1.2\"\nhttp.request.method=\"GET\"\nhttp.version=\"1.1\"\n"
            "http.response.status_code=200\nhttp.response.body.bytes=1063\nurl.original=\"/x\"\n"
            "user_agent.original=\"UA\"\n");
  ASSERT_TRUE(ParseAccessLogLine(
      "lessons.example.com 192.168.0.1 - - [09/Jun/2020:12:10:39 -0700] \"GET / HTTP/1.1\" 206 "
      "7648063 \"-\" \"-\"",
      e));
  EXPECT_EQ(Get(e, "destination.domain"), "lessons.example.com");
  EXPECT_EQ(Get(e, "destination.port"), "<absent>");
  EXPECT_EQ(Get(e, "source.ip"), "192.168.0.1");
  EXPECT_EQ(TimeOf(e), "2020-06-09T19:10:39Z");
}

TEST(AccessLogParser, ForwardedForLists) {
  LogEvent e;
  ASSERT_TRUE(ParseAccessLogLine(
      "10.0.0.2, 10.0.0.1, 127.0.0.1 - - [07/Dec/2016:11:05:07 +0100] \"GET /ocelot HTTP/1.1\" "
      "200 571 \"-\" \"UA\"",
      e));
  EXPECT_EQ(Get(e, "source.ip"), "10.0.0.2");
  EXPECT_EQ(Get(e, "source.address"), "10.0.0.2, 10.0.0.1, 127.0.0.1");
  EXPECT_EQ(Get(e, "destination.domain"), "<absent>");
  ASSERT_TRUE(ParseAccessLogLine(
      "\"10.5.102.222, 199.96.1.1, 204.246.1.1\" 10.2.1.185 - - [22/Jan/2016:13:18:29 +0000] "
      "\"GET /assets/xxxx?q=100 HTTP/1.1\" 200 25507 \"-\" \"Amazon CloudFront\"",
      e));
  EXPECT_EQ(Get(e, "source.ip"), "10.5.102.222");
  EXPECT_EQ(Get(e, "source.address"), "\"10.5.102.222, 199.96.1.1, 204.246.1.1\" 10.2.1.185");
  ASSERT_TRUE(ParseAccessLogLine(
      "2a03:0000:10ff:f00f:0000:0000:0:8000, 10.225.192.17 10.2.2.121 - - "
      "[30/Dec/2016:06:47:09 +0000] \"GET /test.html HTTP/1.1\" 404 8571 \"-\" \"Facebot\"",
      e));
  EXPECT_EQ(Get(e, "source.ip"), "2a03:0:10ff:f00f::8000");
  EXPECT_EQ(Get(e, "destination.domain"), "<absent>");
  // Leading elements that are not addresses are skipped.
  ASSERT_TRUE(ParseAccessLogLine(
      "unknown, 203.0.113.9 - - [30/Dec/2016:06:47:09 +0000] \"GET / HTTP/1.1\" 200 1", e));
  EXPECT_EQ(Get(e, "source.ip"), "203.0.113.9");
  // A list element that is neither an address nor "unknown"/"-": not an access log.
  EXPECT_FALSE(ParseAccessLogLine(
      "Nov 24 10:00:00 host nginx: 1.2.3.4 - - [30/Dec/2016:06:47:09 +0000] \"GET / HTTP/1.1\" "
      "200 1",
      e));
}

TEST(AccessLogParser, Ipv6AndHostClients) {
  LogEvent e;
  ASSERT_TRUE(ParseAccessLogLine(
      "2001:DB8:0:0::1 - - [12/Apr/2018:09:48:40 +0200] \"GET / HTTP/2.0\" 200 0", e));
  EXPECT_EQ(Get(e, "source.ip"), "2001:db8::1");
  EXPECT_EQ(Get(e, "source.address"), "<absent>");
  EXPECT_EQ(Get(e, "http.version"), "2.0");
  ASSERT_TRUE(ParseAccessLogLine(
      "crawl-66-249-66-1.googlebot.com - - [12/Apr/2018:09:48:40 +0200] \"GET / HTTP/1.1\" 200 0",
      e));
  EXPECT_EQ(Get(e, "source.ip"), "<absent>");
  EXPECT_EQ(Get(e, "source.address"), "crawl-66-249-66-1.googlebot.com");
}

TEST(AccessLogParser, OddRequests) {
  LogEvent e;
  ASSERT_TRUE(
      ParseAccessLogLine("127.0.0.1 - - [12/Apr/2018:09:48:40 +0200] \"\" 400 0 \"-\" \"-\"", e));
  EXPECT_EQ(Dump(e),
            "source.ip=\"127.0.0.1\"\nhttp.response.status_code=400\n"
            "http.response.body.bytes=0\n");
  // Raw quotes inside the request: it ends at the quote before " STATUS BYTES".
  ASSERT_TRUE(ParseAccessLogLine(
      "1.2.3.4 - - [25/Apr/2021:06:15:33 +0000] \"GET /a?t=<script>alert(\"text\")</script> "
      "HTTP/1.0\" 404 1164",
      e));
  EXPECT_EQ(Get(e, "url.original"), "/a?t=<script>alert(\"text\")</script>");
  EXPECT_EQ(Get(e, "http.version"), "1.0");
  // Escapes stay as they are; "-" bytes are absent.
  ASSERT_TRUE(
      ParseAccessLogLine("1.2.3.4 - - [25/Apr/2021:06:15:33 +0000] \"\\x16\\x03\\x01\" 400 - \"-\" "
                         "\"a \\\"quoted\\\" \\\\ agent\"",
                         e));
  EXPECT_EQ(Dump(e),
            "source.ip=\"1.2.3.4\"\nhttp.response.status_code=400\n"
            "user_agent.original=\"a \\\"quoted\\\" \\\\ agent\"\n");
  // HTTP/0.9 style, and a URL with a raw space.
  ASSERT_TRUE(ParseAccessLogLine("1.2.3.4 - - [25/Apr/2021:06:15:33 +0000] \"GET /\" 200 5", e));
  EXPECT_EQ(Get(e, "url.original"), "/");
  EXPECT_EQ(Get(e, "http.version"), "<absent>");
  ASSERT_TRUE(ParseAccessLogLine(
      "1.2.3.4 - - [25/Apr/2021:06:15:33 +0000] \"GET /a b HTTP/1.1\" 200 5", e));
  EXPECT_EQ(Get(e, "url.original"), "/a b");
  // Extra nginx fields after the user agent are ignored.
  ASSERT_TRUE(ParseAccessLogLine(
      "172.17.0.1 - - [29/May/2017:19:02:48 +0000] \"GET /s HTTP/1.1\" 404 612 \"-\" \"UA\" \"-\"",
      e));
  EXPECT_EQ(Get(e, "user_agent.original"), "UA");
}

TEST(AccessLogParser, NotAccessLog) {
  LogEvent e;
  e.Add("stale", "x");
  for (const char* line : {
           "",
           "\r",
           "-",
           "hello",
           "[Sun Dec 04 04:47:44 2005] [error] mod_jk child",
           "Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186",
           "{\"remote\":\"1.2.3.4\"}",
           // Unterminated user agent (plaso's unparseable line).
           "46.118.127.106 - - [20/May/2015:12:05:17 +0000] \"GET /c.py HTTP/1.1\" 200 235 \"-\" "
           "\"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html",
           // Unterminated request, referrer.
           "1.2.3.4 - - [20/May/2015:12:05:17 +0000] \"GET / HTTP/1.1 200 235",
           "1.2.3.4 - - [20/May/2015:12:05:17 +0000] \"GET / HTTP/1.1\" 200 235 \"-",
           // Bad time, status, bytes; missing ident/user.
           "1.2.3.4 - - [20/May/2015:12:05:17] \"GET / HTTP/1.1\" 200 235",
           "1.2.3.4 - - [32/May/2015:12:05:17 +0000] \"GET / HTTP/1.1\" 200 235",
           "1.2.3.4 - - [20/May/2015:12:05:17 +0000] \"GET / HTTP/1.1\" 20 235",
           "1.2.3.4 - - [20/May/2015:12:05:17 +0000] \"GET / HTTP/1.1\" 200 x",
           "1.2.3.4 - - [20/May/2015:12:05:17 +0000] \"GET / HTTP/1.1\" 200 12x",
           "1.2.3.4 - - [20/May/2015:12:05:17 +0000] GET / HTTP/1.1 200 235",
           "1.2.3.4 - [20/May/2015:12:05:17 +0000] \"GET / HTTP/1.1\" 200 235",
           " - - [20/May/2015:12:05:17 +0000] \"GET / HTTP/1.1\" 200 235",
           "a{b} 1.2.3.4 - - [20/May/2015:12:05:17 +0000] \"GET / HTTP/1.1\" 200 235",
       }) {
    EXPECT_FALSE(ParseAccessLogLine(line, e)) << line;
    EXPECT_TRUE(e.fields().empty() && !e.time) << line;
  }
}

TEST(AccessLogParser, HostileInput) {
  LogEvent e;
  constexpr char kNul[] = "1.2.3.4 - - [20/May/2015:12:05:17 +0000] \"GET /\0\xff HTTP/1.1\" 200 1";
  const std::string nul(kNul, sizeof(kNul) - 1);
  ASSERT_TRUE(ParseAccessLogLine(nul, e));
  EXPECT_EQ(Get(e, "url.original"), std::string("/\0\xff", 3));
  const std::string prefix = "1.2.3.4 - - [20/May/2015:12:05:17 +0000] \"";
  const std::string big = prefix + "GET /" + std::string(1 << 20, 'a') + " HTTP/1.1\" 200 1";
  ASSERT_TRUE(ParseAccessLogLine(big, e));
  EXPECT_EQ(Get(e, "url.original").size(), (size_t{1} << 20) + 1);
  // 1 MB of the bytes the scanner looks for, alone and after a valid prefix.
  for (char c : {'"', '\\', '[', ' ', '-', '1'}) {
    EXPECT_FALSE(ParseAccessLogLine(std::string(1 << 20, c), e)) << int(c);
    EXPECT_FALSE(ParseAccessLogLine(prefix + std::string(1 << 20, c), e)) << int(c);
  }
  std::string brackets;
  for (int i = 0; i < (1 << 17); ++i) brackets += " [20/May/";
  EXPECT_FALSE(ParseAccessLogLine(brackets, e));
  std::string quotes = prefix;
  for (int i = 0; i < (1 << 17); ++i) quotes += "\" 20 \\\"";
  EXPECT_FALSE(ParseAccessLogLine(quotes, e));
  // Truncated at every byte.
  const std::string full =
      "vh:80 \"10.0.0.1, ::1\" 10.2.1.185 - u [22/Jan/2016:13:18:29 +0000] \"GET /a\\\" HTTP/1.1\" "
      "200 25507 \"r\\\\\" \"Amazon \\\"CloudFront\"";
  ASSERT_TRUE(ParseAccessLogLine(full, e));
  for (size_t n = 0; n <= full.size(); ++n) {
    const std::string cut = full.substr(0, n);
    ParseAccessLogLine(cut, e);
    EXPECT_TRUE(WellFormed(e)) << cut;
  }
}

}  // namespace
}  // namespace seckit::log_grep
