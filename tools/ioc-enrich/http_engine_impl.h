// HttpEngine's private state, shared by its two halves: http_engine.cc (the libcurl loop and
// what each finished attempt means) and http_engine_schedule.cc (when each request may go).
#ifndef SECKIT_IOC_ENRICH_HTTP_ENGINE_IMPL_H_
#define SECKIT_IOC_ENRICH_HTTP_ENGINE_IMPL_H_

#include <curl/curl.h>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>

#include "circuit_breaker.h"
#include "http_engine.h"
#include "http_transfer.h"
#include "rate_limiter.h"

namespace seckit::ioc_enrich {

struct HttpEngine::Impl {
  struct Provider;

  struct Request {
    Provider* provider = nullptr;
    HttpRequest http;
    Callback done;
    int attempts = 0;    // sent so far
    bool probe = false;  // the circuit breaker's half-open probe (never retried)
  };

  struct Provider {
    std::string name;
    ProviderLimits limits;
    RateLimiter limiter;
    CircuitBreaker breaker;
    std::deque<std::unique_ptr<Request>> fresh;                // never sent, in order
    std::multimap<TimeNs, std::unique_ptr<Request>> retrying;  // by when they may go again
    TimeNs paused_until = 0;  // a Retry-After pauses the whole provider
    int in_flight = 0;
    int64_t quota_used = 0;  // today's use when there is no quota store
    Stats stats;

    bool has_queued() const { return !fresh.empty() || !retrying.empty(); }
  };

  struct InFlight {
    std::unique_ptr<Request> request;
    std::unique_ptr<HttpTransfer> transfer;
  };

  struct Finished {
    Callback done;
    HttpResponse response;
  };

  Impl(HttpEngineOptions options, AnswerCache* quota_store);
  ~Impl();

  // Scheduling (http_engine_schedule.cc). Times are monotonic.
  Provider& GetProvider(const std::string& name);
  void Configure(Provider& p, const ProviderLimits& limits);
  // Starts every request that every limit allows now; fails fast those that cannot go at all.
  void StartReady(TimeNs now);
  // How long the loop may sleep before a waiting request could go (at most kMaxPollMs).
  int PollTimeoutMs(TimeNs now) const;

  // Outcomes (http_engine.cc).
  void CollectDone(TimeNs now);
  void OnDone(CURL* easy, CURLcode code, TimeNs now);
  void Finish(std::unique_ptr<Request> request, HttpResponse response);
  void FailWith(std::unique_ptr<Request> request, std::string error);
  void FailQueued(Provider& p, const std::string& error);
  void AbandonAll();  // interrupted: everything in flight or queued ends with "interrupted"
  void Deliver();     // runs the callbacks of finished requests (they may Submit more)
  bool Idle() const;
  std::string BreakerError(const Provider& p) const;

  HttpEngineOptions options;
  AnswerCache* quota_store;
  CURLM* multi = nullptr;
  std::map<std::string, Provider, std::less<>> providers;
  std::unordered_map<CURL*, InFlight> in_flight;
  std::deque<Finished> finished;
  std::mt19937_64 rng{std::random_device{}()};
  bool running = false;

 private:
  static std::unique_ptr<Request>* NextDue(Provider& p, TimeNs now);
  static void PopDue(Provider& p, std::unique_ptr<Request>* slot);
  bool TryStartOne(Provider& p, TimeNs now);
  bool TakeQuota(Provider& p);
  void Start(std::unique_ptr<Request> request, TimeNs now);
  bool ConnectionsFree() const {
    return in_flight.size() < static_cast<size_t>(options.max_connections);
  }
};

// The loop wakes at least this often to notice SIGINT/SIGTERM.
inline constexpr int kMaxPollMs = 100;

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_HTTP_ENGINE_IMPL_H_
