// When each queued request may go: per-provider concurrency, rate limit, Retry-After pause,
// circuit breaker and daily quota, and a global cap on transfers in flight.
#include <algorithm>

#include "answer_cache.h"
#include "http_engine_impl.h"

namespace seckit::ioc_enrich {
// The next request of `p` that may go at `now` (retries first, then fresh ones), or null.
std::unique_ptr<HttpEngine::Impl::Request>* HttpEngine::Impl::NextDue(Provider& p, TimeNs now) {
  if (!p.retrying.empty() && p.retrying.begin()->first <= now) return &p.retrying.begin()->second;
  if (!p.fresh.empty()) return &p.fresh.front();
  return nullptr;
}

void HttpEngine::Impl::PopDue(Provider& p, std::unique_ptr<Request>* slot) {
  if (!p.retrying.empty() && slot == &p.retrying.begin()->second) {
    p.retrying.erase(p.retrying.begin());
  } else {
    p.fresh.pop_front();
  }
}

HttpEngine::Impl::Provider& HttpEngine::Impl::GetProvider(const std::string& name) {
  auto it = providers.find(name);
  if (it == providers.end()) {
    it = providers.emplace(name, Provider{}).first;
    it->second.name = name;
    Configure(it->second, ProviderLimits{});
  }
  return it->second;
}

void HttpEngine::Impl::Configure(Provider& p, const ProviderLimits& limits) {
  p.limits = limits;
  p.limits.concurrency = std::max(1, limits.concurrency);
  p.limiter = RateLimiter(limits.requests_per_minute, options.rate_window);
  p.breaker = CircuitBreaker(options.breaker_failures, options.breaker_cooldown);
}

bool HttpEngine::Impl::TakeQuota(Provider& p) {
  const int64_t quota = p.limits.daily_quota;
  if (quota <= 0) return true;
  const TimeNs wall = Now();  // quota days are UTC calendar days
  // Read afresh each time: another process may be spending the same quota.
  const int64_t used = quota_store != nullptr ? quota_store->QuotaUsed(p.name, wall) : p.quota_used;
  if (used >= quota) return false;
  if (quota_store != nullptr) {
    (void)quota_store->AddQuotaUsed(p.name, wall, 1);  // a failed write only weakens the count
  } else {
    ++p.quota_used;
  }
  return true;
}

// Starts one request of `p` if every limit allows; true when one started or failed.
bool HttpEngine::Impl::TryStartOne(Provider& p, TimeNs now) {
  if (!p.has_queued()) return false;
  if (p.breaker.Rejecting(now)) {
    FailQueued(p, BreakerError(p));
    return false;
  }
  if (p.in_flight >= p.limits.concurrency || now < p.paused_until) return false;
  std::unique_ptr<Request>* slot = NextDue(p, now);
  if (slot == nullptr) return false;
  const std::optional<TimeNs> send_at = p.limiter.NextSendTime(now);
  if (!send_at || *send_at > now) return false;
  const CircuitBreaker::Decision decision = p.breaker.Admit(now);
  if (decision == CircuitBreaker::Decision::kWait) return false;
  if (!TakeQuota(p)) {
    if (decision == CircuitBreaker::Decision::kSendProbe) p.breaker.CancelProbe();
    FailQueued(p, "daily quota of " + std::to_string(p.limits.daily_quota) + " reached");
    return false;
  }
  std::unique_ptr<Request> request = std::move(*slot);
  PopDue(p, slot);
  request->probe = decision == CircuitBreaker::Decision::kSendProbe;
  Start(std::move(request), now);
  return true;
}

void HttpEngine::Impl::Start(std::unique_ptr<Request> request, TimeNs now) {
  Provider& p = *request->provider;
  const TransferSettings settings{options.timeout, options.max_response_bytes, options.user_agent,
                                  options.ca_file};
  Result<std::unique_ptr<HttpTransfer>> transfer = HttpTransfer::Create(request->http, settings);
  if (!transfer.ok()) {
    FailWith(std::move(request), transfer.status().message());
    return;
  }
  CURL* easy = (*transfer)->easy();
  if (curl_multi_add_handle(multi, easy) != CURLM_OK) {
    FailWith(std::move(request), "cannot start an HTTP transfer");
    return;
  }
  p.limiter.TrySend(now);  // NextSendTime said a slot is free
  ++p.in_flight;
  ++p.stats.requests;
  ++request->attempts;
  in_flight.emplace(easy, InFlight{std::move(request), std::move(transfer).value()});
}

void HttpEngine::Impl::StartReady(TimeNs now) {
  bool progressed = true;
  while (progressed && ConnectionsFree()) {
    progressed = false;
    // One request per provider per round, so no provider starves the others.
    for (auto& [name, p] : providers) {
      if (!ConnectionsFree()) break;
      if (TryStartOne(p, now)) progressed = true;
    }
  }
  // An open breaker fails its provider's requests without waiting for a free connection.
  for (auto& [name, p] : providers) {
    if (p.has_queued() && p.breaker.Rejecting(now)) FailQueued(p, BreakerError(p));
  }
}

int HttpEngine::Impl::PollTimeoutMs(TimeNs now) const {
  TimeNs next = now + kMaxPollMs * kNsPerMillisecond;
  if (ConnectionsFree()) {
    for (const auto& [name, p] : providers) {
      // Those waiting for a response of their own (concurrency, probe) wake with the socket.
      if (!p.has_queued() || p.in_flight >= p.limits.concurrency || p.breaker.AwaitingProbe()) {
        continue;
      }
      const std::optional<TimeNs> send_at = p.limiter.NextSendTime(now);
      if (!send_at) continue;
      const TimeNs due = p.fresh.empty() ? p.retrying.begin()->first : now;
      next = std::min(next, std::max({due, p.paused_until, *send_at}));
    }
  }
  if (next <= now) return 0;
  // Rounded up, so the loop does not wake a hair early and spin.
  return static_cast<int>((next - now + kNsPerMillisecond - 1) / kNsPerMillisecond);
}

}  // namespace seckit::ioc_enrich
