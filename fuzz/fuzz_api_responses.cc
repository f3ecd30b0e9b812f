// Fuzzes the response parsers of ioc-enrich's online providers: the first byte picks the
// provider, the second the HTTP status and the indicator's type; the rest is the body. Every
// answer is found, not found, or an error with a message, and enrichments keep their score in
// 0-100.
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "provider.h"
#include "seckit/config.h"

namespace seckit::ioc_enrich {
namespace {

constexpr std::array<std::string_view, 9> kProviders = {
    "virustotal", "abuseipdb",   "otx",        "greynoise", "urlhaus",
    "threatfox",  "malwarebazaar", "internetdb", "misp"};

// One indicator of each type the providers are asked about.
const std::array<Indicator, 7>& Indicators() {
  static const std::array<Indicator, 7> indicators = [] {
    std::array<Indicator, 7> out;
    const std::array<std::pair<IndicatorType, const char*>, 7> values = {{
        {IndicatorType::kIpv4, "185.220.101.47"},
        {IndicatorType::kIpv6, "2001:4860:4860::8888"},
        {IndicatorType::kDomain, "down.mykings.pw"},
        {IndicatorType::kUrl, "http://evil.example.com/gate.php"},
        {IndicatorType::kMd5, "44d88612fea8a8f36de82e1278abb02f"},
        {IndicatorType::kSha256,
         "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"},
        {IndicatorType::kEmail, "bob@evil.example.com"},
    }};
    for (size_t i = 0; i < values.size(); ++i) {
      out[i].type = values[i].first;
      out[i].value = values[i].second;
    }
    return out;
  }();
  return indicators;
}

// The providers, made once, each with a key (from the environment, as a user gives it) and MISP
// with the URL of its instance.
const std::vector<std::unique_ptr<Provider>>& Providers() {
  static const std::vector<std::unique_ptr<Provider>> providers = [] {
    std::vector<std::unique_ptr<Provider>> out;
    const Config config = Config::Empty("ioc-enrich");
    for (std::string_view name : kProviders) {
      std::string variable = "SECKIT_" + std::string(name) + "_API_KEY";
      for (char& c : variable) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      setenv(variable.c_str(), "fuzz-key-0123456789", 1);
      const std::string base = name == "misp" ? "https://misp.example.org" : "";
      Result<std::unique_ptr<Provider>> provider = MakeProvider(name, base, config);
      SECKIT_FUZZ_CHECK(provider.ok());
      out.push_back(std::move(provider.value()));
    }
    return out;
  }();
  return providers;
}

constexpr std::array<long, 8> kStatuses = {200, 200, 200, 404, 429, 401, 500, 0};

}  // namespace
}  // namespace seckit::ioc_enrich

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit::ioc_enrich;
  if (size < 2) return 0;
  const Provider& provider = *Providers()[data[0] % kProviders.size()];
  const seckit::Indicator& indicator = Indicators()[(data[1] >> 3) % Indicators().size()];
  if (!provider.Supports(indicator.type)) return 0;
  HttpResponse response;
  response.status = kStatuses[data[1] & 7];
  response.body.assign(reinterpret_cast<const char*>(data) + 2, size - 2);
  if (response.status == 0) response.error = "connection reset";
  const Answer answer = provider.ParseResponse(indicator, response);
  if (answer.kind == Answer::Kind::kError) SECKIT_FUZZ_CHECK(!answer.error.empty());
  for (const Enrichment& e : answer.enrichments) {
    if (e.score) SECKIT_FUZZ_CHECK(*e.score >= 0 && *e.score <= 100);
  }
  return 0;
}
