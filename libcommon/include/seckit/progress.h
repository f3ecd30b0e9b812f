// Progress: a one-line progress display on stderr for long runs, shown only on a terminal (or when
// forced with --progress), never in pipes or cron, and cheap enough to update for every record.
//
//   Progress progress("pcap-extract", total_bytes, {.force = options.progress});
//   for (...) progress.Update(bytes_done);
//   progress.Finish();
//
// draws, at most every 200 ms, "\rpcap-extract: 45.2 MiB / 120 MiB (37%) 310 MiB/s ETA 0:15",
// padded with spaces over any longer previous line; Finish (or the destructor) blanks the line and
// returns the cursor to its start, so the next message lands on a clean line. Nothing is drawn
// during the first 200 ms, so quick runs print nothing at all. Not thread-safe: one thread updates.
#ifndef SECKIT_PROGRESS_H_
#define SECKIT_PROGRESS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace seckit {

enum class ProgressUnit {
  kBytes,  // "45.2 MiB", rates in MiB/s (binary prefixes)
  kCount,  // "1.25M lines", rates in lines/s (decimal prefixes); the noun is ProgressOptions::noun
};

struct ProgressOptions {
  int fd = 2;            // where to draw (write(2) is used directly, no stdio buffering)
  bool force = false;    // draw even when `fd` is not a terminal (--progress)
  bool disable = false;  // never draw (--quiet); wins over `force`
  ProgressUnit unit = ProgressUnit::kBytes;
  std::string noun = "records";  // for kCount
  int64_t redraw_interval_ns = 200'000'000;
  // A monotonic clock in nanoseconds; tests inject a fake one. Default: CLOCK_MONOTONIC_COARSE.
  std::function<int64_t()> clock;
};

class Progress {
 public:
  // `total` is the expected final value of Update's `done` (bytes or count), when known; it adds
  // the percentage and ETA. Enabled when !disable and (force or isatty(fd)).
  explicit Progress(std::string label, std::optional<uint64_t> total = std::nullopt,
                    ProgressOptions options = {});
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  bool enabled() const { return enabled_; }

  // Records that `done` units are complete. Costs a decrement and a compare on most calls: the
  // clock is read only every `stride_` calls, a stride that adapts so reads happen about every
  // 10 ms whatever the call rate.
  void Update(uint64_t done) {
    done_ = done;
    if (--countdown_ <= 0) Tick();
  }
  // Adds `delta` to the units done.
  void Advance(uint64_t delta) { Update(done_ + delta); }
  void SetTotal(std::optional<uint64_t> total) { total_ = total; }

  // Blanks the line now (e.g. before printing a warning); the next redraw shows it again.
  void Clear();
  // Blanks the line and stops drawing for good. Idempotent; the destructor calls it.
  void Finish();

  // The text of the line for the given state, without "\r" or padding (exposed for tests).
  std::string Render(uint64_t done, double rate_per_second) const;

 private:
  void Tick();
  void Draw(int64_t now);
  void Write(std::string_view bytes);

  std::string label_;
  std::optional<uint64_t> total_;
  ProgressOptions options_;
  bool enabled_ = false;
  size_t max_width_ = 0;  // terminal columns - 1, or 0 for no limit
  uint64_t done_ = 0;
  int64_t countdown_ = 1;
  int64_t stride_ = 1;
  int64_t start_ns_ = 0;
  int64_t last_check_ns_ = 0;
  int64_t last_draw_ns_ = 0;
  uint64_t last_draw_done_ = 0;
  double rate_ = -1;        // smoothed units/s; negative until first measured
  size_t drawn_width_ = 0;  // characters on the line now
};

}  // namespace seckit

#endif  // SECKIT_PROGRESS_H_
