// TimeHistogram: event counts over time in at most kMaxBuckets buckets whatever the time span —
// the bucket width starts at one second and doubles (merging neighbours) whenever more buckets
// would be needed.
#ifndef SECKIT_TRIAGE_REPORT_TIME_HISTOGRAM_H_
#define SECKIT_TRIAGE_REPORT_TIME_HISTOGRAM_H_

#include <cstdint>
#include <map>

#include "seckit/time.h"

namespace seckit::triage_report {

class TimeHistogram {
 public:
  static constexpr size_t kMaxBuckets = 2048;

  TimeHistogram() = default;
  TimeHistogram(const TimeHistogram&) = delete;  // last_ points into buckets_
  TimeHistogram& operator=(const TimeHistogram&) = delete;

  void Add(TimeNs time, uint64_t n = 1) {
    // Records mostly come in time order: the last bucket is usually the one. The distance is
    // taken unsigned: two valid times can be further apart than int64 reaches (1719 and 2026
    // in nanoseconds), and a wrapped negative distance would count the event in the old bucket.
    if (last_ != buckets_.end() && time >= last_->first &&
        static_cast<uint64_t>(time) - static_cast<uint64_t>(last_->first) <
            static_cast<uint64_t>(width_)) {
      last_->second += n;
      return;
    }
    last_ = buckets_.try_emplace(Floor(time), 0).first;
    last_->second += n;
    if (buckets_.size() > kMaxBuckets) {
      while (buckets_.size() > kMaxBuckets) Coarsen();
      last_ = buckets_.end();
    }
  }
  // Bucket start -> count; every bucket is width() wide.
  const std::map<TimeNs, uint64_t>& buckets() const { return buckets_; }
  TimeNs width() const { return width_; }

 private:
  // The start of t's bucket; for a time so early that it is not representable, the first
  // bucket start that is (the time then lies before it, and Add still files it there).
  TimeNs Floor(TimeNs t) const {
    TimeNs q = t / width_;
    if (t % width_ < 0 && q > INT64_MIN / width_) --q;
    return q * width_;
  }
  void Coarsen() {
    width_ *= 2;
    std::map<TimeNs, uint64_t> merged;
    for (const auto& [start, n] : buckets_) merged[Floor(start)] += n;
    buckets_.swap(merged);
  }

  TimeNs width_ = kNsPerSecond;
  std::map<TimeNs, uint64_t> buckets_;
  std::map<TimeNs, uint64_t>::iterator last_ = buckets_.end();
};

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_TIME_HISTOGRAM_H_
