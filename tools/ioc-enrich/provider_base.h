// What the built-in providers share: their setup (base URL, key, limits), the reading of HTTP
// statuses every API answers alike (401/403, non-2xx, transport failures), JSON parsing that
// turns malformed bodies into error answers, and the factory functions MakeProvider calls.
// Internal to ioc-enrich's provider_*.cc files.
#ifndef SECKIT_IOC_ENRICH_PROVIDER_BASE_H_
#define SECKIT_IOC_ENRICH_PROVIDER_BASE_H_

#include <memory>
#include <string>
#include <string_view>

#include "provider.h"
#include "provider_json.h"

namespace seckit::ioc_enrich {

// What MakeProvider hands a built-in provider.
struct ProviderSetup {
  std::string name;
  std::string
      base_url;         // scheme://host[:port][/prefix], no trailing '/'; the default if none given
  std::string api_key;  // "" when the provider has none (optional or not used)
  ProviderLimits limits;
  bool key_required = false;
};

class ProviderBase : public Provider {
 public:
  explicit ProviderBase(ProviderSetup setup) : setup_(std::move(setup)) {}

  const std::string& name() const override { return setup_.name; }
  const ProviderLimits& limits() const override { return setup_.limits; }
  bool needs_key() const override { return setup_.key_required; }

  // Transport failures and error statuses first (see StatusAnswer), then the body as JSON through
  // ParseJson. No exception escapes: anything thrown while reading the body becomes
  // "malformed response: …".
  Answer ParseResponse(const Indicator& indicator, const HttpResponse& response) const final;

 protected:
  // Whether the API says "not found" with this HTTP status (documented per API; default 404).
  virtual bool IsNotFoundStatus(long status) const { return status == 404; }
  // The answer in a 2xx body that parsed as JSON; the API's in-body "not found" included.
  virtual Answer ParseJson(const Indicator& indicator, const Json& body) const = 0;

  const std::string& base_url() const { return setup_.base_url; }
  const std::string& api_key() const { return setup_.api_key; }
  // An error answer for a body that parsed but does not have the documented shape.
  static Answer Malformed(std::string_view what) {
    return Answer::Error("malformed response: " + std::string(what));
  }
  // An answer with this one enrichment, its provider set.
  Answer FoundOne(Enrichment enrichment) const;

 private:
  ProviderSetup setup_;
};

// The answer an HTTP status alone decides, or nullopt for a 2xx response to read further:
//   no response (status 0)   error: the transport's message ("timed out after 15 s")
//   401, 403                 error: "HTTP 401: API key rejected" ("access denied" without a key)
//   `not_found`              not found
//   other non-2xx            error: "HTTP 500", with the API's own short message when its error
//                            body has one, and "retry after N s" for 429/503
// Messages never quote a key: API text passes through the global Redactor.
std::optional<Answer> StatusAnswer(const HttpResponse& response, bool not_found, bool has_key);

// The API's short error text in an error body (VirusTotal error.message, AbuseIPDB
// errors[0].detail, message, detail, abuse.ch query_status), printable ASCII, at most 100 bytes,
// redacted; "" when there is none.
std::string ApiErrorMessage(std::string_view body);

// `text` from an API made safe for a message: printable ASCII, at most 100 bytes, redacted.
std::string SafeApiText(std::string_view text);

// The built-in providers (one file each) and the generic one.
std::unique_ptr<Provider> MakeVirusTotal(ProviderSetup setup);
std::unique_ptr<Provider> MakeAbuseIpdb(ProviderSetup setup, int max_age_days);
std::unique_ptr<Provider> MakeOtx(ProviderSetup setup);
std::unique_ptr<Provider> MakeGreyNoise(ProviderSetup setup);
std::unique_ptr<Provider> MakeUrlhaus(ProviderSetup setup);
std::unique_ptr<Provider> MakeThreatFox(ProviderSetup setup);
std::unique_ptr<Provider> MakeMalwareBazaar(ProviderSetup setup);
std::unique_ptr<Provider> MakeInternetDb(ProviderSetup setup);
std::unique_ptr<Provider> MakeMisp(ProviderSetup setup);
// A provider declared in [ioc-enrich.providers.NAME] (see provider_generic.cc); `base_url`
// replaces the scheme and host of its URL template when not empty.
Result<std::unique_ptr<Provider>> MakeGenericProvider(std::string_view name,
                                                      const std::string& base_url,
                                                      const Config& config,
                                                      const ProviderLimits& limits);

// Reads the limit keys of [ioc-enrich.providers.NAME] over `defaults`.
Result<ProviderLimits> ReadLimits(const Config& config, std::string_view name,
                                  ProviderLimits defaults);

// The config key "providers.NAME.KEY".
std::string ProviderKey(std::string_view name, std::string_view key);

// Whether `type` is one of the file hashes.
inline bool IsHash(IndicatorType type) {
  return type == IndicatorType::kMd5 || type == IndicatorType::kSha1 ||
         type == IndicatorType::kSha256;
}

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_PROVIDER_BASE_H_
