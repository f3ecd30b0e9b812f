// Shodan InternetDB: open ports, host names, software (CPEs), known vulnerabilities and tags of
// an IPv4 address from Shodan's weekly scans. Free, no key.
//
// Request: GET {base}/{ip}. Not found: HTTP 404 ({"detail":"No information available"}).
//
// InternetDB describes exposure, not reputation, so most answers have verdict unknown and no
// score. Its tags decide otherwise: "malware", "c2" or "compromised" -> malicious, score 80;
// "scanner" or "tor" -> suspicious, score 40.
// tags: tags and vulns (CVE ids); description: open ports and host names;
// reference: https://www.shodan.io/host/<ip>.
#include "provider_base.h"

namespace seckit::ioc_enrich {
namespace {

class InternetDb final : public ProviderBase {
 public:
  using ProviderBase::ProviderBase;

  bool Supports(IndicatorType type) const override { return type == IndicatorType::kIpv4; }

  HttpRequest BuildRequest(const Indicator& indicator) const override {
    HttpRequest request;
    request.url = base_url() + "/" + PercentEncode(indicator.value);
    request.headers = {{"Accept", "application/json"}};
    return request;
  }

 protected:
  Answer ParseJson(const Indicator& indicator, const Json& body) const override {
    if (!body.is_object()) return Malformed("not a JSON object");
    Enrichment e;
    for (const std::string& tag : Strings(Member(&body, "tags"))) {
      AddTag(e.tags, tag);
      if (tag == "malware" || tag == "c2" || tag == "compromised") {
        e.verdict = Verdict::kMalicious;
        e.score = 80;
      } else if ((tag == "scanner" || tag == "tor") && e.verdict != Verdict::kMalicious) {
        e.verdict = Verdict::kSuspicious;
        e.score = 40;
      }
    }
    for (const std::string& cve : Strings(Member(&body, "vulns"))) AddTag(e.tags, cve);
    std::string ports;
    if (const Json* list = Member(&body, "ports"); list && list->is_array()) {
      for (const Json& port : *list) {
        std::optional<int64_t> n = Integer(&port);
        if (!n || *n < 0 || *n > 65535) continue;
        ports += (ports.empty() ? "" : ", ") + std::to_string(*n);
      }
    }
    if (!ports.empty()) e.description = "open ports " + ports;
    std::vector<std::string> names = Strings(Member(&body, "hostnames"));
    if (names.size() > 5) names.resize(5);
    if (!names.empty()) {
      std::string hosts = "hosts";
      for (size_t i = 0; i < names.size(); ++i) hosts += (i == 0 ? " " : ", ") + names[i];
      e.description += (e.description.empty() ? "" : "; ") + hosts;
    }
    e.reference = "https://www.shodan.io/host/" + PercentEncode(indicator.value);
    return FoundOne(std::move(e));
  }
};

}  // namespace

std::unique_ptr<Provider> MakeInternetDb(ProviderSetup setup) {
  return std::make_unique<InternetDb>(std::move(setup));
}

}  // namespace seckit::ioc_enrich
