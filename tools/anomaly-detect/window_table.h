// WindowTable: per-entity windows for streaming detectors. Each entity's window starts at its
// first record and lasts `window`; a record beyond it closes the window (the detector evaluates
// it) and opens the next. Expire() closes windows the stream has left behind (newest time seen
// minus the allowed lateness), so memory holds only entities active within one window. When more
// than `max_entries` are open, the older half is evaluated and closed early. Windows closed by one
// scan (Expire, CloseAll, an eviction) are evaluated in order of start, then key.
#ifndef SECKIT_ANOMALY_DETECT_WINDOW_TABLE_H_
#define SECKIT_ANOMALY_DETECT_WINDOW_TABLE_H_

#include <algorithm>
#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

#include "seckit/flat_table.h"
#include "seckit/time.h"

namespace seckit::anomaly_detect {

template <typename State>
struct Window {
  TimeNs start = 0;
  TimeNs end = 0;  // newest record in it
  State state;
};

template <typename Key, typename State, typename Hash = std::hash<Key>,
          typename Equal = std::equal_to<Key>, typename Less = std::less<Key>>
class WindowTable {
 public:
  using Closer = std::function<void(const Key&, Window<State>&)>;

  WindowTable(TimeNs window, size_t max_entries, Closer close)
      : window_(window), max_entries_(max_entries), close_(std::move(close)) {}

  // The open window of `key` that `t` belongs to. A record older than the window's start (out of
  // order, within the lateness) counts in it. The reference is valid until the next Touch.
  Window<State>& Touch(const Key& key, TimeNs t) {
    auto [entry, inserted] = windows_.TryEmplace(key);
    Window<State>& w = entry->value;
    if (inserted) {
      w.start = w.end = t;
      if (windows_.size() > max_entries_) return EvictOlderHalf(key);
      return w;
    }
    if (t >= w.start + window_) {
      close_(entry->key, w);
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
  using Table = FlatTable<Key, Window<State>, Hash, Equal>;

  void ExpireNow(TimeNs horizon) {
    CloseWhere([&](const typename Table::Entry& e) { return e.value.start + window_ <= horizon; });
  }

  // Closes the windows for which `closing(entry)` is true, in order of their start and then of
  // their key (so the alerts of one pass come out in an order that does not depend on hashing),
  // then removes them. Returns how many were closed.
  template <typename Predicate>
  size_t CloseWhere(Predicate closing) {
    closing_.clear();
    for (size_t i = 0; i < windows_.size(); ++i) {
      const auto& e = windows_.at(i);
      if (closing(e)) closing_.emplace_back(e.value.start, static_cast<uint32_t>(i));
    }
    if (closing_.empty()) return 0;
    // Sorted as (start, position) pairs, in place; the keys are looked at only for equal starts.
    std::sort(closing_.begin(), closing_.end(), [this](const auto& x, const auto& y) {
      if (x.first != y.first) return x.first < y.first;
      return Less()(windows_.at(x.second).key, windows_.at(y.second).key);
    });
    positions_.clear();
    for (const auto& closed : closing_) {
      auto& e = windows_.at(closed.second);
      close_(e.key, e.value);
      positions_.push_back(closed.second);
    }
    std::sort(positions_.begin(), positions_.end());
    windows_.EraseSorted(positions_);
    return positions_.size();
  }

  Window<State>& EvictOlderHalf(const Key& keep) {
    starts_.clear();
    for (const auto& e : windows_) starts_.push_back(e.value.start);
    auto middle = starts_.begin() + static_cast<std::ptrdiff_t>(starts_.size() / 2);
    std::nth_element(starts_.begin(), middle, starts_.end());
    const TimeNs cutoff = *middle;
    evicted_ += CloseWhere([&](const typename Table::Entry& e) {
      return e.value.start < cutoff && !Equal()(e.key, keep);
    });
    return windows_.Find(keep)->value;
  }

  TimeNs window_;
  size_t max_entries_;
  Closer close_;
  Table windows_;
  // The windows one pass closes, as (start, position), and their positions: kept for reuse.
  std::vector<std::pair<TimeNs, uint32_t>> closing_;
  std::vector<uint32_t> positions_;
  std::vector<TimeNs> starts_;     // scratch of EvictOlderHalf
  uint64_t evicted_ = 0;
  TimeNs next_scan_ = INT64_MIN;
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_WINDOW_TABLE_H_
