// The HTTP engine's libcurl loop and what each finished attempt means: a final response, a retry
// after a backoff or Retry-After wait, or a failure the circuit breaker counts.
#include "http_engine.h"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "http_engine_impl.h"
#include "request_secrets.h"
#include "retry_policy.h"
#include "seckit/interrupt.h"

namespace seckit::ioc_enrich {
namespace {

TimeNs MonotonicNow() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Final outcomes that count against a provider: no response, throttled, or a server error.
bool IsFailure(const HttpResponse& response) {
  return response.status == 0 || response.status == 429 || response.status >= 500;
}

std::string WithAttempts(std::string error, int attempts) {
  if (attempts > 1) error += " (" + std::to_string(attempts) + " attempts)";
  return error;
}

Status MultiError(CURLMcode rc) {
  return Status::Internal(std::string("libcurl: ") + curl_multi_strerror(rc));
}

}  // namespace

HttpEngine::Impl::Impl(HttpEngineOptions o, AnswerCache* store)
    : options(std::move(o)), quota_store(store) {
  static std::once_flag curl_initialized;
  std::call_once(curl_initialized, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  options.max_connections = std::max(1, options.max_connections);
  options.max_attempts = std::max(1, options.max_attempts);
  if (options.user_agent.empty()) options.user_agent = "seckit-ioc-enrich";
  multi = curl_multi_init();
  if (multi != nullptr) {
    const auto connections = static_cast<long>(options.max_connections);
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, connections);  // idle ones kept for reuse
  }
}

HttpEngine::Impl::~Impl() {
  for (auto& [easy, flight] : in_flight) curl_multi_remove_handle(multi, easy);
  in_flight.clear();
  if (multi != nullptr) curl_multi_cleanup(multi);
}

std::string HttpEngine::Impl::BreakerError(const Provider& p) const {
  return "circuit open after " + std::to_string(p.breaker.consecutive_failures()) + " failures";
}

void HttpEngine::Impl::Finish(std::unique_ptr<Request> request, HttpResponse response) {
  response.attempts = request->attempts;
  if (IsFailure(response)) ++request->provider->stats.failures;
  finished.push_back({std::move(request->done), std::move(response)});
}

void HttpEngine::Impl::FailWith(std::unique_ptr<Request> request, std::string error) {
  HttpResponse response;
  response.error = std::move(error);
  Finish(std::move(request), std::move(response));
}

void HttpEngine::Impl::FailQueued(Provider& p, const std::string& error) {
  while (!p.fresh.empty()) {
    FailWith(std::move(p.fresh.front()), error);
    p.fresh.pop_front();
  }
  for (auto& [when, request] : p.retrying) FailWith(std::move(request), error);
  p.retrying.clear();
}

void HttpEngine::Impl::CollectDone(TimeNs now) {
  int left = 0;
  while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
    if (message->msg == CURLMSG_DONE) OnDone(message->easy_handle, message->data.result, now);
  }
}

void HttpEngine::Impl::OnDone(CURL* easy, CURLcode code, TimeNs now) {
  auto it = in_flight.find(easy);
  if (it == in_flight.end()) return;
  curl_multi_remove_handle(multi, easy);
  std::unique_ptr<Request> request = std::move(it->second.request);
  HttpTransfer::Outcome outcome = it->second.transfer->Finish(code);
  in_flight.erase(it);
  Provider& p = *request->provider;
  --p.in_flight;
  p.limiter.OnEnd(now);  // `now` is after the server saw the request: the limiter relies on it

  HttpResponse response;
  response.status = outcome.status;
  response.body = std::move(outcome.body);
  response.error = std::move(outcome.error);
  bool retry = outcome.retryable || IsRetryableStatus(outcome.status);
  TimeNs wait = -1;
  if (HonoursRetryAfter(outcome.status)) {
    ++p.stats.rate_limited;
    std::optional<TimeNs> delay;
    if (outcome.retry_after) delay = ParseRetryAfter(*outcome.retry_after, Now());
    if (delay) {
      response.retry_after_seconds = (*delay + kNsPerSecond - 1) / kNsPerSecond;
      if (*delay > options.max_retry_wait) {
        retry = false;  // longer than we are willing to wait: the caller hears it now
      } else {
        wait = *delay;
        p.paused_until = std::max(p.paused_until, now + wait);  // the provider is throttling us
      }
    }
  }
  if (retry && request->attempts < options.max_attempts && !request->probe) {
    if (p.breaker.Rejecting(now)) {  // opened meanwhile by other requests
      FailWith(std::move(request), BreakerError(p));
      return;
    }
    if (wait < 0) {
      wait = BackoffDelay(request->attempts, options.backoff_base, options.max_retry_wait, rng);
    }
    ++p.stats.retries;
    p.retrying.emplace(now + wait, std::move(request));
    return;
  }
  if (!response.error.empty()) response.error = WithAttempts(response.error, request->attempts);
  if (IsFailure(response)) {
    p.breaker.OnFailure(now, request->probe);
    if (p.breaker.ever_opened()) p.stats.breaker_opened = true;
  } else {
    p.breaker.OnSuccess(request->probe);
  }
  Finish(std::move(request), std::move(response));
}

void HttpEngine::Impl::AbandonAll() {
  const TimeNs now = MonotonicNow();
  for (auto& [easy, flight] : in_flight) {
    curl_multi_remove_handle(multi, easy);
    Provider& p = *flight.request->provider;
    --p.in_flight;
    p.limiter.OnEnd(now);
    FailWith(std::move(flight.request), "interrupted");
  }
  in_flight.clear();
  for (auto& [name, p] : providers) FailQueued(p, "interrupted");
}

void HttpEngine::Impl::Deliver() {
  while (!finished.empty()) {
    Finished f = std::move(finished.front());
    finished.pop_front();
    if (f.done) f.done(f.response);
  }
}

bool HttpEngine::Impl::Idle() const {
  if (!in_flight.empty() || !finished.empty()) return false;
  return std::none_of(providers.begin(), providers.end(),
                      [](const auto& entry) { return entry.second.has_queued(); });
}

HttpEngine::HttpEngine(HttpEngineOptions options, AnswerCache* quota_store)
    : impl_(std::make_unique<Impl>(std::move(options), quota_store)) {}

HttpEngine::~HttpEngine() = default;

void HttpEngine::SetLimits(const std::string& provider, const ProviderLimits& limits) {
  impl_->Configure(impl_->GetProvider(provider), limits);
}

void HttpEngine::Submit(const std::string& provider, HttpRequest request, Callback done) {
  RegisterRequestSecrets(request);
  Impl::Provider& p = impl_->GetProvider(provider);
  auto queued = std::make_unique<Impl::Request>();
  queued->provider = &p;
  queued->http = std::move(request);
  queued->done = std::move(done);
  p.fresh.push_back(std::move(queued));
}

Status HttpEngine::Run() {
  Impl& impl = *impl_;
  if (impl.multi == nullptr) return Status::Internal("cannot start libcurl");
  if (impl.running) return Status::Internal("HttpEngine::Run called from one of its callbacks");
  impl.running = true;
  struct Reset {
    bool& flag;
    ~Reset() { flag = false; }
  } reset{impl.running};

  for (;;) {
    if (Interrupted()) {
      while (!impl.Idle()) {  // callbacks may submit more; those end the same way
        impl.AbandonAll();
        impl.Deliver();
      }
      return Status::Interrupted();
    }
    int running = 0;
    CURLMcode rc = curl_multi_perform(impl.multi, &running);
    if (rc != CURLM_OK) return MultiError(rc);
    const TimeNs now = MonotonicNow();
    impl.CollectDone(now);
    impl.Deliver();
    impl.StartReady(MonotonicNow());
    impl.Deliver();
    if (impl.Idle()) return Status::Ok();
    // Sleeps until a socket is ready, a libcurl timer fires or a waiting request may go.
    rc = curl_multi_poll(impl.multi, nullptr, 0, impl.PollTimeoutMs(MonotonicNow()), nullptr);
    if (rc != CURLM_OK) return MultiError(rc);
  }
}

HttpEngine::Stats HttpEngine::stats(const std::string& provider) const {
  auto it = impl_->providers.find(provider);
  return it == impl_->providers.end() ? Stats{} : it->second.stats;
}

}  // namespace seckit::ioc_enrich
