// DevTools Protocol over a pipe: Chromium reads NUL-terminated JSON commands on fd 3 and writes
// answers and events on fd 4.
#include "devtools_pipe.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

namespace seckit::testing {

std::unique_ptr<DevToolsPipe> DevToolsPipe::Launch(const std::string& browser,
                                                   const std::string& profile_dir) {
  int to_browser[2], from_browser[2];
  if (pipe2(to_browser, O_CLOEXEC) != 0) return nullptr;
  if (pipe2(from_browser, O_CLOEXEC) != 0) return nullptr;
  std::vector<std::string> args = {browser, "--headless=new", "--remote-debugging-pipe",
                                   "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                                   "--user-data-dir=" + profile_dir, "--window-size=1200,900"};
  if (geteuid() == 0) args.push_back("--no-sandbox");
  args.push_back("about:blank");
  const pid_t pid = fork();
  if (pid < 0) return nullptr;
  if (pid == 0) {
    // Move the pipe ends out of the way first, then onto 3 and 4 (dup2 clears FD_CLOEXEC).
    const int in = fcntl(to_browser[0], F_DUPFD_CLOEXEC, 10);
    const int out = fcntl(from_browser[1], F_DUPFD_CLOEXEC, 10);
    if (in < 0 || out < 0 || dup2(in, 3) < 0 || dup2(out, 4) < 0) _exit(127);
    const int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, 0);
      dup2(null, 1);
      dup2(null, 2);
    }
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(to_browser[0]);
  close(from_browser[1]);
  return std::unique_ptr<DevToolsPipe>(new DevToolsPipe(pid, to_browser[1], from_browser[0]));
}

DevToolsPipe::~DevToolsPipe() {
  Call("Browser.close", nlohmann::json::object());
  close(to_browser_);
  close(from_browser_);
  for (int i = 0; i < 50; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    usleep(100'000);
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

bool DevToolsPipe::ReadMessage(int timeout_ms, nlohmann::json& message) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    const size_t end = buffer_.find('\0');
    if (end != std::string::npos) {
      message = nlohmann::json::parse(buffer_.substr(0, end), nullptr, false);
      buffer_.erase(0, end + 1);
      return true;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) return false;
    pollfd p{from_browser_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    char chunk[65536];
    const ssize_t n = read(from_browser_, chunk, sizeof chunk);
    if (n <= 0) return false;  // the browser went away
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

nlohmann::json DevToolsPipe::Call(const std::string& method, const nlohmann::json& params,
                                  const std::string& session) {
  const int id = next_id_++;
  nlohmann::json command = {{"id", id}, {"method", method}, {"params", params}};
  if (!session.empty()) command["sessionId"] = session;
  std::string text = command.dump();
  text.push_back('\0');
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(to_browser_, text.data() + written, text.size() - written);
    if (n <= 0) return {{"error", "write to browser failed"}};
    written += static_cast<size_t>(n);
  }
  nlohmann::json message;
  while (ReadMessage(30'000, message)) {
    if (message.contains("id") && message["id"] == id) {
      if (message.contains("error")) return {{"error", message["error"]}};
      return message.value("result", nlohmann::json::object());
    }
    if (message.contains("method")) events_.push_back(message);
  }
  return {{"error", "no answer to " + method}};
}

bool DevToolsPipe::WaitFor(const std::string& method, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  nlohmann::json message;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0 || !ReadMessage(static_cast<int>(left), message)) return false;
    if (!message.contains("method")) continue;
    events_.push_back(message);
    if (message["method"] == method) return true;
  }
}

std::string DecodeBase64(const std::string& text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    const int v = value(c);
    if (v < 0) continue;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xff));
    }
  }
  return out;
}

}  // namespace seckit::testing
