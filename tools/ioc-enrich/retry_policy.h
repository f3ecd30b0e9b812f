// When a failed HTTP attempt is worth repeating, and how long to wait first: exponential backoff
// with full jitter, or what the server asked for in Retry-After.
#ifndef SECKIT_IOC_ENRICH_RETRY_POLICY_H_
#define SECKIT_IOC_ENRICH_RETRY_POLICY_H_

#include <optional>
#include <random>
#include <string_view>

#include "seckit/time.h"

namespace seckit::ioc_enrich {

// HTTP statuses that say "try again later": 408, 429, 500, 502, 503, 504.
bool IsRetryableStatus(long status);

// Statuses whose Retry-After the engine honours (429 and 503).
bool HonoursRetryAfter(long status);

// The wait before retry number `retry` (1 for the first retry): uniformly random in
// [0, min(cap, base × 2^(retry-1))] ("full jitter", so many clients that failed together do not
// come back together).
TimeNs BackoffDelay(int retry, TimeNs base, TimeNs cap, std::mt19937_64& rng);

// How long a Retry-After header value asks to wait, seen at wall-clock time `now`: a number of
// seconds ("120") or an HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT", also the RFC 850 and asctime
// forms). A date in the past means no wait (0). nullopt for anything else.
std::optional<TimeNs> ParseRetryAfter(std::string_view value, TimeNs now);

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_RETRY_POLICY_H_
