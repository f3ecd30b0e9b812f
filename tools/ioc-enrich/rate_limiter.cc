// The sliding window behind per-provider requests-per-minute limits.
#include "rate_limiter.h"

#include <cmath>
#include <cstddef>

namespace seckit::ioc_enrich {
namespace {

constexpr double kNsPerMinute = 60.0 * static_cast<double>(kNsPerSecond);

}  // namespace

RateLimiter::RateLimiter(double requests_per_minute, TimeNs window) {
  if (!(requests_per_minute > 0) || window <= 0) return;  // also catches NaN
  // The epsilon keeps 600/min over 1 s at 10 when floating point lands just below.
  const double per_window =
      std::floor(requests_per_minute * static_cast<double>(window) / kNsPerMinute + 1e-9);
  if (per_window >= 1) {
    limit_ = per_window > 1e12 ? int64_t{1'000'000'000'000} : static_cast<int64_t>(per_window);
    window_ = window;
  } else {
    limit_ = 1;
    window_ = static_cast<TimeNs>(std::ceil(kNsPerMinute / requests_per_minute));
  }
}

size_t RateLimiter::Expired(TimeNs now) const {
  // A slot frees one full window after its request ended.
  size_t n = 0;
  while (n < ended_.size() && now - ended_[n] >= window_) ++n;
  return n;
}

void RateLimiter::Expire(TimeNs now) {
  ended_.erase(ended_.begin(), ended_.begin() + static_cast<std::ptrdiff_t>(Expired(now)));
}

std::optional<TimeNs> RateLimiter::NextSendTime(TimeNs now) const {
  if (unlimited()) return now;
  const size_t expired = Expired(now);
  const int64_t held = in_flight_ + static_cast<int64_t>(ended_.size() - expired);
  if (held < limit_) return now;
  // Slots held by ended requests free in order; we need held - limit + 1 of them.
  const size_t needed = static_cast<size_t>(held - limit_ + 1);
  if (needed > ended_.size() - expired) return std::nullopt;
  return ended_[expired + needed - 1] + window_;
}

bool RateLimiter::TrySend(TimeNs now) {
  if (unlimited()) return true;
  Expire(now);
  if (in_flight_ + static_cast<int64_t>(ended_.size()) >= limit_) return false;
  ++in_flight_;
  return true;
}

void RateLimiter::OnEnd(TimeNs now) {
  if (unlimited() || in_flight_ == 0) return;
  --in_flight_;
  ended_.push_back(now);
}

}  // namespace seckit::ioc_enrich
