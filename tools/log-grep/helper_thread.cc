// One mutex and one condition variable: a task is handed over and reported done by setting and
// clearing task_; both sides wake on every change.
#include "helper_thread.h"

#include <utility>

namespace seckit::log_grep {

HelperThread::HelperThread() : thread_([this] { Loop(); }) {}

HelperThread::~HelperThread() {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !task_; });
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void HelperThread::Start(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    task_ = std::move(task);
  }
  changed_.notify_all();
}

bool HelperThread::Busy() {
  std::lock_guard lock(mutex_);
  return static_cast<bool>(task_);
}

void HelperThread::Wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !task_; });
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void HelperThread::Loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || task_; });
    if (!task_) return;  // stopping, nothing left to run
    lock.unlock();
    std::exception_ptr failure;
    try {
      task_();  // task_ stays set while it runs: Wait() returns only after it
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    failure_ = failure;
    task_ = nullptr;
    changed_.notify_all();
  }
}

}  // namespace seckit::log_grep
