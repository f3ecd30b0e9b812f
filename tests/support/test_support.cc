// Test helpers: corpus lookup, temporary directories, running programs with posix_spawn.
#include "test_support.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace seckit::testing {
namespace fs = std::filesystem;

fs::path CorpusDir() {
  if (const char* env = std::getenv("SECKIT_TEST_DATA"); env != nullptr && *env != '\0') {
    return fs::is_directory(env) ? fs::path(env) : fs::path();
  }
  fs::path dir = fs::path(SECKIT_SOURCE_DIR) / ".." / "shared" / "corpus";
  return fs::is_directory(dir) ? fs::canonical(dir) : fs::path();
}

fs::path CorpusFile(const std::string& relative) {
  fs::path dir = CorpusDir();
  if (dir.empty()) return {};
  fs::path file = dir / relative;
  return fs::exists(file) ? file : fs::path();
}

fs::path BinDir() {
  if (const char* env = std::getenv("SECKIT_BIN_DIR"); env != nullptr && *env != '\0') return env;
  return fs::path(SECKIT_BINARY_DIR) / "bin";
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "seckit-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

namespace {

CommandResult Spawn(const std::vector<std::string>& argv, const std::string& stdin_data,
                    const std::string* out_path) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0 ||
      pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  if (out_path != nullptr) {
    posix_spawn_file_actions_addopen(&actions, 1, out_path->c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
  } else {
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  }
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  CommandResult result;
  if (rc != 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    close(err_pipe[0]);
    result.exit_code = 127;
    result.err = "spawn " + argv[0] + ": " + std::strerror(rc);
    return result;
  }
  // Feed stdin and drain both outputs together so that neither side can block the other. A child
  // that exits before reading all its input must give EPIPE here (handled below), not kill the
  // test with SIGPIPE.
  static const bool sigpipe_ignored = [] { return std::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
  (void)sigpipe_ignored;
  size_t written = 0;
  int in_fd = in_pipe[1];
  if (stdin_data.empty()) {
    close(in_fd);
    in_fd = -1;
  } else {
    fcntl(in_fd, F_SETFL, O_NONBLOCK);
  }
  int fds[2] = {out_pipe[0], err_pipe[0]};
  std::string* sinks[2] = {&result.out, &result.err};
  bool open[2] = {true, true};
  char buffer[65536];
  while (open[0] || open[1] || in_fd >= 0) {
    pollfd pfds[3];
    int n = 0;
    int which[3];
    for (int i = 0; i < 2; ++i) {
      if (open[i]) {
        pfds[n] = {fds[i], POLLIN, 0};
        which[n++] = i;
      }
    }
    if (in_fd >= 0) {
      pfds[n] = {in_fd, POLLOUT, 0};
      which[n++] = 2;
    }
    if (poll(pfds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int k = 0; k < n; ++k) {
      if (pfds[k].revents == 0) continue;
      if (which[k] == 2) {
        ssize_t w = write(in_fd, stdin_data.data() + written, stdin_data.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        if (w < 0 && errno != EAGAIN && errno != EINTR) written = stdin_data.size();
        if (written == stdin_data.size()) {
          close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      int i = which[k];
      ssize_t r = read(fds[i], buffer, sizeof buffer);
      if (r > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(r));
      } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
        open[i] = false;
      }
    }
  }
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace

CommandResult Run(const std::vector<std::string>& argv, const std::string& stdin_data) {
  return Spawn(argv, stdin_data, nullptr);
}

CommandResult RunToFile(const std::vector<std::string>& argv, const std::string& out_path) {
  return Spawn(argv, "", &out_path);
}

bool HaveProgram(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (!dir.empty() && access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
  }
  return false;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void WriteFile(const fs::path& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace seckit::testing
