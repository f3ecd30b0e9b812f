// log-grep over the access log of a real nginx: nginx-light started on loopback with a config
// of the test's own, requests sent by a plain socket client, and every parsed field of every
// line checked against what the client sent and received.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <regex>

#include "live_daemons_test_util.h"

namespace seckit::live_test {
namespace {

using testing::TempDir;

constexpr const char* kNginx = "/usr/sbin/nginx";

// Seconds since the epoch of an RFC 3339 UTC time as log-grep writes it ("...T10:06:05.000000Z").
std::optional<time_t> ParseUtc(const std::string& text) {
  std::tm tm{};
  if (text.empty() || text.back() != 'Z' ||
      strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) {
    return std::nullopt;
  }
  return timegm(&tm);
}

// nginx's escaping of variables in access logs (ngx_http_log_escape): '"', '\' and bytes
// outside 0x20..0x7e become "\xHH" with upper-case hex.
std::string NginxEscaped(const std::string& value) {
  std::string out;
  for (unsigned char c : value) {
    if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

struct HttpExchange {
  // Sent.
  int family = AF_INET;
  std::string method;
  std::string target;
  std::optional<std::string> user_agent;
  std::optional<std::string> referer;
  std::string body;
  // Received.
  int status = 0;
  std::string head;
  std::string response_body;
};

std::string RequestBytes(const HttpExchange& x, int port) {
  std::string request = x.method + " " + x.target + " HTTP/1.1\r\n";
  request += "Host: localhost:" + std::to_string(port) + "\r\n";
  if (x.user_agent) request += "User-Agent: " + *x.user_agent + "\r\n";
  if (x.referer) request += "Referer: " + *x.referer + "\r\n";
  if (!x.body.empty()) {
    request += "Content-Type: application/x-www-form-urlencoded\r\n";
    request += "Content-Length: " + std::to_string(x.body.size()) + "\r\n";
  }
  request += "Connection: close\r\n\r\n" + x.body;
  return request;
}

// Sends the request on a new connection and reads the response until nginx closes it (one
// request per connection, so the access log lines come in the order of the requests).
::testing::AssertionResult Exchange(HttpExchange& x, int port) {
  const int fd = Connect(x.family, port);
  if (fd < 0) return ::testing::AssertionFailure() << "connect: " << std::strerror(errno);
  const std::string request = RequestBytes(x, port);
  size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0 && errno != EINTR) break;
    if (n > 0) sent += static_cast<size_t>(n);
  }
  std::string response;
  char buffer[4096];
  for (;;) {
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    response.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  if (sent != request.size()) return ::testing::AssertionFailure() << "short send";
  const size_t end_of_head = response.find("\r\n\r\n");
  if (end_of_head == std::string::npos || response.compare(0, 9, "HTTP/1.1 ") != 0) {
    return ::testing::AssertionFailure() << "no HTTP response: " << response;
  }
  x.head = response.substr(0, end_of_head + 2);
  x.response_body = response.substr(end_of_head + 4);
  x.status = std::stoi(response.substr(9, 3));
  if (x.head.find("Transfer-Encoding:") != std::string::npos) {
    return ::testing::AssertionFailure() << "unexpected chunked response: " << x.head;
  }
  return ::testing::AssertionSuccess();
}

// The Content-Length header of a response head, or nullopt.
std::optional<int64_t> ContentLength(const std::string& head) {
  static const std::regex kHeader("\r\nContent-Length: *([0-9]+)\r\n", std::regex::icase);
  std::smatch match;
  if (!std::regex_search(head, match, kHeader)) return std::nullopt;
  return std::stoll(match[1]);
}

// A single foreground process with every path in `dir`: no master, no daemon, no user switch.
std::string NginxConfig(const fs::path& dir, int port, int port6) {
  const std::string d = dir.string();
  std::string config = "daemon off;\nmaster_process off;\nworker_processes 1;\n";
  config += "pid " + d + "/nginx.pid;\n";
  config += "error_log " + d + "/error.log info;\n";
  config += "events { worker_connections 64; }\nhttp {\n";
  config += "  access_log " + d + "/access.log combined;\n";
  for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
    config += "  " + std::string(temp) + "_temp_path " + d + "/" + temp + ";\n";
  }
  config += "  types { text/html html; }\n  server {\n";
  config += "    listen 127.0.0.1:" + std::to_string(port) + ";\n";
  if (port6 != 0) config += "    listen [::1]:" + std::to_string(port6) + ";\n";
  config += "    root " + d + "/html;\n  }\n}\n";
  return config;
}

// What the test sends: every field of the combined format exercised, absent values included.
std::vector<HttpExchange> NginxRequests(int port, bool with_ipv6) {
  const std::string self = "http://localhost:" + std::to_string(port);
  std::vector<HttpExchange> requests;
  HttpExchange x;
  x.method = "GET";
  x.target = "/index.html?user=alice&q=a%20b%2Fc&lang=fr";
  x.user_agent = "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0";
  x.referer = self + "/search?q=%22seckit%22&page=2";
  requests.push_back(x);

  x = {};
  x.method = "GET";
  x.target = "/caf%C3%A9/no-such-page.php?id=1%27%20OR%201=1--";
  x.user_agent = "sqlmap/1.7 (say \"hi\"; C:\\tmp)";  // nginx writes \x22 and \x5C
  requests.push_back(x);

  x = {};
  x.method = "POST";
  x.target = "/login?next=%2Fadmin";
  x.user_agent = "python-requests/2.28.1";
  x.referer = self + "/login";
  x.body = "user=admin&password=hunter2&remember=on";
  requests.push_back(x);

  x = {};
  x.method = "HEAD";  // a 200 with no body bytes sent
  x.target = "/index.html";
  x.user_agent = "curl/7.88.1";
  requests.push_back(x);

  x = {};
  x.method = "GET";  // neither User-Agent nor Referer: both "-" in the log
  x.target = "/";
  requests.push_back(x);

  if (with_ipv6) {
    x = {};
    x.family = AF_INET6;
    x.method = "GET";
    x.target = "/index.html#not-sent-by-browsers";
    x.user_agent = "Wget/1.21.3";
    requests.push_back(x);
  }
  return requests;
}

// Checks one log-grep record against the exchange that produced its line.
void ExpectAccessRecord(const json& rec, const HttpExchange& x, const std::string& raw_line,
                        int64_t line_number, int64_t offset, const fs::path& log_path,
                        time_t first_second, time_t last_second) {
  SCOPED_TRACE("line " + std::to_string(line_number) + ": " + raw_line);
  ASSERT_TRUE(rec.is_object());
  EXPECT_EQ(Field(rec, "event.dataset"), "log.access");
  EXPECT_EQ(Field(rec, "event.original"), raw_line);
  EXPECT_EQ(Field(rec, "log.file.line"), line_number);
  EXPECT_EQ(Field(rec, "log.offset"), offset);
  EXPECT_EQ(Field(rec, "log.file.path"), log_path.string());
  EXPECT_EQ(Field(rec, "source.ip"), x.family == AF_INET6 ? "::1" : "127.0.0.1");
  EXPECT_EQ(Field(rec, "http.request.method"), x.method);
  EXPECT_EQ(Field(rec, "url.original"), x.target);
  EXPECT_EQ(Field(rec, "http.version"), "1.1");
  EXPECT_EQ(Field(rec, "http.response.status_code"), x.status);
  EXPECT_EQ(Field(rec, "http.response.body.bytes"), static_cast<int64_t>(x.response_body.size()));
  EXPECT_EQ(Field(rec, "http.request.referrer"),
            x.referer ? json(NginxEscaped(*x.referer)) : json(nullptr));
  EXPECT_EQ(Field(rec, "user_agent.original"),
            x.user_agent ? json(NginxEscaped(*x.user_agent)) : json(nullptr));
  EXPECT_EQ(Field(rec, "user.name"), nullptr);
  // nginx logs whole seconds; the request happened while the test was sending.
  const json timestamp = Field(rec, "@timestamp");
  ASSERT_TRUE(timestamp.is_string());
  const std::optional<time_t> when = ParseUtc(timestamp.get<std::string>());
  ASSERT_TRUE(when.has_value()) << timestamp;
  EXPECT_GE(*when, first_second);
  EXPECT_LE(*when, last_second);
}

TEST(LogGrepLive, NginxAccessLogFieldsMatchTheRequests) {
  if (!IsExecutable(kNginx)) GTEST_SKIP() << kNginx << " not found (install nginx-light)";
  TempDir dir;
  fs::create_directories(dir / "html");
  testing::WriteFile(dir / "html" / "index.html", "<html><body>seckit live test</body></html>\n");
  const int port = FreePort(AF_INET);
  const int port6 = FreePort(AF_INET6);
  ASSERT_NE(port, 0);
  testing::WriteFile(dir / "nginx.conf", NginxConfig(dir.path(), port, port6));

  std::vector<HttpExchange> requests = NginxRequests(port, port6 != 0);
  const time_t first_second = std::time(nullptr);
  {
    Process nginx({kNginx, "-p", dir.path().string(), "-c", (dir / "nginx.conf").string(), "-e",
                   (dir / "error.log").string()},
                  dir / "nginx.out");
    ASSERT_TRUE(nginx.started());
    ASSERT_TRUE(WaitUntilListening(nginx, AF_INET, port))
        << "nginx did not start:\n"
        << testing::ReadFile(dir / "nginx.out") << testing::ReadFile(dir / "error.log");
    for (HttpExchange& x : requests) {
      ASSERT_TRUE(Exchange(x, x.family == AF_INET6 ? port6 : port)) << x.method << " " << x.target;
      // The client's own view, so the log is compared with what actually went over the wire.
      if (x.method != "HEAD") {
        EXPECT_EQ(ContentLength(x.head), static_cast<int64_t>(x.response_body.size())) << x.head;
      }
    }
    ASSERT_EQ(nginx.Stop(SIGQUIT, kStopTimeout), 0) << testing::ReadFile(dir / "error.log");
  }
  const time_t last_second = std::time(nullptr);
  // The requests chose a spread of statuses; a wrong setup would serve 200 or 403 everywhere.
  EXPECT_EQ(requests[0].status, 200);
  EXPECT_EQ(requests[1].status, 404);
  EXPECT_EQ(requests[3].status, 200);
  EXPECT_TRUE(requests[3].response_body.empty());

  const fs::path log = dir / "access.log";
  const std::string raw = testing::ReadFile(log);
  const std::vector<std::string> lines = testing::SplitLines(raw);
  ASSERT_EQ(lines.size(), requests.size()) << raw;
  const CommandResult r =
      LogGrep({"--format", "access", "--json", "-e", "", log.string()}, dir / "log-grep.out");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const std::vector<json> records = Records(r.out);
  ASSERT_EQ(records.size(), lines.size()) << r.out;
  int64_t offset = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    ExpectAccessRecord(records[i], requests[i], lines[i], static_cast<int64_t>(i + 1), offset, log,
                       first_second, last_second);
    offset += static_cast<int64_t>(lines[i].size()) + 1;
  }
}

}  // namespace
}  // namespace seckit::live_test
