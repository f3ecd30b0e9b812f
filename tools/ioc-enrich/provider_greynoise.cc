// GreyNoise Community API (v3): whether an IPv4 address scans the internet (noise) or belongs to
// a known business service (RIOT), and GreyNoise's classification of it.
//
// Request: GET {base}/v3/community/{ip}, with the key in "key" when one is configured (the
// community API also answers without one, with a lower quota).
// Not found: HTTP 404 ("IP not observed scanning the internet or contained in RIOT data set."),
// or a 200 answer with neither noise nor riot.
//
// Mapping: classification "malicious" -> verdict malicious, score 90; "benign" or riot ->
// benign, score 0; noise with classification "unknown" -> suspicious, score 50 (it scans the
// internet, intent unknown); anything else unknown without a score.
// tags: "noise", "riot"; last_seen: last_seen (a date); description: name and message;
// reference: link, else https://viz.greynoise.io/ip/<ip>.
#include "provider_base.h"

namespace seckit::ioc_enrich {
namespace {

class GreyNoise final : public ProviderBase {
 public:
  using ProviderBase::ProviderBase;

  bool Supports(IndicatorType type) const override { return type == IndicatorType::kIpv4; }

  HttpRequest BuildRequest(const Indicator& indicator) const override {
    HttpRequest request;
    request.url = base_url() + "/v3/community/" + PercentEncode(indicator.value);
    request.headers = {{"Accept", "application/json"}};
    if (!api_key().empty()) request.headers.emplace_back("key", api_key());
    return request;
  }

 protected:
  Answer ParseJson(const Indicator& indicator, const Json& body) const override {
    if (!body.is_object()) return Malformed("not a JSON object");
    const bool noise = Bool(Member(&body, "noise")).value_or(false);
    const bool riot = Bool(Member(&body, "riot")).value_or(false);
    const std::string classification = StringOr(Member(&body, "classification"));
    if (!noise && !riot && classification.empty()) return Answer::NotFound();

    Enrichment e;
    if (classification == "malicious") {
      e.verdict = Verdict::kMalicious;
      e.score = 90;
    } else if (classification == "benign" || riot) {
      e.verdict = Verdict::kBenign;
      e.score = 0;
    } else if (noise) {
      e.verdict = Verdict::kSuspicious;
      e.score = 50;
    }
    if (noise) AddTag(e.tags, "noise");
    if (riot) AddTag(e.tags, "riot");
    e.last_seen = Time(Member(&body, "last_seen"));
    e.description = StringOr(Member(&body, "name"));
    if (e.description == "unknown") e.description.clear();
    if (!classification.empty()) {
      e.description +=
          (e.description.empty() ? "" : ", ") + std::string("classified ") + classification;
    }
    e.reference = StringOr(Member(&body, "link"));
    if (e.reference.rfind("https://", 0) != 0) {
      e.reference = "https://viz.greynoise.io/ip/" + PercentEncode(indicator.value);
    }
    return FoundOne(std::move(e));
  }
};

}  // namespace

std::unique_ptr<Provider> MakeGreyNoise(ProviderSetup setup) {
  return std::make_unique<GreyNoise>(std::move(setup));
}

}  // namespace seckit::ioc_enrich
