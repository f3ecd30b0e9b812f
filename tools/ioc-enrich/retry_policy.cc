// Backoff and Retry-After arithmetic for the HTTP engine.
#include "retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "seckit/text.h"

namespace seckit::ioc_enrich {
namespace {

constexpr int64_t kMaxRetryAfterSeconds = 100LL * 365 * 86'400;  // beyond this: "forever"

}  // namespace

bool IsRetryableStatus(long status) {
  switch (status) {
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
      return true;
    default:
      return false;
  }
}

bool HonoursRetryAfter(long status) { return status == 429 || status == 503; }

TimeNs BackoffDelay(int retry, TimeNs base, TimeNs cap, std::mt19937_64& rng) {
  if (base <= 0 || cap <= 0) return 0;
  TimeNs ceiling = std::min(base, cap);
  for (int i = 1; i < retry && ceiling < cap; ++i) {
    ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
  }
  std::uniform_int_distribution<TimeNs> pick(0, ceiling);
  return pick(rng);
}

std::optional<TimeNs> ParseRetryAfter(std::string_view value, TimeNs now) {
  value = TrimAsciiSpace(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int64_t seconds = 0;
    for (char c : value) {
      seconds = seconds * 10 + (c - '0');
      if (seconds > kMaxRetryAfterSeconds) return kMaxRetryAfterSeconds * kNsPerSecond;
    }
    return seconds * kNsPerSecond;
  }
  // curl_getdate knows the three HTTP-date forms (and is lenient about others).
  const std::string text(value);
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  const int64_t seconds = static_cast<int64_t>(when);
  if (seconds <= 0) return 0;
  if (seconds > now / kNsPerSecond + kMaxRetryAfterSeconds) {
    return kMaxRetryAfterSeconds * kNsPerSecond;
  }
  return std::max<TimeNs>(0, seconds * kNsPerSecond - now);
}

}  // namespace seckit::ioc_enrich
