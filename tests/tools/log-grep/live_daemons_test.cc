// log-grep over logs written by real daemons: an nginx and an OpenSSH sshd started on loopback
// and driven by clients whose requests the test knows, each parsed field checked line by line
// against what the client sent and received (nginx) or did (sshd).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

extern char** environ;

namespace seckit {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using std::chrono::milliseconds;
using testing::CommandResult;
using testing::TempDir;
using Clock = std::chrono::steady_clock;

constexpr const char* kNginx = "/usr/sbin/nginx";
constexpr const char* kSshd = "/usr/sbin/sshd";
constexpr milliseconds kStartTimeout{5000};
constexpr milliseconds kStopTimeout{3000};
constexpr milliseconds kClientTimeout{10000};

bool IsExecutable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

// A child process in a process group of its own, stdin from /dev/null, stdout appended to
// `output` and stderr to `errors` (the same file when empty). The group is killed (SIGKILL) when the object goes out of scope, so a
// failed assertion never leaves a daemon behind.
class Process {
 public:
  Process(const std::vector<std::string>& argv, const fs::path& output,
          const fs::path& errors = {}) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    if (errors.empty()) {
      posix_spawn_file_actions_adddup2(&actions, 1, 2);
    } else {
      posix_spawn_file_actions_addopen(&actions, 2, errors.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                       0600);
    }
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (posix_spawn(&pid_, args[0], &actions, &attr, args.data(), environ) != 0) pid_ = -1;
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Process() { Stop(SIGKILL, kStopTimeout); }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  bool started() const { return pid_ > 0; }

  // True when the process has exited; it stays a zombie (so its group id cannot be reused)
  // until Reap.
  bool Exited() {
    if (status_) return true;
    siginfo_t info{};
    return waitid(P_PID, pid_, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_;
  }

  // Waits up to `timeout` for the exit; then reaps the process, killing what is left of its
  // group. The exit status (128 + signal when killed by one), or nullopt on timeout.
  std::optional<int> Wait(milliseconds timeout) {
    if (status_ || pid_ <= 0) return status_;
    const Clock::time_point deadline = Clock::now() + timeout;
    while (!Exited()) {
      if (Clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(milliseconds(10));
    }
    Reap();
    return status_;
  }

  // Sends `sig` to the group and waits up to `timeout`; then SIGKILL. Returns the exit status.
  std::optional<int> Stop(int sig, milliseconds timeout) {
    if (status_ || pid_ <= 0) return status_;
    kill(-pid_, sig);
    if (std::optional<int> status = Wait(timeout)) return status;
    kill(-pid_, SIGKILL);
    return Wait(kStopTimeout);
  }

 private:
  void Reap() {
    kill(-pid_, SIGKILL);  // stragglers of the group (e.g. sshd's per-connection children)
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  pid_t pid_ = -1;
  std::optional<int> status_;
};

// Runs a client program to its end (killed after kClientTimeout); its standard output and error
// go through the files `output` and output + ".err".
CommandResult RunClient(const std::vector<std::string>& argv, const fs::path& output) {
  const fs::path errors = output.string() + ".err";
  fs::remove(output);
  fs::remove(errors);
  CommandResult result;
  std::optional<int> status;
  {
    Process client(argv, output, errors);
    if (!client.started()) return {127, "", "cannot start " + argv[0]};
    status = client.Wait(kClientTimeout);
  }
  result.exit_code = status.value_or(-1);
  result.out = testing::ReadFile(output);
  result.err = testing::ReadFile(errors);
  if (!status) result.err += "\ntimed out after " + std::to_string(kClientTimeout.count()) + " ms";
  return result;
}

sockaddr_storage LoopbackAddress(int family, int port, socklen_t& size) {
  sockaddr_storage storage{};
  if (family == AF_INET6) {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&storage);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(static_cast<uint16_t>(port));
    in6->sin6_addr = in6addr_loopback;
    size = sizeof(sockaddr_in6);
  } else {
    auto* in4 = reinterpret_cast<sockaddr_in*>(&storage);
    in4->sin_family = AF_INET;
    in4->sin_port = htons(static_cast<uint16_t>(port));
    in4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    size = sizeof(sockaddr_in);
  }
  return storage;
}

// A port the kernel just handed out on the loopback address of `family`, or 0 when that family
// has no loopback address (e.g. IPv6 disabled).
int FreePort(int family) {
  const int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  socklen_t size = 0;
  sockaddr_storage address = LoopbackAddress(family, 0, size);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0) {
    port = ntohs(family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&address)->sin6_port
                                    : reinterpret_cast<sockaddr_in*>(&address)->sin_port);
  }
  close(fd);
  return port;
}

// A connected TCP socket to loopback:port with 5 s send and receive timeouts, or -1.
int Connect(int family, int port) {
  const int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  socklen_t size = 0;
  sockaddr_storage address = LoopbackAddress(family, port, size);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), size) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Waits until `daemon` accepts connections on loopback:port; false when it exited or timed out.
bool WaitUntilListening(Process& daemon, int family, int port) {
  const Clock::time_point deadline = Clock::now() + kStartTimeout;
  while (Clock::now() < deadline && !daemon.Exited()) {
    const int fd = Connect(family, port);
    if (fd >= 0) {
      close(fd);
      return true;
    }
    std::this_thread::sleep_for(milliseconds(20));
  }
  return false;
}

// log-grep found the way cli_test.cc finds it, run with a deadline.
CommandResult LogGrep(const std::vector<std::string>& args, const fs::path& output) {
  std::vector<std::string> argv{(testing::BinDir() / "log-grep").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunClient(argv, output);
}

std::vector<json> Records(const std::string& out) {
  std::vector<json> records;
  for (const std::string& line : testing::SplitLines(out)) {
    records.push_back(json::parse(line, nullptr, /*allow_exceptions=*/false));
  }
  return records;
}

// The value at a dotted ECS path of a nested record, or null when absent.
json Field(const json& record, const std::string& dotted) {
  const json* at = &record;
  size_t start = 0;
  while (start <= dotted.size()) {
    size_t dot = dotted.find('.', start);
    if (dot == std::string::npos) dot = dotted.size();
    const std::string key = dotted.substr(start, dot - start);
    if (!at->is_object() || !at->contains(key)) return nullptr;
    at = &(*at)[key];
    start = dot + 1;
  }
  return *at;
}

// Seconds since the epoch of an RFC 3339 UTC time as log-grep writes it ("...T10:06:05.000000Z").
std::optional<time_t> ParseUtc(const std::string& text) {
  std::tm tm{};
  if (strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr || text.back() != 'Z') {
    return std::nullopt;
  }
  return timegm(&tm);
}

// ---------------------------------------------------------------------------------------------
// nginx

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

std::string NginxConfig(const fs::path& dir, int port, int port6) {
  const std::string d = dir.string();
  std::string config =
      "daemon off;\n"
      "master_process off;\n"
      "worker_processes 1;\n"
      "pid " + d + "/nginx.pid;\n"
      "error_log " + d + "/error.log info;\n"
      "events { worker_connections 64; }\n"
      "http {\n"
      "  access_log " + d + "/access.log combined;\n"
      "  client_body_temp_path " + d + "/client_body;\n"
      "  proxy_temp_path " + d + "/proxy;\n"
      "  fastcgi_temp_path " + d + "/fastcgi;\n"
      "  uwsgi_temp_path " + d + "/uwsgi;\n"
      "  scgi_temp_path " + d + "/scgi;\n"
      "  types { text/html html; }\n"
      "  server {\n"
      "    listen 127.0.0.1:" + std::to_string(port) + ";\n";
  if (port6 != 0) config += "    listen [::1]:" + std::to_string(port6) + ";\n";
  config +=
      "    root " + d + "/html;\n"
      "  }\n"
      "}\n";
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
        << "nginx did not start:\n" << testing::ReadFile(dir / "nginx.out")
        << testing::ReadFile(dir / "error.log");
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
  const CommandResult r = LogGrep({"--format", "access", "--json", "-e", "", log.string()},
                                  dir / "log-grep.out");
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
}  // namespace seckit
