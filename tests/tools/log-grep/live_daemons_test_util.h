// Helpers for the tests that run real daemons on loopback (live_nginx_test.cc,
// live_sshd_test.cc): child processes that are always killed, bounded waits, free ports, TCP
// connections, and log-grep's JSON records read back by dotted ECS field names.
#ifndef SECKIT_TESTS_TOOLS_LOG_GREP_LIVE_DAEMONS_TEST_UTIL_H_
#define SECKIT_TESTS_TOOLS_LOG_GREP_LIVE_DAEMONS_TEST_UTIL_H_

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

extern char** environ;

namespace seckit::live_test {

namespace fs = std::filesystem;
using nlohmann::json;
using std::chrono::milliseconds;
using testing::CommandResult;
using Clock = std::chrono::steady_clock;

constexpr milliseconds kStartTimeout{5000};
constexpr milliseconds kStopTimeout{3000};
constexpr milliseconds kClientTimeout{10000};

inline bool IsExecutable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

// A child process in a process group of its own, stdin from /dev/null, stdout appended to
// `output` and stderr to `errors` (the same file when empty). The group is killed (SIGKILL) when
// the object goes out of scope, so a failed assertion never leaves a daemon behind; and the
// child gets SIGKILL if the test process itself dies (PR_SET_PDEATHSIG), e.g. on Ctrl-C.
class Process {
 public:
  Process(const std::vector<std::string>& argv, const fs::path& output,
          const fs::path& errors = {}) {
    // Everything the child needs is prepared here: between fork and exec it may only make
    // async-signal-safe calls, as other threads (the syslog receiver) may hold locks.
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const std::string out_path = output.string();
    const std::string err_path = errors.string();
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ != 0) return;  // the parent (or -1 when fork failed)
    const int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC;
    const int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    const int out = open(out_path.c_str(), flags, 0600);
    const int err = err_path.empty() ? out : open(err_path.c_str(), flags, 0600);
    if (setpgid(0, 0) != 0 || prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent ||
        in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) {
      _exit(127);
    }
    execve(args[0], args.data(), environ);
    _exit(127);
  }
  ~Process() { Stop(SIGKILL, kStopTimeout); }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  bool started() const { return pid_ > 0; }

  // True when the process has exited; it stays a zombie (so its group id cannot be reused)
  // until Reap.
  bool Exited() {
    if (status_ || pid_ <= 0) return true;
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
inline CommandResult RunClient(const std::vector<std::string>& argv, const fs::path& output) {
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

inline sockaddr_storage LoopbackAddress(int family, int port, socklen_t& size) {
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
inline int FreePort(int family) {
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
inline int Connect(int family, int port) {
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
inline bool WaitUntilListening(Process& daemon, int family, int port) {
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
inline CommandResult LogGrep(const std::vector<std::string>& args, const fs::path& output) {
  std::vector<std::string> argv{(testing::BinDir() / "log-grep").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunClient(argv, output);
}

inline std::vector<json> Records(const std::string& out) {
  std::vector<json> records;
  for (const std::string& line : testing::SplitLines(out)) {
    records.push_back(json::parse(line, nullptr, /*allow_exceptions=*/false));
  }
  return records;
}

// The value at a dotted ECS path of a nested record, or null when absent.
inline json Field(const json& record, const std::string& dotted) {
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

inline json OptionalJson(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

}  // namespace seckit::live_test

#endif  // SECKIT_TESTS_TOOLS_LOG_GREP_LIVE_DAEMONS_TEST_UTIL_H_
