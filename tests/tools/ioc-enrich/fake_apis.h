// A loopback HTTP server standing in for every threat-intel API ioc-enrich knows, for tests and
// benchmarks: each provider's documented routes under /<provider>/ (so that
// BaseUrl("virustotal") is what --provider-url virustotal=URL takes), answered from the
// fixture files in tests/tools/ioc-enrich/fixtures/ by indicator value, with the API's own "not
// found" answer for any other value. It records every request and can be told to misbehave:
// reject keys (401/403), rate-limit (429 with Retry-After), fail (500), answer slowly, or cut
// answers short.
//
// Routes (and how the indicator is read from the request):
//   virustotal    GET  /virustotal/api/v3/{ip_addresses|domains|urls|files}/ID  (URL ids decoded)
//   abuseipdb     GET  /abuseipdb/api/v2/check?ipAddress=V
//   otx           GET  /otx/api/v1/indicators/SECTION/V/general
//   greynoise     GET  /greynoise/v3/community/V
//   urlhaus       POST /urlhaus/v1/{url|host|payload}/   form url=, host=, md5_hash=, sha256_hash=
//   threatfox     POST /threatfox/api/v1/                JSON search_term or hash
//   malwarebazaar POST /malwarebazaar/api/v1/            form hash=
//   internetdb    GET  /internetdb/V
//   misp          POST /misp/attributes/restSearch       JSON value
//   generic       GET  /generic/v1/lookup/TYPE/V         (a made-up API for generic providers)
// The "generic" routes answer a provider declared as (fixtures/generic_lookup.json's shape)
//   [ioc-enrich.providers.NAME]
//   url = "https://intel.example.net/v1/lookup/{type}/{value}"
//   headers = ["X-Api-Key: {api_key}"]
//   found = "/result/found"          verdict = "/result/verdict"    verdict_malicious = ["bad"]
//   score = "/result/risk"           score_scale = 100              tags = "/result/labels"
//   first_seen = "/result/first"     last_seen = "/result/last"
//   reference = "/result/permalink"  description = "/result/summary"
// with --provider-url NAME=BaseUrl("generic").
#ifndef SECKIT_TESTS_TOOLS_IOC_ENRICH_FAKE_APIS_H_
#define SECKIT_TESTS_TOOLS_IOC_ENRICH_FAKE_APIS_H_

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seckit::ioc_enrich::testing {

// tests/tools/ioc-enrich/fixtures, and the text of one file there ("" when it cannot be read).
std::filesystem::path FixturesDir();
std::string Fixture(std::string_view file);

// Values the default fixtures answer for (all providers that support the type know them).
inline constexpr std::string_view kBadIp = "185.220.101.47";
inline constexpr std::string_view kGoodIp = "8.8.8.8";
inline constexpr std::string_view kBadDomain = "down.mykings.pw";
inline constexpr std::string_view kBadUrl = "http://down.mykings.pw/ups.rar";
inline constexpr std::string_view kEicarMd5 = "44d88612fea8a8f36de82e1278abb02f";
inline constexpr std::string_view kEicarSha1 = "3395856ce81f2b7382dee72602f798b642f14140";
inline constexpr std::string_view kEicarSha256 =
    "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";

class FakeApis {
 public:
  struct Request {
    std::string provider;  // "virustotal", … ("" for a path no route knows)
    std::string method;
    std::string target;  // path and query as sent (still percent-encoded)
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string value;  // the indicator asked about; "" when the request names none
    int status = 0;     // what the server answered
    std::chrono::steady_clock::time_point time;  // when the request arrived
    // The first header called `name` (any case), or "".
    std::string Header(std::string_view name) const;
  };

  // How a provider's routes misbehave. Counts say how many of the next requests are affected;
  // a negative count means every request.
  struct Faults {
    std::string required_key;  // when set, requests without this key get the API's 401/403
    int rate_limit_next = 0;   // answered 429 with Retry-After
    int retry_after_seconds = 1;
    int fail_next = 0;  // answered `fail_status` with a plain-text body
    int fail_status = 500;
    int truncate_next = 0;               // the normal answer, cut in half
    std::chrono::milliseconds delay{0};  // before every answer
  };

  // `threads`: requests served at once.
  explicit FakeApis(int threads = 64);
  ~FakeApis();
  FakeApis(const FakeApis&) = delete;
  FakeApis& operator=(const FakeApis&) = delete;

  // Listens on 127.0.0.1 on a free port; false when that fails.
  bool Start();
  void Stop();
  int port() const;
  // "http://127.0.0.1:PORT/<provider>".
  std::string BaseUrl(std::string_view provider) const;

  // Answers requests about `value` with `status` and `body` (replacing any default).
  void SetAnswer(std::string_view provider, std::string_view value, int status, std::string body);
  void SetFaults(std::string_view provider, Faults faults);

  std::vector<Request> requests() const;
  size_t RequestCount(std::string_view provider) const;
  void ClearRequests();

  // The providers served, and the header each takes its key in ("" for none).
  static const std::vector<std::string>& Providers();
  static std::string_view KeyHeader(std::string_view provider);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace seckit::ioc_enrich::testing

#endif  // SECKIT_TESTS_TOOLS_IOC_ENRICH_FAKE_APIS_H_
