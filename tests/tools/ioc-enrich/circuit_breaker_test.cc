// CircuitBreaker's states: closed, open for a cooldown, one half-open probe.
#include "circuit_breaker.h"

#include <gtest/gtest.h>

namespace seckit::ioc_enrich {
namespace {

using Decision = CircuitBreaker::Decision;
constexpr TimeNs kSec = kNsPerSecond;

TEST(CircuitBreaker, DisabledNeverOpens) {
  CircuitBreaker breaker(0, kSec);
  for (int i = 0; i < 100; ++i) breaker.OnFailure(i, false);
  EXPECT_EQ(breaker.Admit(100), Decision::kSend);
  EXPECT_FALSE(breaker.ever_opened());
}

TEST(CircuitBreaker, OpensAfterNConsecutiveFailures) {
  CircuitBreaker breaker(3, 10 * kSec);
  breaker.OnFailure(0, false);
  breaker.OnFailure(0, false);
  breaker.OnSuccess(false);  // not consecutive
  breaker.OnFailure(0, false);
  breaker.OnFailure(0, false);
  EXPECT_EQ(breaker.Admit(1), Decision::kSend);
  breaker.OnFailure(kSec, false);
  EXPECT_TRUE(breaker.Rejecting(kSec));
  EXPECT_EQ(breaker.Admit(2 * kSec), Decision::kReject);
  EXPECT_EQ(breaker.consecutive_failures(), 3);
  EXPECT_EQ(breaker.open_until(), 11 * kSec);
}

TEST(CircuitBreaker, OneProbeAfterTheCooldownThenClosed) {
  CircuitBreaker breaker(1, kSec);
  breaker.OnFailure(0, false);
  EXPECT_EQ(breaker.Admit(kSec - 1), Decision::kReject);
  EXPECT_EQ(breaker.Admit(kSec), Decision::kSendProbe);
  EXPECT_TRUE(breaker.AwaitingProbe());
  EXPECT_EQ(breaker.Admit(kSec), Decision::kWait);
  breaker.OnSuccess(true);
  EXPECT_EQ(breaker.Admit(kSec), Decision::kSend);
  EXPECT_EQ(breaker.Admit(kSec), Decision::kSend);
}

TEST(CircuitBreaker, FailedProbeReopens) {
  CircuitBreaker breaker(2, kSec);
  breaker.OnFailure(0, false);
  breaker.OnFailure(0, false);
  EXPECT_EQ(breaker.Admit(kSec), Decision::kSendProbe);
  breaker.OnFailure(3 * kSec, true);
  EXPECT_EQ(breaker.Admit(3 * kSec), Decision::kReject);
  EXPECT_EQ(breaker.Admit(4 * kSec), Decision::kSendProbe);
}

TEST(CircuitBreaker, CancelledProbeLetsTheNextRequestProbe) {
  CircuitBreaker breaker(1, kSec);
  breaker.OnFailure(0, false);
  EXPECT_EQ(breaker.Admit(kSec), Decision::kSendProbe);
  breaker.CancelProbe();
  EXPECT_EQ(breaker.Admit(kSec), Decision::kSendProbe);
}

TEST(CircuitBreaker, LateFailureOfAnOlderRequestDoesNotExtendTheCooldown) {
  CircuitBreaker breaker(1, kSec);
  breaker.OnFailure(0, false);
  breaker.OnFailure(kSec / 2, false);  // was in flight when the breaker opened
  EXPECT_EQ(breaker.open_until(), kSec);
}

}  // namespace
}  // namespace seckit::ioc_enrich
