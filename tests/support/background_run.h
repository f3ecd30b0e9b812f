// A tool run in the background for fault-injection tests: its standard input is a pipe the test
// keeps open (so the tool stays mid-run for as long as the test wants, without depending on how
// fast the machine is), its standard output and error go to files. The test feeds input, waits
// until the tool has read it and written something, then sends a signal and checks what is left.
// Header-only so that any test binary can use it without a change to the test CMake files.
#ifndef SECKIT_TESTS_BACKGROUND_RUN_H_
#define SECKIT_TESTS_BACKGROUND_RUN_H_

#include <fcntl.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

extern char** environ;

namespace seckit::testing {

// Polls `condition` every 10 ms until it holds or `timeout` passes; a generous timeout keeps a
// loaded machine from making the test flaky, and a fast one from making it slow.
inline bool Eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

// The names of the entries of `dir`, sorted (to prove no temporary file was left behind).
inline std::vector<std::string> FilesIn(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Size of a file, or -1 when it does not exist.
inline long long FileSize(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? -1 : static_cast<long long>(size);
}

class BackgroundRun {
 public:
  // Starts argv[0] (looked up in PATH when it has no slash) with stdout to `out_path` and stderr
  // to `err_path`. No shell is involved.
  BackgroundRun(const std::vector<std::string>& argv, const std::filesystem::path& out_path,
                const std::filesystem::path& err_path) {
    std::signal(SIGPIPE, SIG_IGN);  // a tool that exits early gives EPIPE on Feed, not a crash
    int in_pipe[2];
    if (pipe2(in_pipe, O_CLOEXEC) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in_pipe[0]);
    if (rc != 0) {
      pid_ = -1;
      close(in_pipe[1]);
      return;
    }
    in_fd_ = in_pipe[1];
  }
  ~BackgroundRun() {
    CloseInput();
    if (pid_ > 0 && !status_) {
      kill(pid_, SIGKILL);
      int status = 0;
      while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
  }
  BackgroundRun(const BackgroundRun&) = delete;
  BackgroundRun& operator=(const BackgroundRun&) = delete;

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  // Writes all of `data` to the tool's standard input (blocking while the pipe is full).
  bool Feed(std::string_view data) {
    while (!data.empty() && in_fd_ >= 0) {
      const ssize_t n = write(in_fd_, data.data(), data.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return data.empty();
  }
  // Bytes written to standard input that the tool has not read yet.
  int Unread() const {
    int n = 0;
    if (in_fd_ < 0 || ioctl(in_fd_, FIONREAD, &n) != 0) return -1;
    return n;
  }
  void CloseInput() {
    if (in_fd_ >= 0) close(in_fd_);
    in_fd_ = -1;
  }
  void Signal(int signal_number) const {
    if (pid_ > 0) kill(pid_, signal_number);
  }
  // True once the tool has exited (and reaps it).
  bool Exited() {
    if (status_) return true;
    if (pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return true;
  }
  // The exit status (128+signal when killed), or nullopt when it is still running at `timeout`.
  std::optional<int> Wait(std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    Eventually([this] { return Exited(); }, timeout);
    return status_;
  }

 private:
  pid_t pid_ = -1;
  int in_fd_ = -1;
  std::optional<int> status_;
};

// What a run interrupted by InterruptMidRun left: its exit status (nullopt when it did not stop
// within the timeout) and its standard error.
struct InterruptedRun {
  std::optional<int> status;
  std::string err;
  bool reached_signal = false;  // the wanted progress was seen and the signal sent
};

// Starts `argv` (stdout and stderr as files in `scratch`, which should not be the directory under
// test), feeds `input` on standard input and keeps it open, waits until the tool has read all of
// it and, when `output` is set, until the temporary file of `-o output` (".NAME.tmp-XXXXXX"
// beside it, see OutputStream) holds something, then sends `signal_number` and waits for the end.
inline InterruptedRun InterruptMidRun(const std::vector<std::string>& argv,
                                      const std::filesystem::path& scratch,
                                      const std::string& input, int signal_number,
                                      const std::filesystem::path& output = {}) {
  InterruptedRun result;
  BackgroundRun run(argv, scratch / "stdout", scratch / "stderr");
  if (!run.started() || !run.Feed(input)) return result;
  const std::string temp_prefix = "." + output.filename().string() + ".tmp-";
  result.reached_signal = Eventually([&] {
    if (run.Unread() != 0) return false;
    if (output.empty()) return true;
    for (const std::string& name : FilesIn(output.parent_path())) {
      if (name.rfind(temp_prefix, 0) == 0 && FileSize(output.parent_path() / name) > 0) return true;
    }
    return false;
  });
  if (result.reached_signal) {
    run.Signal(signal_number);
    result.status = run.Wait();
  }
  std::ifstream err(scratch / "stderr");
  result.err.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
  return result;
}

}  // namespace seckit::testing

#endif  // SECKIT_TESTS_BACKGROUND_RUN_H_
