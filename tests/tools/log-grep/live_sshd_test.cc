// log-grep over the log of a real OpenSSH sshd: sshd started on loopback with a config and keys
// of the test's own, driven by the ssh client (an invalid user, a key that is not authorized, one
// that is) and by a bare TCP connection, and every parsed field of every line checked against
// what each connection did.
//
// sshd writes its log through syslog(3), i.e. datagrams to /dev/log, as on any server (its -E
// file has no syslog header, and no syslog daemon is installed here). The test plays the syslog
// daemon: sshd runs in a private mount namespace whose /dev/log is the test's socket, and each
// datagram, exactly as sshd sent it ("<38>Nov 24 10:06:05 sshd[811]: message"), becomes a line.
#include <gtest/gtest.h>
#include <poll.h>
#include <pwd.h>
#include <sys/un.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <mutex>
#include <regex>

#include "live_daemons_test_util.h"

namespace seckit::live_test {
namespace {

using testing::TempDir;

constexpr const char* kSshd = "/usr/sbin/sshd";
constexpr const char* kUnshare = "/usr/bin/unshare";
constexpr const char* kSshKeygen = "/usr/bin/ssh-keygen";
constexpr const char* kSsh = "/usr/bin/ssh";

// Receives syslog datagrams on a Unix socket and appends each one, plus '\n', to a file.
class SyslogReceiver {
 public:
  SyslogReceiver(const fs::path& socket_path, const fs::path& log_path) : log_path_(log_path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string path = socket_path.string();
    if (fd_ < 0 || path.size() >= sizeof address.sun_path) return;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return;
    bound_ = true;
    thread_ = std::thread([this] { Receive(); });
  }
  ~SyslogReceiver() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (fd_ >= 0) close(fd_);
  }
  SyslogReceiver(const SyslogReceiver&) = delete;
  SyslogReceiver& operator=(const SyslogReceiver&) = delete;

  bool bound() const { return bound_; }

  // Waits up to `timeout` until what was received holds, all together, `count` occurrences of
  // the strings `texts`.
  bool WaitFor(const std::vector<std::string>& texts, size_t count, milliseconds timeout) {
    const Clock::time_point deadline = Clock::now() + timeout;
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        size_t seen = 0;
        for (const std::string& text : texts) {
          for (size_t at = received_.find(text); at != std::string::npos;
               at = received_.find(text, at + 1)) {
            ++seen;
          }
        }
        if (seen >= count) return true;
      }
      if (Clock::now() >= deadline) return false;
      std::this_thread::sleep_for(milliseconds(20));
    }
  }

  // Waits until no datagram has come for `quiet` (at most kStopTimeout), then stops receiving.
  void Finish(milliseconds quiet) {
    const Clock::time_point deadline = Clock::now() + kStopTimeout;
    size_t size = 0;
    do {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        size = received_.size();
      }
      std::this_thread::sleep_for(quiet);
      std::lock_guard<std::mutex> lock(mutex_);
      if (received_.size() == size) break;
    } while (Clock::now() < deadline);
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Receive() {
    char buffer[65536];
    while (!stop_) {
      pollfd pfd{fd_, POLLIN, 0};
      if (poll(&pfd, 1, 50) <= 0) continue;
      const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) continue;
      std::string line(buffer, static_cast<size_t>(n));
      line += '\n';
      std::lock_guard<std::mutex> lock(mutex_);
      received_ += line;
      std::ofstream(log_path_, std::ios::binary | std::ios::app) << line;
    }
  }

  fs::path log_path_;
  int fd_ = -1;
  bool bound_ = false;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::string received_;
  std::thread thread_;
};

// Mounts, in the new mount namespace of `unshare --mount`, a /dev holding only the usual
// device nodes and the test's socket as /dev/log, and a /run of its own for sshd's privilege
// separation directory; nothing outside the namespace changes. $1 is the test's directory.
constexpr const char* kNamespaceScript = R"SH(set -e
mount --rbind /dev "$1/host-dev"
mount -t tmpfs -o mode=0755 tmpfs /dev
for node in null zero full random urandom tty; do
  touch "/dev/$node"
  mount --bind "$1/host-dev/$node" "/dev/$node"
done
touch /dev/log
mount --bind "$1/syslog.sock" /dev/log
umount -l "$1/host-dev"
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -m 0755 /run/sshd
exec /usr/sbin/sshd -D -f "$1/sshd_config"
)SH";

std::string SshdConfig(const fs::path& dir, int port) {
  const std::string d = dir.string();
  std::string config = "Port " + std::to_string(port) + "\nListenAddress 127.0.0.1\n";
  config += "HostKey " + d + "/host_ed25519_key\n";
  config += "PidFile " + d + "/sshd.pid\n";
  config += "AuthorizedKeysFile " + d + "/authorized_keys\n";
  config +=
      "UsePAM no\n"
      "PasswordAuthentication yes\n"
      "KbdInteractiveAuthentication no\n"
      "PermitRootLogin prohibit-password\n"
      "StrictModes no\n"  // the temp dir's parent, /tmp, is world-writable
      "SyslogFacility AUTH\n"
      "LogLevel VERBOSE\n";
  return config;
}

// One ssh client run: who logs in with which key, and what sshd is expected to decide.
struct SshAttempt {
  std::string user;  // empty: no ssh client, a bare TCP connection closed at once (a port scan)
  std::string key;   // file name in the test directory
  bool should_succeed = false;
  int port = 0;  // the client's source port, from sshd's "Connection from" line
};

CommandResult RunSsh(const fs::path& dir, int port, const SshAttempt& attempt) {
  std::vector<std::string> argv = {kSsh,
                                   "-F",
                                   "/dev/null",
                                   "-T",
                                   "-n",
                                   "-p",
                                   std::to_string(port),
                                   "-i",
                                   (dir / attempt.key).string()};
  for (const char* option :
       {"BatchMode=yes", "StrictHostKeyChecking=no", "UserKnownHostsFile=/dev/null",
        "GlobalKnownHostsFile=/dev/null", "IdentitiesOnly=yes", "IdentityAgent=none",
        "PreferredAuthentications=publickey", "ConnectTimeout=5", "LogLevel=ERROR"}) {
    argv.insert(argv.end(), {"-o", option});
  }
  argv.insert(argv.end(), {attempt.user + "@127.0.0.1", "true"});
  return RunClient(argv, dir / "ssh.out");
}

// What the test expects log-grep to say about one sshd message, derived from the message's
// wording and the attempts the test made (never from log-grep).
struct SshdExpectation {
  std::optional<std::string> action;
  std::optional<std::string> outcome;
  std::optional<std::string> user;
  std::optional<int64_t> port;
};

// The attempt whose connection used `port`, or nullptr.
const SshAttempt* AttemptOnPort(const std::vector<SshAttempt>& attempts, int64_t port) {
  for (const SshAttempt& a : attempts) {
    if (a.port == port) return &a;
  }
  return nullptr;
}

SshdExpectation ExpectedFromMessage(const std::string& message,
                                    const std::vector<SshAttempt>& attempts) {
  struct Rule {
    std::regex pattern;  // the client's port is the last group
    const char* action;
    const char* outcome;  // "" when none
    bool names_user;
  };
  static const std::vector<Rule> kRules = {
      {std::regex(R"(^Invalid user \S+ from 127\.0\.0\.1 port (\d+)$)"), "ssh_invalid_user",
       "failure", true},
      {std::regex(R"(^Failed publickey for \S+ from 127\.0\.0\.1 port (\d+) ssh2: ED25519 )"
                  R"(SHA256:\S+$)"),
       "ssh_login", "failure", true},
      {std::regex(R"(^Accepted publickey for \S+ from 127\.0\.0\.1 port (\d+) ssh2: ED25519 )"
                  R"(SHA256:\S+$)"),
       "ssh_login", "success", true},
      {std::regex(R"(^Connection closed by (?:invalid|authenticating) user \S+ 127\.0\.0\.1 )"
                  R"(port (\d+) \[preauth\]$)"),
       "ssh_connection_closed", "", true},
      {std::regex(R"(^Connection closed by 127\.0\.0\.1 port (\d+)$)"), "ssh_connection_closed", "",
       false},
      {std::regex(R"(^Received disconnect from 127\.0\.0\.1 port (\d+):11: .*$)"), "ssh_disconnect",
       "", false},
      {std::regex(R"(^Disconnected from (?:invalid |authenticating )?user \S+ 127\.0\.0\.1 )"
                  R"(port (\d+)(?: \[preauth\])?$)"),
       "ssh_disconnect", "", true},
  };
  SshdExpectation expected;
  for (const Rule& rule : kRules) {
    std::smatch match;
    if (!std::regex_match(message, match, rule.pattern)) continue;
    expected.action = rule.action;
    if (*rule.outcome != '\0') expected.outcome = rule.outcome;
    expected.port = std::stoll(match[match.size() - 1]);
    if (rule.names_user) {
      if (const SshAttempt* attempt = AttemptOnPort(attempts, *expected.port)) {
        expected.user = attempt->user;
      }
    }
    break;
  }
  return expected;
}

// Checks one log-grep record against the syslog line sshd sent and what the test expects of it.
void ExpectSshdRecord(const json& rec, const std::string& raw_line, int64_t line_number,
                      int64_t offset, const std::vector<SshAttempt>& attempts) {
  SCOPED_TRACE("line " + std::to_string(line_number) + ": " + raw_line);
  static const std::regex kHeader(
      R"(^<(\d+)>[A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d sshd\[(\d+)\]: )");
  std::smatch header;
  ASSERT_TRUE(std::regex_search(raw_line, header, kHeader));
  const std::string message = header.suffix();
  ASSERT_TRUE(rec.is_object());
  EXPECT_EQ(Field(rec, "event.dataset"), "log.syslog");
  EXPECT_EQ(Field(rec, "event.original"), raw_line);
  EXPECT_EQ(Field(rec, "log.file.line"), line_number);
  EXPECT_EQ(Field(rec, "log.offset"), offset);
  const int64_t priority = std::stoll(header[1]);
  EXPECT_TRUE(priority == 38 || priority == 35) << priority;  // LOG_AUTH with INFO or ERR
  EXPECT_EQ(Field(rec, "log.syslog.priority"), priority);
  EXPECT_EQ(Field(rec, "log.syslog.facility.code"), 4);
  EXPECT_EQ(Field(rec, "log.syslog.severity.code"), priority % 8);
  EXPECT_EQ(Field(rec, "process.name"), "sshd");
  EXPECT_EQ(Field(rec, "process.pid"), std::stoll(header[2]));
  EXPECT_EQ(Field(rec, "message"), message);

  const SshdExpectation expected = ExpectedFromMessage(message, attempts);
  EXPECT_EQ(Field(rec, "event.action"), OptionalJson(expected.action));
  EXPECT_EQ(Field(rec, "event.outcome"), OptionalJson(expected.outcome));
  EXPECT_EQ(Field(rec, "user.name"), OptionalJson(expected.user));
  EXPECT_EQ(Field(rec, "source.ip"), expected.action ? json("127.0.0.1") : json(nullptr));
  EXPECT_EQ(Field(rec, "source.port"), expected.port ? json(*expected.port) : json(nullptr));
}

TEST(LogGrepLive, SshdLogFieldsMatchTheLoginAttempts) {
  for (const char* program : {kSshd, kSsh, kSshKeygen}) {
    if (!IsExecutable(program)) {
      GTEST_SKIP() << program << " not found (install openssh-server and openssh-client)";
    }
  }
  if (!IsExecutable(kUnshare)) GTEST_SKIP() << kUnshare << " not found (install util-linux)";
  if (geteuid() != 0) {
    GTEST_SKIP() << "needs root: sshd's /dev/log is replaced in a private mount namespace";
  }
  TempDir dir;
  const CommandResult probe = RunClient({kUnshare, "--mount", "--propagation", "private", "/bin/sh",
                                         "-c", "mount -t tmpfs tmpfs /run"},
                                        dir / "probe.out");
  if (probe.exit_code != 0) {
    GTEST_SKIP() << "cannot mount in a private mount namespace (needs CAP_SYS_ADMIN): " << probe.out
                 << probe.err;
  }
  const passwd* me = getpwuid(geteuid());
  ASSERT_NE(me, nullptr);
  const std::string my_name = me->pw_name;

  for (const char* key : {"host_ed25519_key", "authorized_ed25519", "other_ed25519"}) {
    const CommandResult keygen = RunClient(
        {kSshKeygen, "-q", "-t", "ed25519", "-N", "", "-C", key, "-f", (dir / key).string()},
        dir / "keygen.out");
    ASSERT_EQ(keygen.exit_code, 0) << keygen.out << keygen.err;
  }
  testing::WriteFile(dir / "authorized_keys", testing::ReadFile(dir / "authorized_ed25519.pub"));
  const int port = FreePort(AF_INET);
  ASSERT_NE(port, 0);
  testing::WriteFile(dir / "sshd_config", SshdConfig(dir.path(), port));
  fs::create_directory(dir / "host-dev");

  std::vector<SshAttempt> attempts = {
      {"", "", false},
      {"seckit-no-such-user", "other_ed25519", false},
      {my_name, "other_ed25519", false},
      {my_name, "authorized_ed25519", true},
  };
  const fs::path log = dir / "auth.log";
  {
    SyslogReceiver receiver(dir / "syslog.sock", log);
    ASSERT_TRUE(receiver.bound()) << std::strerror(errno);
    Process sshd({kUnshare, "--mount", "--propagation", "private", "/bin/sh", "-c",
                  kNamespaceScript, "sh", dir.path().string()},
                 dir / "sshd.out");
    ASSERT_TRUE(sshd.started());
    ASSERT_TRUE(receiver.WaitFor({"]: Server listening on 127.0.0.1 port " + std::to_string(port)},
                                 1, kStartTimeout))
        << "sshd did not start or sent nothing to syslog:\n"
        << testing::ReadFile(dir / "sshd.out");
    for (size_t i = 0; i < attempts.size(); ++i) {
      const SshAttempt& attempt = attempts[i];
      if (attempt.user.empty()) {
        const int fd = Connect(AF_INET, port);
        EXPECT_GE(fd, 0) << std::strerror(errno);
        if (fd >= 0) close(fd);
      } else {
        const CommandResult ssh = RunSsh(dir.path(), port, attempt);
        EXPECT_EQ(ssh.exit_code, attempt.should_succeed ? 0 : 255) << ssh.out << ssh.err;
      }
      // Each connection is over, and sshd has said how it ended, before the next one starts.
      EXPECT_TRUE(receiver.WaitFor({"]: Connection closed by ", "]: Disconnected from "}, i + 1,
                                   kStartTimeout))
          << "attempt " << i;
    }
    EXPECT_TRUE(sshd.Stop(SIGTERM, kStopTimeout).has_value());
    receiver.Finish(milliseconds(200));
  }

  const std::string raw = testing::ReadFile(log);
  const std::vector<std::string> lines = testing::SplitLines(raw);
  // The client's source port of each attempt, from sshd's "Connection from" lines, in order.
  static const std::regex kConnection(
      R"(sshd\[\d+\]: Connection from 127\.0\.0\.1 port (\d+) on 127\.0\.0\.1 port \d+)");
  size_t next_attempt = 0;
  for (const std::string& line : lines) {
    std::smatch match;
    if (std::regex_search(line, match, kConnection) && next_attempt < attempts.size()) {
      attempts[next_attempt++].port = std::stoi(match[1]);
    }
  }
  ASSERT_EQ(next_attempt, attempts.size()) << raw;
  // Each attempt ended as intended: exactly one decisive line for its connection.
  const std::string from = " from 127.0.0.1 port ";
  const std::vector<std::string> decisive = {
      "]: Connection closed by 127.0.0.1 port " + std::to_string(attempts[0].port) + "\n",
      "]: Invalid user " + attempts[1].user + from + std::to_string(attempts[1].port) + "\n",
      "]: Failed publickey for " + my_name + from + std::to_string(attempts[2].port) + " ssh2: ",
      "]: Accepted publickey for " + my_name + from + std::to_string(attempts[3].port) + " ssh2: ",
  };
  for (const std::string& text : decisive) {
    size_t count = 0;
    for (size_t at = raw.find(text); at != std::string::npos; at = raw.find(text, at + 1)) ++count;
    EXPECT_EQ(count, 1u) << text << "\n" << raw;
  }

  const CommandResult r =
      LogGrep({"--format", "syslog", "--json", "-e", "", log.string()}, dir / "log-grep.out");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const std::vector<json> records = Records(r.out);
  ASSERT_EQ(records.size(), lines.size()) << r.out;
  int64_t offset = 0;
  size_t with_action = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    ExpectSshdRecord(records[i], lines[i], static_cast<int64_t>(i + 1), offset, attempts);
    offset += static_cast<int64_t>(lines[i].size()) + 1;
    if (records[i].is_object() && !Field(records[i], "event.action").is_null()) ++with_action;
  }
  // Scan close, invalid user + close, failed key + close, accepted key + two disconnect lines.
  EXPECT_GE(with_action, 8u) << raw;
}

}  // namespace
}  // namespace seckit::live_test
