// HandOff: chunks of work passed in order from a producer thread (reading and parsing input) to
// the consumer (the tool's own thread), through a fixed number of chunks that go back and forth,
// so memory stays bounded and nothing is allocated per chunk once they have grown.
//
// The producer takes a free chunk, fills it, publishes it, and at the end calls Finish with its
// status; the consumer takes published chunks in order and gives each back when done with it.
// Either side may wait: TakeFree while every chunk is with the consumer, TakeFull while none is
// published. `waited` tells the caller it had to, which is how a tool learns which side is behind
// (triage-report moves work towards the side that waits less). Stop (the consumer is gone, e.g.
// interrupted or failed) wakes a producer waiting for a free chunk, which then gets null.
//
// ioc-enrich and triage-report read this way; log-grep's helper thread (one task at a time, not a
// stream) is a different shape.
#ifndef SECKIT_HAND_OFF_H_
#define SECKIT_HAND_OFF_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <utility>

#include "seckit/status.h"

namespace seckit {

template <typename Chunk>
class HandOff {
 public:
  explicit HandOff(size_t chunks) {
    for (size_t i = 0; i < chunks; ++i) free_.push_back(std::make_unique<Chunk>());
  }
  HandOff(const HandOff&) = delete;
  HandOff& operator=(const HandOff&) = delete;

  // The producer's side. A free chunk, or null once the consumer stopped.
  std::unique_ptr<Chunk> TakeFree(bool* waited = nullptr) {
    std::unique_lock lock(mutex_);
    if (waited != nullptr) *waited = free_.empty() && !stopped_;
    changed_.wait(lock, [&] { return !free_.empty() || stopped_; });
    if (stopped_) return nullptr;
    std::unique_ptr<Chunk> chunk = std::move(free_.front());
    free_.pop_front();
    return chunk;
  }
  void Publish(std::unique_ptr<Chunk> chunk) {
    std::lock_guard lock(mutex_);
    full_.push_back(std::move(chunk));
    changed_.notify_all();
  }
  // No more chunks will come; `status` is the producer's (the end of the input, or why not).
  void Finish(Status status) {
    std::lock_guard lock(mutex_);
    finished_ = true;
    status_ = std::move(status);
    changed_.notify_all();
  }

  // The consumer's side. The next published chunk, or null once the producer finished and every
  // chunk was taken.
  std::unique_ptr<Chunk> TakeFull(bool* waited = nullptr) {
    std::unique_lock lock(mutex_);
    if (waited != nullptr) *waited = full_.empty() && !finished_;
    changed_.wait(lock, [&] { return !full_.empty() || finished_; });
    if (full_.empty()) return nullptr;
    std::unique_ptr<Chunk> chunk = std::move(full_.front());
    full_.pop_front();
    return chunk;
  }
  void GiveBack(std::unique_ptr<Chunk> chunk) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(chunk));
    changed_.notify_all();
  }
  // The consumer wants no more chunks: a producer waiting in TakeFree, or calling it later, gets
  // null.
  void Stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }
  // The producer's status, as given to Finish (valid once TakeFull returned null).
  Status status() {
    std::lock_guard lock(mutex_);
    return status_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Chunk>> free_, full_;
  bool stopped_ = false, finished_ = false;
  Status status_;
};

}  // namespace seckit

#endif  // SECKIT_HAND_OFF_H_
