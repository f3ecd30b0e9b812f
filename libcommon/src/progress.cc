// The progress line: when to read the clock, when to redraw, and how the line reads.
#include "seckit/progress.h"

#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <limits>

namespace seckit {
namespace {

constexpr int64_t kNever = std::numeric_limits<int64_t>::max();
// The clock is read about this often; more often wastes time per record, less often makes the
// redraw interval sloppy.
constexpr int64_t kCheckIntervalNs = 10'000'000;
constexpr int64_t kMaxStride = 1024;
// Weight of the newest interval in the displayed rate: responsive, yet not jumpy.
constexpr double kRateSmoothing = 0.3;

int64_t MonotonicCoarseNs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Three significant digits: "1.50", "45.2", "120".
void AppendScaled(std::string& out, double value, const char* suffix) {
  char buffer[32];
  const int decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
  (void)std::snprintf(buffer, sizeof buffer, "%.*f%s", decimals, value, suffix);
  out += buffer;
}

void AppendBytes(std::string& out, double bytes) {
  static constexpr const char* kUnits[] = {" KiB", " MiB", " GiB", " TiB", " PiB", " EiB"};
  if (bytes < 1024) {
    char buffer[32];
    (void)std::snprintf(buffer, sizeof buffer, "%.0f B", bytes);
    out += buffer;
    return;
  }
  size_t unit = 0;
  bytes /= 1024;
  while (bytes >= 1024 && unit + 1 < std::size(kUnits)) {
    bytes /= 1024;
    ++unit;
  }
  AppendScaled(out, bytes, kUnits[unit]);
}

void AppendCount(std::string& out, double count) {
  static constexpr const char* kUnits[] = {"k", "M", "G", "T", "P", "E"};
  if (count < 1000) {
    char buffer[32];
    (void)std::snprintf(buffer, sizeof buffer, "%.0f", count);
    out += buffer;
    return;
  }
  size_t unit = 0;
  count /= 1000;
  while (count >= 1000 && unit + 1 < std::size(kUnits)) {
    count /= 1000;
    ++unit;
  }
  AppendScaled(out, count, kUnits[unit]);
}

void AppendDuration(std::string& out, double seconds) {
  const auto total = static_cast<uint64_t>(seconds);
  char buffer[48];
  if (total >= 3600) {
    (void)std::snprintf(buffer, sizeof buffer, "%llu:%02u:%02u",
                        static_cast<unsigned long long>(total / 3600),
                        static_cast<unsigned>(total / 60 % 60), static_cast<unsigned>(total % 60));
  } else {
    (void)std::snprintf(buffer, sizeof buffer, "%u:%02u", static_cast<unsigned>(total / 60),
                        static_cast<unsigned>(total % 60));
  }
  out += buffer;
}

}  // namespace

Progress::Progress(std::string label, std::optional<uint64_t> total, ProgressOptions options)
    : label_(std::move(label)), total_(total), options_(std::move(options)) {
  const bool terminal = isatty(options_.fd) == 1;
  enabled_ = !options_.disable && (options_.force || terminal);
  if (!enabled_) {
    countdown_ = kNever;
    return;
  }
  if (!options_.clock) options_.clock = MonotonicCoarseNs;
  // A line longer than the terminal wraps, and "\r" then cannot return to its start.
  winsize size{};
  if (terminal && ioctl(options_.fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 1) {
    max_width_ = size.ws_col - 1u;
  }
  start_ns_ = last_check_ns_ = last_draw_ns_ = options_.clock();
}

Progress::~Progress() { Finish(); }

void Progress::Tick() {
  if (!enabled_) {
    countdown_ = kNever;
    return;
  }
  const int64_t now = options_.clock();
  const int64_t since_check = now - last_check_ns_;
  last_check_ns_ = now;
  // Calls came fast: read the clock less often. Slow: back to every call at once, so a stream
  // that slows down (a live input stalling) still redraws on time.
  if (since_check < kCheckIntervalNs) {
    stride_ = std::min(stride_ * 2, kMaxStride);
  } else if (since_check > 4 * kCheckIntervalNs) {
    stride_ = 1;
  }
  countdown_ = stride_;
  if (now - last_draw_ns_ >= options_.redraw_interval_ns) Draw(now);
}

void Progress::Draw(int64_t now) {
  if (rate_ < 0) {
    const int64_t elapsed = std::max<int64_t>(now - start_ns_, 1);
    rate_ = static_cast<double>(done_) * 1e9 / static_cast<double>(elapsed);
  } else {
    const int64_t elapsed = std::max<int64_t>(now - last_draw_ns_, 1);
    const double recent =
        static_cast<double>(done_ >= last_draw_done_ ? done_ - last_draw_done_ : 0) * 1e9 /
        static_cast<double>(elapsed);
    rate_ = kRateSmoothing * recent + (1 - kRateSmoothing) * rate_;
  }
  last_draw_ns_ = now;
  last_draw_done_ = done_;

  std::string text = Render(done_, rate_);
  if (max_width_ > 0 && text.size() > max_width_) text.resize(max_width_);
  std::string line = "\r" + text;
  // Blank what is left of a longer previous line.
  if (drawn_width_ > text.size()) line.append(drawn_width_ - text.size(), ' ');
  drawn_width_ = text.size();
  Write(line);
}

std::string Progress::Render(uint64_t done, double rate_per_second) const {
  const bool bytes = options_.unit == ProgressUnit::kBytes;
  auto append_amount = [&](std::string& out, double value) {
    bytes ? AppendBytes(out, value) : AppendCount(out, value);
  };
  std::string text = label_ + ": ";
  append_amount(text, static_cast<double>(done));
  if (total_) {
    text += " / ";
    append_amount(text, static_cast<double>(*total_));
  }
  if (!bytes) text += " " + options_.noun;
  if (total_ && *total_ > 0) {
    const uint64_t percent =
        done >= *total_
            ? 100
            : static_cast<uint64_t>(static_cast<double>(done) * 100 / static_cast<double>(*total_));
    text += " (" + std::to_string(percent) + "%)";
  }
  text += " ";
  append_amount(text, std::max(rate_per_second, 0.0));
  text += bytes ? "/s" : " " + options_.noun + "/s";
  if (total_ && rate_per_second > 0 && done < *total_) {
    text += " ETA ";
    AppendDuration(text, static_cast<double>(*total_ - done) / rate_per_second);
  }
  return text;
}

void Progress::Clear() {
  if (drawn_width_ == 0) return;
  std::string blank = "\r";
  blank.append(drawn_width_, ' ');
  blank += '\r';
  drawn_width_ = 0;
  Write(blank);
}

void Progress::Finish() {
  if (enabled_) Clear();
  enabled_ = false;
  countdown_ = kNever;
}

void Progress::Write(std::string_view bytes) {
  while (!bytes.empty()) {
    // cppcheck-suppress invalidLifetime ; the callers' strings outlive this call
    const ssize_t n = write(options_.fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // A closed or broken stderr is no reason to fail the run; just stop drawing.
      enabled_ = false;
      drawn_width_ = 0;
      countdown_ = kNever;
      return;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace seckit
