// HelperThread: one long-lived thread that runs one task at a time for its owner, who starts a
// task, does its own share of the work, and waits for the task to finish.
#ifndef SECKIT_LOG_GREP_HELPER_THREAD_H_
#define SECKIT_LOG_GREP_HELPER_THREAD_H_

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace seckit::log_grep {

class HelperThread {
 public:
  HelperThread();
  ~HelperThread();  // waits for a running task, then ends the thread
  HelperThread(const HelperThread&) = delete;
  HelperThread& operator=(const HelperThread&) = delete;

  // Runs `task` on the helper. Only one task at a time: Wait() before starting the next.
  void Start(std::function<void()> task);
  // Whether a task is waiting or running.
  bool Busy();
  // Returns once the task last started has finished; rethrows what it threw (std::bad_alloc),
  // so a failure reaches the owner's thread as it would without the helper.
  void Wait();

 private:
  void Loop();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::function<void()> task_;  // set while a task waits or runs
  std::exception_ptr failure_;  // what the last task threw
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_HELPER_THREAD_H_
