// A circuit breaker for one provider: after N consecutive failed requests it stops asking for a
// cooldown, then lets one probe through and closes again only if the probe succeeds.
#ifndef SECKIT_IOC_ENRICH_CIRCUIT_BREAKER_H_
#define SECKIT_IOC_ENRICH_CIRCUIT_BREAKER_H_

#include <cstdint>

#include "seckit/time.h"

namespace seckit::ioc_enrich {

class CircuitBreaker {
 public:
  enum class Decision {
    kSend,       // closed: send as usual
    kSendProbe,  // half-open: send this one request as the probe
    kWait,       // half-open with the probe still out: hold the request
    kReject,     // open: fail the request at once
  };

  CircuitBreaker() = default;  // never opens
  // `failures_to_open` <= 0 disables the breaker.
  CircuitBreaker(int failures_to_open, TimeNs cooldown)
      : failures_to_open_(failures_to_open), cooldown_(cooldown) {}

  // What to do with a request that could be sent at monotonic time `now`. kSendProbe means the
  // caller sends it and reports its outcome with `probe` set.
  Decision Admit(TimeNs now);
  // True while requests are rejected (open, cooldown not over) at `now`.
  bool Rejecting(TimeNs now) const { return state_ == State::kOpen && now < open_until_; }
  // True while half-open with the probe out: nothing else may go until it ends.
  bool AwaitingProbe() const { return state_ == State::kHalfOpen && probe_out_; }
  // The probe admitted by the last Admit() was not sent after all; the next request may probe.
  void CancelProbe() { probe_out_ = false; }

  // The final outcome of a request (after its retries). A failed probe reopens the breaker; any
  // success closes it.
  void OnSuccess(bool probe);
  void OnFailure(TimeNs now, bool probe);

  // Consecutive failed requests so far (for "circuit open after N failures").
  int64_t consecutive_failures() const { return consecutive_failures_; }
  // When an open breaker lets a probe through.
  TimeNs open_until() const { return open_until_; }
  bool ever_opened() const { return ever_opened_; }

 private:
  enum class State { kClosed, kOpen, kHalfOpen };
  void Open(TimeNs now);

  int failures_to_open_ = 0;
  TimeNs cooldown_ = 0;
  State state_ = State::kClosed;
  int64_t consecutive_failures_ = 0;
  TimeNs open_until_ = 0;
  bool probe_out_ = false;
  bool ever_opened_ = false;
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_CIRCUIT_BREAKER_H_
