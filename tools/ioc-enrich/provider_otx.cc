// AlienVault OTX (LevelBlue Open Threat Exchange) API v1: the community pulses that list an
// indicator.
//
// Request: GET {base}/api/v1/indicators/{IPv4|IPv6|domain|hostname|url|file}/{value}/general with
// the key in "X-OTX-API-KEY". A domain that is its own registrable domain is a "domain", a
// subdomain a "hostname"; hashes are "file". A URL keeps its '/' and ':' in the path.
// Not found: pulse_info.count 0 with no validation entry (OTX answers 200 for indicators it knows
// nothing about), or HTTP 404.
//
// Mapping of the general section:
//   validation[] with a whitelist source (e.g. "whitelist", "alexa", "majestic", "akamai"):
//     verdict benign, score 0 — OTX's own judgement that the indicator is a known good one;
//   otherwise N = pulse_info.count: score = min(100, 25 * N); verdict malicious when N >= 3,
//     suspicious when N is 1 or 2 (pulses are community reports of varying quality).
// tags: the pulses' tags and malware family names; first_seen: the earliest pulse "created";
// last_seen: the latest pulse "modified"; geo: country_code; description: the pulse count and
// the first pulse's name; reference: https://otx.alienvault.com/indicator/<section>/<value>.
#include <algorithm>
#include <cctype>

#include "provider_base.h"

namespace seckit::ioc_enrich {
namespace {

std::string Section(const Indicator& indicator) {
  switch (indicator.type) {
    case IndicatorType::kIpv4:
      return "IPv4";
    case IndicatorType::kIpv6:
      return "IPv6";
    case IndicatorType::kDomain:
      return RegistrableDomain(indicator.value) == indicator.value ? "domain" : "hostname";
    case IndicatorType::kUrl:
      return "url";
    default:
      return "file";
  }
}

// The section name of OTX's web pages, which call both address families "ip".
std::string PageSection(const Indicator& indicator) {
  const bool ip = indicator.type == IndicatorType::kIpv4 || indicator.type == IndicatorType::kIpv6;
  return ip ? "ip" : Section(indicator);
}

bool IsWhitelistSource(std::string source) {
  std::transform(source.begin(), source.end(), source.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view known : {"whitelist", "alexa", "majestic", "akamai", "false_positive"}) {
    if (source.find(known) != std::string::npos) return true;
  }
  return false;
}

class Otx final : public ProviderBase {
 public:
  using ProviderBase::ProviderBase;

  bool Supports(IndicatorType type) const override {
    return type == IndicatorType::kIpv4 || type == IndicatorType::kIpv6 ||
           type == IndicatorType::kDomain || type == IndicatorType::kUrl || IsHash(type);
  }

  HttpRequest BuildRequest(const Indicator& indicator) const override {
    const std::string_view keep = indicator.type == IndicatorType::kUrl ? kPathKeep : ":";
    HttpRequest request;
    request.url = base_url() + "/api/v1/indicators/" + Section(indicator) + "/" +
                  PercentEncode(indicator.value, keep) + "/general";
    request.headers = {{"X-OTX-API-KEY", api_key()}, {"Accept", "application/json"}};
    return request;
  }

 protected:
  Answer ParseJson(const Indicator& indicator, const Json& body) const override {
    if (!body.is_object()) return Malformed("not a JSON object");
    const Json* pulse_info = Member(&body, "pulse_info");
    const int64_t count = std::max<int64_t>(Integer(Member(pulse_info, "count")).value_or(0), 0);
    std::string whitelist_note;
    if (const Json* validation = Member(&body, "validation");
        validation && validation->is_array()) {
      for (const Json& v : *validation) {
        if (IsWhitelistSource(StringOr(Member(&v, "source")))) {
          whitelist_note =
              StringOr(Member(&v, "message"), StringOr(Member(&v, "name"), "whitelisted"));
          break;
        }
      }
    }
    if (count == 0 && whitelist_note.empty()) return Answer::NotFound();

    Enrichment e;
    if (!whitelist_note.empty()) {
      e.verdict = Verdict::kBenign;
      e.score = 0;
      e.description = "OTX: " + whitelist_note;
    } else {
      e.verdict = count >= 3 ? Verdict::kMalicious : Verdict::kSuspicious;
      e.score = ClampScore(25.0 * static_cast<double>(std::min<int64_t>(count, 4)));
      e.description = "in " + std::to_string(count) + " OTX pulse" + (count == 1 ? "" : "s");
    }
    const Json* pulses = Member(pulse_info, "pulses");
    if (pulses != nullptr && pulses->is_array()) {
      if (whitelist_note.empty() && !pulses->empty()) {
        if (std::string title = StringOr(Member(&(*pulses)[0], "name")); !title.empty()) {
          e.description += ": " + title;
        }
      }
      for (const Json& pulse : *pulses) {
        for (const std::string& tag : Strings(Member(&pulse, "tags"))) AddTag(e.tags, tag);
        if (const Json* families = Member(&pulse, "malware_families");
            families && families->is_array()) {
          for (const Json& family : *families) {
            AddTag(e.tags, family.is_string() ? family.get<std::string>()
                                              : StringOr(Member(&family, "display_name")));
          }
        }
        KeepEarliest(e.first_seen, Time(Member(&pulse, "created")));
        KeepLatest(e.last_seen, Time(Member(&pulse, "modified")));
      }
    }
    if (std::string country = StringOr(Member(&body, "country_code")); country.size() == 2) {
      e.geo.country_iso_code = country;
    }
    e.reference = "https://otx.alienvault.com/indicator/" + PageSection(indicator) + "/" +
                  PercentEncode(indicator.value, ":");
    return FoundOne(std::move(e));
  }
};

}  // namespace

std::unique_ptr<Provider> MakeOtx(ProviderSetup setup) {
  return std::make_unique<Otx>(std::move(setup));
}

}  // namespace seckit::ioc_enrich
