// HashOrderWindowTable: WindowTable's behaviour on std::unordered_map, closing the windows of one
// scan in that map's iteration order. Only the Isolation Forest's feature collector uses it: the
// forest's training sample depends on the order in which the host windows arrive, so this order
// keeps the outlier scores exactly what they were before WindowTable moved to FlatTable. The
// forest is not one of the threshold detectors, and it sees one window per host, not per pair.
#ifndef SECKIT_ANOMALY_DETECT_HASH_ORDER_WINDOW_TABLE_H_
#define SECKIT_ANOMALY_DETECT_HASH_ORDER_WINDOW_TABLE_H_

#include <algorithm>
#include <cstddef>
#include <functional>
#include <unordered_map>
#include <vector>

#include "seckit/time.h"
#include "window_table.h"

namespace seckit::anomaly_detect {

template <typename Key, typename State, typename Hash = std::hash<Key>,
          typename Equal = std::equal_to<Key>>
class HashOrderWindowTable {
 public:
  using Closer = std::function<void(const Key&, Window<State>&)>;

  HashOrderWindowTable(TimeNs window, size_t max_entries, Closer close)
      : window_(window), max_entries_(max_entries), close_(std::move(close)) {}

  // The open window of `key` that `t` belongs to. A record older than the window's start (out of
  // order, within the lateness) counts in it.
  Window<State>& Touch(const Key& key, TimeNs t) {
    auto [it, inserted] = windows_.try_emplace(key);
    Window<State>& w = it->second;
    if (inserted) {
      w.start = w.end = t;
      if (windows_.size() > max_entries_) return EvictOlderHalf(key);
      return w;
    }
    if (t >= w.start + window_) {
      close_(it->first, w);
      w = Window<State>();
      w.start = w.end = t;
      return w;
    }
    w.end = std::max(w.end, t);
    return w;
  }

  // Closes every window that ended before `horizon` (the newest time seen minus the lateness).
  // The table is scanned at most once per eighth of a window of stream time, so a window may
  // close up to that much late, and a table of a million open windows costs nothing between
  // scans.
  void Expire(TimeNs horizon) {
    if (horizon < next_scan_) return;
    next_scan_ = horizon + std::max<TimeNs>(window_ / 8, 1);
    ExpireNow(horizon);
  }

  void CloseAll() { ExpireNow(INT64_MAX - window_); }
  size_t size() const { return windows_.size(); }
  uint64_t evicted() const { return evicted_; }

 private:
  void ExpireNow(TimeNs horizon) {
    for (auto it = windows_.begin(); it != windows_.end();) {
      if (it->second.start + window_ <= horizon) {
        close_(it->first, it->second);
        it = windows_.erase(it);
      } else {
        ++it;
      }
    }
  }

  Window<State>& EvictOlderHalf(const Key& keep) {
    std::vector<TimeNs> starts;
    starts.reserve(windows_.size());
    for (const auto& [k, w] : windows_) starts.push_back(w.start);
    auto middle = starts.begin() + static_cast<std::ptrdiff_t>(starts.size() / 2);
    std::nth_element(starts.begin(), middle, starts.end());
    const TimeNs cutoff = *middle;
    for (auto it = windows_.begin(); it != windows_.end();) {
      if (it->second.start < cutoff && !Equal()(it->first, keep)) {
        close_(it->first, it->second);
        it = windows_.erase(it);
        ++evicted_;
      } else {
        ++it;
      }
    }
    return windows_.find(keep)->second;
  }

  TimeNs window_;
  size_t max_entries_;
  Closer close_;
  std::unordered_map<Key, Window<State>, Hash, Equal> windows_;
  uint64_t evicted_ = 0;
  TimeNs next_scan_ = INT64_MIN;
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_HASH_ORDER_WINDOW_TABLE_H_
