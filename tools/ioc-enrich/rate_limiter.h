// A provider's requests-per-minute limit, kept as the provider's server sees it: never more than
// N requests in any window of W.
#ifndef SECKIT_IOC_ENRICH_RATE_LIMITER_H_
#define SECKIT_IOC_ENRICH_RATE_LIMITER_H_

#include <cstdint>
#include <deque>
#include <optional>

#include "seckit/time.h"

namespace seckit::ioc_enrich {

// Sliding-window limiter over a monotonic clock. The server notices a request at some instant
// between the moment it was sent and the moment its response arrived, so a request holds its slot
// from sending until one window after its response: then no N + 1 requests can reach the server
// within one window, whatever the network delays. (A request the client gave up on may still be
// sitting in a backlogged server's queue; nothing on the client side can account for that.)
//
// N and W come from a rate and a window length: N = floor(rate × W / 1 min). A rate too low for
// one request per W (N < 1) gets N = 1 and W = 1 min / rate instead, so the average rate never
// exceeds the one asked for.
class RateLimiter {
 public:
  RateLimiter() = default;  // unlimited
  // `requests_per_minute` <= 0 means unlimited; `window` > 0.
  RateLimiter(double requests_per_minute, TimeNs window);

  bool unlimited() const { return limit_ == 0; }
  int64_t limit() const { return limit_; }   // N (0 when unlimited)
  TimeNs window() const { return window_; }  // W

  // The earliest instant, not before `now`, at which a request may be sent; nullopt while every
  // slot is held by a request still in flight (one must end first).
  std::optional<TimeNs> NextSendTime(TimeNs now) const;
  // Takes a slot for a request sent at `now`; false (and nothing taken) when none is free.
  bool TrySend(TimeNs now);
  // The request of a slot taken earlier ended at `now` (response, error or abandoned). `now` never
  // goes backwards between calls.
  void OnEnd(TimeNs now);

 private:
  void Expire(TimeNs now);
  size_t Expired(TimeNs now) const;  // how many of ended_ have freed their slot at `now`

  int64_t limit_ = 0;
  TimeNs window_ = 0;
  int64_t in_flight_ = 0;
  std::deque<TimeNs> ended_;  // end instants of requests whose slot is still held, oldest first
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_RATE_LIMITER_H_
