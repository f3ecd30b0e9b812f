// An online threat-intel provider: how to ask it about an indicator and how to read its answer.
// Providers do no I/O; the HTTP engine sends what BuildRequest returns (with retries, rate limits
// and the circuit breaker) and hands the final response to ParseResponse.
#ifndef SECKIT_IOC_ENRICH_PROVIDER_H_
#define SECKIT_IOC_ENRICH_PROVIDER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "enrichment.h"
#include "http_types.h"
#include "seckit/config.h"
#include "seckit/indicators.h"
#include "seckit/status.h"
#include "seckit/time.h"

namespace seckit::ioc_enrich {

// How politely to use a provider (defaults per provider from its documented free-tier limits;
// each overridable in the config, [ioc-enrich.providers.NAME]).
struct ProviderLimits {
  double requests_per_minute = 0;                         // 0: no limit
  int64_t daily_quota = 0;                                // 0: no limit
  int concurrency = 8;                                    // requests in flight at once
  TimeNs cache_ttl = TimeNs{24} * 3600 * kNsPerSecond;    // how long a found answer is reused
  TimeNs negative_ttl = TimeNs{6} * 3600 * kNsPerSecond;  // how long "not found" is reused
};

class Provider {
 public:
  virtual ~Provider() = default;
  // Lower-case name used on the command line, in the config and in records ("virustotal").
  virtual const std::string& name() const = 0;
  virtual bool Supports(IndicatorType type) const = 0;
  // The request that asks about `indicator` (Supports(indicator.type) must hold).
  virtual HttpRequest BuildRequest(const Indicator& indicator) const = 0;
  // The answer in a final response. The engine has already retried 429/5xx/transport failures;
  // whatever comes here is final: 2xx bodies, the provider's "not found" (often 404), 401/403
  // (an error naming the key problem without the key), anything else (an error with the status).
  // A malformed or truncated body is an error answer, never a crash.
  virtual Answer ParseResponse(const Indicator& indicator, const HttpResponse& response) const = 0;
  virtual const ProviderLimits& limits() const = 0;
  // Whether this provider needs an API key (and has one: MakeProvider refuses otherwise).
  virtual bool needs_key() const = 0;
};

// The providers ioc-enrich knows by name, and "generic" ones declared in the config.
// `base_url` overrides the provider's documented endpoint (--provider-url NAME=URL; tests, proxies,
// mirrors); empty means the default. Keys come from config.GetSecret(name). Limits are read from
// [ioc-enrich.providers.NAME] (requests_per_minute, daily_quota, concurrency, cache_ttl,
// negative_ttl in seconds). Unknown names, a missing required key, or a bad generic declaration:
// Status::Config or Status::Usage with a clear message.
Result<std::unique_ptr<Provider>> MakeProvider(std::string_view name, const std::string& base_url,
                                               const Config& config);

// Names of the built-in providers, for --help and completions.
const std::vector<std::string>& BuiltinProviderNames();

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_PROVIDER_H_
