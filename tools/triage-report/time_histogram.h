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

  void Add(TimeNs time, uint64_t n = 1) {
    buckets_[Floor(time)] += n;
    while (buckets_.size() > kMaxBuckets) Coarsen();
  }
  // Bucket start -> count; every bucket is width() wide.
  const std::map<TimeNs, uint64_t>& buckets() const { return buckets_; }
  TimeNs width() const { return width_; }

 private:
  TimeNs Floor(TimeNs t) const {
    TimeNs q = t / width_;
    if (t % width_ < 0) --q;
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
};

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_TIME_HISTOGRAM_H_
