// Sends many provider requests at once over libcurl's multi interface (HTTP/2 where offered),
// politely: per-provider concurrency, requests-per-minute and daily quota; Retry-After honoured
// on 429 and 503; exponential backoff with jitter on 5xx and transport failures; timeouts; and a
// circuit breaker that stops asking a provider that keeps failing. Single-threaded: Run() drives
// every transfer and calls the callbacks on the calling thread.
//
// The rules, per request:
// - Each attempt is bounded by `timeout` and by `max_response_bytes` (of decoded body). Redirects
//   are not followed; only http and https are spoken; proxies come from the usual environment
//   variables (libcurl's defaults).
// - Retried, up to `max_attempts` in all: 408, 429, 500, 502, 503, 504, and transport failures
//   that may pass (timeouts, refused or reset connections, truncated bodies). Not retried:
//   everything else, an oversize body, TLS certificate problems, malformed URLs.
// - The wait before a retry: a 429/503's Retry-After (seconds or HTTP-date), which also holds
//   back every other request of that provider until it has passed; when Retry-After asks for
//   more than `max_retry_wait` the response is final at once. Otherwise backoff with full jitter:
//   uniform in [0, min(max_retry_wait, backoff_base × 2^(retry-1))].
// - A final response that came (any status) is passed on as it is, `error` empty. The engine's
//   own failures have status 0 and an `error` that names what failed and never the URL or a
//   header: "timed out after 15 s (4 attempts)", "cannot connect to the server",
//   "connection closed before the whole response arrived", "response larger than 16 MiB",
//   "daily quota of 500 reached", "circuit open after 5 failures", "interrupted". The caller
//   (who knows the provider) prefixes the provider's name where it reports them.
// - A failed request, for the circuit breaker and Stats::failures, is one whose final response
//   is an engine failure (status 0), a 429 or a 5xx. After `breaker_failures` consecutive failed
//   requests of a provider, its queued requests fail at once; after `breaker_cooldown` one probe
//   request goes (without retries): its success closes the breaker, its failure reopens it.
// - Daily quota: every attempt sent counts. With a quota store the count is read from and added
//   to the store before each attempt, so overlapping runs share it; without one it is per engine.
// - Secrets: the values of credential-looking headers and query parameters (x-apikey, Key,
//   Authorization, ?apikey=…) are registered with the Redactor when a request is submitted.
#ifndef SECKIT_IOC_ENRICH_HTTP_ENGINE_H_
#define SECKIT_IOC_ENRICH_HTTP_ENGINE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http_types.h"
#include "provider.h"
#include "seckit/status.h"
#include "seckit/time.h"

namespace seckit::ioc_enrich {

class AnswerCache;

struct HttpEngineOptions {
  int max_connections = 50;                       // transfers in flight over all providers
  TimeNs timeout = 15 * kNsPerSecond;             // per attempt, connect included
  int max_attempts = 4;                           // first try included
  TimeNs backoff_base = 500 * kNsPerMillisecond;  // doubled per retry, with full jitter
  TimeNs max_retry_wait = 120 * kNsPerSecond;     // a longer Retry-After fails the request
  int breaker_failures = 5;  // consecutive failed requests that open the breaker
  TimeNs breaker_cooldown = 60 * kNsPerSecond;
  std::string user_agent;  // "seckit-ioc-enrich/VERSION"
  // The window a provider's requests_per_minute is enforced over: at most
  // floor(requests_per_minute × rate_window / 1 min) requests in any rate_window, as the server
  // sees them. A minute matches how APIs count; tests use a shorter one.
  TimeNs rate_window = 60 * kNsPerSecond;
  int64_t max_response_bytes = 16 << 20;  // a larger (decoded) body fails the request
  // PEM file of the CA certificates HTTPS servers are verified against, instead of the system's
  // store (a TLS-inspecting proxy's CA, a self-hosted MISP's, a test's). "" = the system's.
  std::string ca_file;
};

class HttpEngine {
 public:
  using Callback = std::function<void(const HttpResponse& response)>;

  // `quota_store` (may be null) persists daily quota use across runs (AnswerCache does).
  HttpEngine(HttpEngineOptions options, AnswerCache* quota_store);
  ~HttpEngine();
  HttpEngine(const HttpEngine&) = delete;
  HttpEngine& operator=(const HttpEngine&) = delete;

  // Limits for requests submitted under `provider` (default: ProviderLimits{}). Call it before
  // submitting: it resets the provider's rate limiter and circuit breaker.
  void SetLimits(const std::string& provider, const ProviderLimits& limits);

  // Queues a request; `done` gets the final response (after any retries), or a response with
  // status 0 and `error` set (see above). `attempts` says how many times it was sent (0 when it
  // never was).
  void Submit(const std::string& provider, HttpRequest request, Callback done);

  // Runs until every queued request (including ones submitted by callbacks) is done, or until
  // interrupted (SIGINT/SIGTERM: pending requests complete with error "interrupted" and Run
  // returns Status::Interrupted()). Failed requests do not make Run fail; only libcurl itself
  // failing does (Status::Internal). Not reentrant: a callback must not call Run().
  Status Run();

  // What happened, per provider, for the summary on stderr and for tests.
  struct Stats {
    uint64_t requests = 0;  // HTTP requests sent (retries included)
    uint64_t retries = 0;
    uint64_t failures = 0;      // requests that failed (status 0, 429 or 5xx in the end)
    uint64_t rate_limited = 0;  // 429/503 responses seen
    bool breaker_opened = false;
  };
  Stats stats(const std::string& provider) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_HTTP_ENGINE_H_
