// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe, for tests that open a
// page in headless Chromium and watch what it does (console messages, network requests).
#ifndef SECKIT_TESTS_TRIAGE_REPORT_DEVTOOLS_PIPE_H_
#define SECKIT_TESTS_TRIAGE_REPORT_DEVTOOLS_PIPE_H_

#include <sys/types.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace seckit::testing {

class DevToolsPipe {
 public:
  // Starts `browser` headless with a fresh profile in `profile_dir`; nullptr when it cannot start.
  static std::unique_ptr<DevToolsPipe> Launch(const std::string& browser,
                                              const std::string& profile_dir);
  ~DevToolsPipe();

  // Sends a command (to the page session when `session` is set) and waits up to 30 s for its
  // answer; events that arrive meanwhile are kept in events(). Returns the answer's "result", or
  // a JSON object holding "error".
  nlohmann::json Call(const std::string& method, const nlohmann::json& params,
                      const std::string& session = "");
  // Reads events until one named `method` arrives or `timeout_ms` passes. True when it arrived.
  bool WaitFor(const std::string& method, int timeout_ms);
  const std::vector<nlohmann::json>& events() const { return events_; }

 private:
  DevToolsPipe(pid_t pid, int to_browser, int from_browser)
      : pid_(pid), to_browser_(to_browser), from_browser_(from_browser) {}
  bool ReadMessage(int timeout_ms, nlohmann::json& message);

  pid_t pid_;
  int to_browser_, from_browser_;
  int next_id_ = 1;
  std::string buffer_;
  std::vector<nlohmann::json> events_;
};

// Decodes standard base64 (as Page.captureScreenshot returns it).
std::string DecodeBase64(const std::string& text);

}  // namespace seckit::testing

#endif  // SECKIT_TESTS_TRIAGE_REPORT_DEVTOOLS_PIPE_H_
