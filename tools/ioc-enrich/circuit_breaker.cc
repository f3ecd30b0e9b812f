// The circuit breaker's state machine (closed → open → half-open → closed or open again).
#include "circuit_breaker.h"

namespace seckit::ioc_enrich {

CircuitBreaker::Decision CircuitBreaker::Admit(TimeNs now) {
  switch (state_) {
    case State::kClosed:
      return Decision::kSend;
    case State::kOpen:
      if (now < open_until_) return Decision::kReject;
      state_ = State::kHalfOpen;
      probe_out_ = false;
      [[fallthrough]];
    case State::kHalfOpen:
      if (probe_out_) return Decision::kWait;
      probe_out_ = true;
      return Decision::kSendProbe;
  }
  return Decision::kSend;
}

void CircuitBreaker::OnSuccess(bool probe) {
  if (probe) probe_out_ = false;
  consecutive_failures_ = 0;
  state_ = State::kClosed;
}

void CircuitBreaker::OnFailure(TimeNs now, bool probe) {
  ++consecutive_failures_;
  if (failures_to_open_ <= 0) return;
  if (probe) {
    probe_out_ = false;
    Open(now);
  } else if (state_ == State::kClosed && consecutive_failures_ >= failures_to_open_) {
    Open(now);
  }
  // A request sent before the breaker opened and failing while it is open or half-open changes
  // nothing: the cooldown or the probe decides.
}

void CircuitBreaker::Open(TimeNs now) {
  state_ = State::kOpen;
  open_until_ = now + cooldown_;
  ever_opened_ = true;
}

}  // namespace seckit::ioc_enrich
