// HttpEngine end to end against a real HTTP server on loopback: retries, Retry-After, rate
// limits, concurrency, the circuit breaker, timeouts, broken responses and the daily quota, all
// as the server observed them.
#include "http_engine.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <set>
#include <string>
#include <vector>

#include "answer_cache.h"
#include "loopback_server.h"
#include "seckit/interrupt.h"
#include "seckit/redact.h"
#include "test_support.h"

namespace seckit::ioc_enrich {
namespace {

using seckit::testing::LoopbackServer;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

int64_t Ms(Clock::duration d) { return std::chrono::duration_cast<milliseconds>(d).count(); }

// Options for tests: short waits so retries do not slow the suite down.
HttpEngineOptions TestOptions() {
  HttpEngineOptions options;
  options.timeout = 5 * kNsPerSecond;
  options.backoff_base = 20 * kNsPerMillisecond;
  options.user_agent = "seckit-test/1";
  return options;
}

HttpRequest Get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  return request;
}

// Submits `count` GETs of `url` under `provider`; the responses land in `out` in completion order.
void SubmitMany(HttpEngine& engine, const std::string& provider, const std::string& url, int count,
                std::vector<HttpResponse>& out) {
  for (int i = 0; i < count; ++i) {
    engine.Submit(provider, Get(url), [&out](const HttpResponse& r) { out.push_back(r); });
  }
}

HttpResponse RunOne(HttpEngine& engine, const std::string& url, const std::string& provider = "p") {
  std::vector<HttpResponse> out;
  SubmitMany(engine, provider, url, 1, out);
  EXPECT_TRUE(engine.Run().ok());
  EXPECT_EQ(out.size(), 1u);
  return out.empty() ? HttpResponse{} : out[0];
}

// The fake API: every behaviour the engine must cope with, one path each.
class HttpEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name :
         {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
      unsetenv(name);
    }
    server_.Get("/ok", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("{\"ok\":true}", "application/json");
    });
    server_.Get(R"(/status/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      res.status = std::stoi(req.matches[1]);
      res.set_content("status", "text/plain");
    });
    server_.Get(R"(/slow/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      server_.Sleep(milliseconds(std::stoi(req.matches[1])));
      res.set_content("slow", "text/plain");
    });
    // Fails the first N requests with STATUS, then answers 200.
    server_.Get(R"(/flaky/(\d+)/(\d+))",
                [this](const httplib::Request& req, httplib::Response& res) {
                  if (flaky_count_++ < std::stoi(req.matches[2])) {
                    res.status = std::stoi(req.matches[1]);
                  } else {
                    res.set_content("recovered", "text/plain");
                  }
                });
    // 429 (or 503) with Retry-After: SECONDS once, then 200.
    server_.Get(R"(/retry-after/(\d+)/(\d+))",
                [this](const httplib::Request& req, httplib::Response& res) {
                  if (retry_after_sent_++ == 0) {
                    res.status = std::stoi(req.matches[1]);
                    res.set_header("Retry-After", req.matches[2]);
                  } else {
                    res.set_content("after the wait", "text/plain");
                  }
                });
    // 503 with Retry-After as an HTTP-date two seconds ahead once, then 200.
    server_.Get("/retry-after-date", [this](const httplib::Request&, httplib::Response& res) {
      if (retry_after_sent_++ == 0) {
        const std::time_t when = std::time(nullptr) + 2;
        std::tm tm{};
        gmtime_r(&when, &tm);
        char date[64];
        std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        res.status = 503;
        res.set_header("Retry-After", date);
      } else {
        res.set_content("after the date", "text/plain");
      }
    });
    server_.Get("/healthy-when-told", [this](const httplib::Request&, httplib::Response& res) {
      if (!healthy_) res.status = 503;
    });
    // Promises 1000 bytes, sends 10, closes the connection.
    server_.Get("/truncated", [](const httplib::Request&, httplib::Response& res) {
      res.set_content_provider(1000, "application/octet-stream",
                               [](size_t, size_t, httplib::DataSink& sink) {
                                 sink.write("0123456789", 10);
                                 return false;
                               });
    });
    server_.Get("/big-with-length", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(128 * 1024, 'x'), "application/octet-stream");
    });
    server_.Get("/big-chunked", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("application/octet-stream",
                                       [](size_t offset, httplib::DataSink& sink) {
                                         if (offset >= 128 * 1024) {
                                           sink.done();
                                           return true;
                                         }
                                         const std::string chunk(16 * 1024, 'y');
                                         return sink.write(chunk.data(), chunk.size());
                                       });
    });
    server_.Get("/redirect",
                [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/ok"); });
    server_.Post("/echo", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(echo_mutex_);
      echo_ = req;
      res.set_content("posted", "text/plain");
    });
    server_.Start();
  }

  LoopbackServer server_;
  std::atomic<int> flaky_count_{0};
  std::atomic<int> retry_after_sent_{0};
  std::atomic<bool> healthy_{false};
  std::mutex echo_mutex_;
  httplib::Request echo_;
};

TEST_F(HttpEngineTest, ReturnsStatusAndBody) {
  HttpEngine engine(TestOptions(), nullptr);
  const HttpResponse r = RunOne(engine, server_.Url("/ok"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "{\"ok\":true}");
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(engine.stats("p").requests, 1u);
  EXPECT_EQ(engine.stats("p").failures, 0u);
}

TEST_F(HttpEngineTest, SendsPostBodyHeadersUserAgentAndAcceptsCompression) {
  HttpEngine engine(TestOptions(), nullptr);
  HttpRequest request;
  request.method = "POST";
  request.url = server_.Url("/echo");
  request.headers = {{"Content-Type", "application/json"}, {"X-Test", "yes"}};
  request.body = "{\"query\":\"1.2.3.4\"}";
  std::vector<HttpResponse> out;
  engine.Submit("p", request, [&](const HttpResponse& r) { out.push_back(r); });
  ASSERT_TRUE(engine.Run().ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].body, "posted");
  std::lock_guard<std::mutex> lock(echo_mutex_);
  EXPECT_EQ(echo_.method, "POST");
  EXPECT_EQ(echo_.body, request.body);
  EXPECT_EQ(echo_.get_header_value("X-Test"), "yes");
  EXPECT_EQ(echo_.get_header_value("User-Agent"), "seckit-test/1");
  EXPECT_NE(echo_.get_header_value("Accept-Encoding").find("gzip"), std::string::npos);
}

TEST_F(HttpEngineTest, NotFoundAndUnauthorizedAreFinalAnswers) {
  HttpEngine engine(TestOptions(), nullptr);
  EXPECT_EQ(RunOne(engine, server_.Url("/status/404")).status, 404);
  EXPECT_EQ(RunOne(engine, server_.Url("/status/401")).status, 401);
  EXPECT_EQ(server_.Count("/status/"), 2u);  // no retries
  EXPECT_EQ(engine.stats("p").retries, 0u);
}

TEST_F(HttpEngineTest, RetriesServerErrorsThenSucceeds) {
  HttpEngine engine(TestOptions(), nullptr);
  const HttpResponse r = RunOne(engine, server_.Url("/flaky/500/2"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "recovered");
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(server_.Count("/flaky/"), 3u);
  EXPECT_EQ(engine.stats("p").retries, 2u);
  EXPECT_EQ(engine.stats("p").failures, 0u);
}

TEST_F(HttpEngineTest, GivesUpAfterMaxAttempts) {
  HttpEngineOptions options = TestOptions();
  options.max_attempts = 3;
  HttpEngine engine(options, nullptr);
  const HttpResponse r = RunOne(engine, server_.Url("/flaky/502/100"));
  EXPECT_EQ(r.status, 502);  // the last response, for the provider to describe
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(server_.Count("/flaky/"), 3u);
  EXPECT_EQ(engine.stats("p").failures, 1u);
}

TEST_F(HttpEngineTest, WaitsForRetryAfterSecondsAndPausesTheProvider) {
  HttpEngine engine(TestOptions(), nullptr);
  std::vector<HttpResponse> out;
  SubmitMany(engine, "p", server_.Url("/retry-after/429/1"), 1, out);
  ASSERT_TRUE(engine.Run().ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].status, 200);
  EXPECT_EQ(out[0].retry_after_seconds, std::nullopt);  // the final response had none
  const auto hits = server_.Hits();
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_GE(Ms(hits[1].at - hits[0].at), 1000);
  EXPECT_EQ(engine.stats("p").rate_limited, 1u);
}

TEST_F(HttpEngineTest, RetryAfterHoldsBackOtherRequestsOfTheProvider) {
  HttpEngineOptions options = TestOptions();
  HttpEngine engine(options, nullptr);
  ProviderLimits limits;
  limits.concurrency = 1;
  engine.SetLimits("p", limits);
  std::vector<HttpResponse> out;
  SubmitMany(engine, "p", server_.Url("/retry-after/503/1"), 1, out);
  SubmitMany(engine, "p", server_.Url("/ok"), 2, out);
  ASSERT_TRUE(engine.Run().ok());
  ASSERT_EQ(out.size(), 3u);
  const auto hits = server_.Hits();
  ASSERT_EQ(hits.size(), 4u);
  for (size_t i = 1; i < hits.size(); ++i) EXPECT_GE(Ms(hits[i].at - hits[0].at), 1000) << i;
}

TEST_F(HttpEngineTest, WaitsForRetryAfterHttpDate) {
  HttpEngine engine(TestOptions(), nullptr);
  const HttpResponse r = RunOne(engine, server_.Url("/retry-after-date"));
  EXPECT_EQ(r.status, 200);
  const auto hits = server_.Hits();
  ASSERT_EQ(hits.size(), 2u);
  // The date has whole seconds: "now + 2 s" truncated is at least one second away.
  EXPECT_GE(Ms(hits[1].at - hits[0].at), 1000);
}

TEST_F(HttpEngineTest, RetryAfterBeyondTheMaximumEndsTheRequest) {
  HttpEngineOptions options = TestOptions();
  options.max_retry_wait = 10 * kNsPerSecond;
  HttpEngine engine(options, nullptr);
  const auto start = Clock::now();
  const HttpResponse r = RunOne(engine, server_.Url("/retry-after/429/3600"));
  EXPECT_LT(Ms(Clock::now() - start), 2000);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.retry_after_seconds, 3600);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(server_.Count("/retry-after/"), 1u);
}

TEST_F(HttpEngineTest, RateLimitIsNeverExceededAtTheServer) {
  HttpEngineOptions options = TestOptions();
  options.rate_window = kNsPerSecond;  // 600/min over 1 s windows: at most 10 per second
  HttpEngine engine(options, nullptr);
  ProviderLimits limits;
  limits.requests_per_minute = 600;
  limits.concurrency = 4;
  engine.SetLimits("p", limits);
  std::vector<HttpResponse> out;
  SubmitMany(engine, "p", server_.Url("/ok"), 25, out);
  const auto start = Clock::now();
  ASSERT_TRUE(engine.Run().ok());
  EXPECT_GE(Ms(Clock::now() - start), 2000);  // 25 requests need three windows
  ASSERT_EQ(out.size(), 25u);
  for (const HttpResponse& r : out) EXPECT_EQ(r.status, 200);
  std::vector<Clock::time_point> at;
  for (const auto& hit : server_.Hits()) at.push_back(hit.at);
  std::sort(at.begin(), at.end());
  ASSERT_EQ(at.size(), 25u);
  // No 11 requests within any one-second window [t, t + 1 s).
  for (size_t i = 0; i + 10 < at.size(); ++i) {
    EXPECT_GE(at[i + 10] - at[i], std::chrono::seconds(1)) << "requests " << i << ".." << i + 10;
  }
}

TEST_F(HttpEngineTest, ConcurrencyPerProviderIsNeverExceeded) {
  HttpEngine engine(TestOptions(), nullptr);
  ProviderLimits limits;
  limits.concurrency = 3;
  engine.SetLimits("p", limits);
  std::vector<HttpResponse> out;
  SubmitMany(engine, "p", server_.Url("/slow/100"), 12, out);
  ASSERT_TRUE(engine.Run().ok());
  EXPECT_EQ(out.size(), 12u);
  EXPECT_LE(server_.max_in_flight(), 3);
  EXPECT_GE(server_.max_in_flight(), 2);
}

TEST_F(HttpEngineTest, GlobalConnectionLimitCapsAllProviders) {
  HttpEngineOptions options = TestOptions();
  options.max_connections = 4;
  HttpEngine engine(options, nullptr);
  std::vector<HttpResponse> out;
  for (const char* provider : {"a", "b", "c"}) {
    ProviderLimits limits;
    limits.concurrency = 10;
    engine.SetLimits(provider, limits);
    SubmitMany(engine, provider, server_.Url("/slow/100"), 6, out);
  }
  ASSERT_TRUE(engine.Run().ok());
  EXPECT_EQ(out.size(), 18u);
  EXPECT_LE(server_.max_in_flight(), 4);
  EXPECT_GE(server_.max_in_flight(), 3);
}

TEST_F(HttpEngineTest, CircuitBreakerOpensAndFailsTheRestFast) {
  HttpEngineOptions options = TestOptions();
  options.max_attempts = 1;
  options.breaker_failures = 3;
  HttpEngine engine(options, nullptr);
  ProviderLimits limits;
  limits.concurrency = 1;
  engine.SetLimits("p", limits);
  std::vector<HttpResponse> out;
  SubmitMany(engine, "p", server_.Url("/flaky/500/1000"), 10, out);
  ASSERT_TRUE(engine.Run().ok());
  ASSERT_EQ(out.size(), 10u);
  EXPECT_EQ(server_.Count(), 3u);
  int fast_failures = 0;
  for (const HttpResponse& r : out) {
    if (r.status == 0) {
      EXPECT_EQ(r.error, "circuit open after 3 failures");
      EXPECT_EQ(r.attempts, 0);
      ++fast_failures;
    } else {
      EXPECT_EQ(r.status, 500);
    }
  }
  EXPECT_EQ(fast_failures, 7);
  EXPECT_TRUE(engine.stats("p").breaker_opened);
  EXPECT_EQ(engine.stats("p").failures, 10u);
}

// A breaker opens on two failures; 900 ms later (cooldown 300 ms) four more requests come. The
// first is the probe: when it succeeds the rest go, when it fails the rest fail fast.
class BreakerProbeTest : public HttpEngineTest, public ::testing::WithParamInterface<bool> {};

TEST_P(BreakerProbeTest, HalfOpenProbeDecides) {
  const bool recovers = GetParam();
  HttpEngineOptions options = TestOptions();
  options.max_attempts = 1;
  options.breaker_failures = 2;
  options.breaker_cooldown = 300 * kNsPerMillisecond;
  HttpEngine engine(options, nullptr);
  ProviderLimits limits;
  limits.concurrency = 1;
  engine.SetLimits("p", limits);
  std::vector<HttpResponse> first, later;
  SubmitMany(engine, "p", server_.Url("/healthy-when-told"), 2, first);
  engine.Submit("timer", Get(server_.Url("/slow/900")), [&](const HttpResponse&) {
    healthy_ = recovers;
    SubmitMany(engine, "p", server_.Url("/healthy-when-told"), 4, later);
  });
  ASSERT_TRUE(engine.Run().ok());
  ASSERT_EQ(first.size(), 2u);
  ASSERT_EQ(later.size(), 4u);
  if (recovers) {
    EXPECT_EQ(server_.Count("/healthy"), 6u);
    for (const HttpResponse& r : later) EXPECT_EQ(r.status, 200);
  } else {
    EXPECT_EQ(server_.Count("/healthy"), 3u);  // two failures and one probe
    EXPECT_EQ(later[0].status, 503);
    for (size_t i = 1; i < later.size(); ++i) {
      EXPECT_EQ(later[i].error, "circuit open after 3 failures");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ProbeOutcome, BreakerProbeTest, ::testing::Bool());

TEST_F(HttpEngineTest, TimeoutIsAnErrorNotAHang) {
  HttpEngineOptions options = TestOptions();
  options.timeout = 300 * kNsPerMillisecond;
  options.max_attempts = 2;
  HttpEngine engine(options, nullptr);
  const auto start = Clock::now();
  const HttpResponse r = RunOne(engine, server_.Url("/slow/5000"));
  EXPECT_LT(Ms(Clock::now() - start), 2500);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.error, "timed out after 300 ms (2 attempts)");
  EXPECT_EQ(server_.Count("/slow/"), 2u);
}

TEST_F(HttpEngineTest, TruncatedBodyIsRetriedThenAnError) {
  HttpEngineOptions options = TestOptions();
  options.max_attempts = 3;
  HttpEngine engine(options, nullptr);
  const HttpResponse r = RunOne(engine, server_.Url("/truncated"));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.error, "connection closed before the whole response arrived (3 attempts)");
  EXPECT_EQ(server_.Count("/truncated"), 3u);
}

TEST_F(HttpEngineTest, OversizeBodyIsAnErrorWithOrWithoutLength) {
  HttpEngineOptions options = TestOptions();
  options.max_response_bytes = 64 * 1024;
  HttpEngine engine(options, nullptr);
  for (const char* path : {"/big-with-length", "/big-chunked"}) {
    const HttpResponse r = RunOne(engine, server_.Url(path));
    EXPECT_EQ(r.status, 0) << path;
    EXPECT_EQ(r.error, "response larger than 64 KiB") << path;
    EXPECT_EQ(server_.Count(path), 1u) << path;  // not worth repeating
  }
}

TEST_F(HttpEngineTest, RedirectsAreNotFollowed) {
  HttpEngine engine(TestOptions(), nullptr);
  EXPECT_EQ(RunOne(engine, server_.Url("/redirect")).status, 302);
  EXPECT_EQ(server_.Count("/ok"), 0u);
}

TEST_F(HttpEngineTest, DailyQuotaPersistsAcrossEngines) {
  seckit::testing::TempDir dir;
  const std::string path = (dir / "cache.sqlite").string();
  ProviderLimits limits;
  limits.daily_quota = 5;
  {
    auto cache = AnswerCache::Open(path);
    ASSERT_TRUE(cache.ok()) << cache.status().message();
    HttpEngine engine(TestOptions(), cache->get());
    engine.SetLimits("p", limits);
    std::vector<HttpResponse> out;
    SubmitMany(engine, "p", server_.Url("/ok"), 3, out);
    ASSERT_TRUE(engine.Run().ok());
    for (const HttpResponse& r : out) EXPECT_EQ(r.status, 200);
  }
  auto cache = AnswerCache::Open(path);
  ASSERT_TRUE(cache.ok()) << cache.status().message();
  HttpEngine engine(TestOptions(), cache->get());
  engine.SetLimits("p", limits);
  std::vector<HttpResponse> out;
  SubmitMany(engine, "p", server_.Url("/ok"), 4, out);
  ASSERT_TRUE(engine.Run().ok());
  ASSERT_EQ(out.size(), 4u);
  int ok = 0, refused = 0;
  for (const HttpResponse& r : out) {
    if (r.status == 200) ++ok;
    if (r.error == "daily quota of 5 reached") ++refused;
  }
  EXPECT_EQ(ok, 2);
  EXPECT_EQ(refused, 2);
  EXPECT_EQ(server_.Count("/ok"), 5u);
  EXPECT_EQ((*cache)->QuotaUsed("p", Now()), 5);
}

TEST_F(HttpEngineTest, DailyQuotaWithoutAStoreCountsInMemory) {
  HttpEngine engine(TestOptions(), nullptr);
  ProviderLimits limits;
  limits.daily_quota = 2;
  engine.SetLimits("p", limits);
  std::vector<HttpResponse> out;
  SubmitMany(engine, "p", server_.Url("/ok"), 3, out);
  ASSERT_TRUE(engine.Run().ok());
  EXPECT_EQ(server_.Count("/ok"), 2u);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].error, "daily quota of 2 reached");  // failed before the others came back
}

TEST_F(HttpEngineTest, FiftyAtOnceFinishNearTheLatencyBound) {
  HttpEngineOptions options = TestOptions();
  options.max_connections = 50;
  HttpEngine engine(options, nullptr);
  ProviderLimits limits;
  limits.concurrency = 50;
  engine.SetLimits("p", limits);
  std::vector<HttpResponse> out;
  constexpr int kRequests = 250;  // 5 rounds of 50 × 100 ms: ideally 500 ms
  SubmitMany(engine, "p", server_.Url("/slow/100"), kRequests, out);
  const auto start = Clock::now();
  ASSERT_TRUE(engine.Run().ok());
  const int64_t elapsed = Ms(Clock::now() - start);
  ASSERT_EQ(out.size(), static_cast<size_t>(kRequests));
  for (const HttpResponse& r : out) EXPECT_EQ(r.status, 200);
  EXPECT_LT(elapsed, 1500) << "ideal 500 ms";
  EXPECT_LE(server_.max_in_flight(), 50);
}

TEST_F(HttpEngineTest, ReusesConnections) {
  HttpEngine engine(TestOptions(), nullptr);
  ProviderLimits limits;
  limits.concurrency = 1;
  engine.SetLimits("p", limits);
  std::vector<HttpResponse> out;
  SubmitMany(engine, "p", server_.Url("/ok"), 10, out);
  ASSERT_TRUE(engine.Run().ok());
  std::set<int> ports;
  for (const auto& hit : server_.Hits()) ports.insert(hit.remote_port);
  EXPECT_EQ(ports.size(), 1u);
}

TEST_F(HttpEngineTest, RefusedConnectionIsRetriedAndNeverShowsUrlOrKey) {
  LoopbackServer closed;
  closed.Start();
  const std::string url = closed.Url("/v1/check?apikey=QUERYSECRET123456");
  const std::string port = std::to_string(closed.port());
  closed.Stop();
  HttpEngineOptions options = TestOptions();
  options.max_attempts = 2;
  HttpEngine engine(options, nullptr);
  HttpRequest request = Get(url);
  request.headers = {{"x-apikey", "HEADERSECRET98765"}, {"Authorization", "Bearer TOKEN4242xyz"}};
  std::vector<HttpResponse> out;
  engine.Submit("p", request, [&](const HttpResponse& r) { out.push_back(r); });
  ASSERT_TRUE(engine.Run().ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].error, "cannot connect to the server (2 attempts)");
  for (const std::string& secret :
       {std::string("QUERYSECRET"), std::string("127.0.0.1"), port, std::string("/v1/check")}) {
    EXPECT_EQ(out[0].error.find(secret), std::string::npos) << secret;
  }
  // Header keys were handed to the Redactor.
  EXPECT_EQ(Redact("k=HEADERSECRET98765"), "k=[REDACTED]");
  EXPECT_EQ(Redact("TOKEN4242xyz"), "[REDACTED]");
}

TEST_F(HttpEngineTest, CallbacksMaySubmitMoreRequests) {
  HttpEngine engine(TestOptions(), nullptr);
  std::vector<HttpResponse> out;
  engine.Submit("p", Get(server_.Url("/ok")), [&](const HttpResponse& r) {
    out.push_back(r);
    engine.Submit("q", Get(server_.Url("/status/404")),
                  [&](const HttpResponse& r2) { out.push_back(r2); });
  });
  ASSERT_TRUE(engine.Run().ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].status, 404);
}

TEST_F(HttpEngineTest, InterruptEndsPendingRequests) {
  InstallInterruptHandlers();
  HttpEngine engine(TestOptions(), nullptr);
  std::vector<HttpResponse> out;
  SubmitMany(engine, "slow", server_.Url("/slow/5000"), 3, out);
  engine.Submit("fast", Get(server_.Url("/ok")), [&](const HttpResponse& r) {
    out.push_back(r);
    raise(SIGINT);
  });
  const auto start = Clock::now();
  const Status status = engine.Run();
  AcknowledgeInterrupt();
  EXPECT_LT(Ms(Clock::now() - start), 2000);
  EXPECT_EQ(status.code(), ExitCode::kInterrupted);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].status, 200);
  for (size_t i = 1; i < out.size(); ++i) EXPECT_EQ(out[i].error, "interrupted");
}

}  // namespace
}  // namespace seckit::ioc_enrich
