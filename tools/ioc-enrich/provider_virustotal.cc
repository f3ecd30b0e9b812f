// VirusTotal API v3: what the engines and VirusTotal itself say about an IP address, a domain, a
// URL or a file hash.
//
// Request: GET {base}/api/v3/{ip_addresses|domains|urls|files}/{id} with the key in "x-apikey".
// A URL's id is its unpadded URL-safe base64 (VirusTotal canonicalises it server-side).
// Not found: HTTP 404 (error code "NotFoundError").
//
// Mapping of data.attributes:
//   last_analysis_stats: total = the sum of every count (harmless, malicious, suspicious,
//     undetected, timeout, ...); score = min(100, 25 * malicious + 10 * suspicious), so the
//     score agrees with the verdict (three engines, the malicious threshold, give 75: High
//     confidence) where the fraction of engines would not (12 of 94 would be 13, "Low"); verdict
//       malicious   malicious >= 3
//       suspicious  malicious 1-2, or suspicious >= 3
//       benign      nothing malicious or suspicious and harmless >= 1
//       unknown     otherwise (not analysed, or only "undetected")
//   gti_assessment (Google Threat Intelligence, when present) takes precedence: score =
//     threat_score.value, verdict from verdict.value (VERDICT_MALICIOUS/SUSPICIOUS/BENIGN or
//     HARMLESS), description from description.
//   tags: tags[], popular_threat_classification.suggested_threat_label;
//   first_seen: first_submission_date; last_seen: last_analysis_date (epoch seconds);
//   geo: country, asn, as_owner; reference: https://www.virustotal.com/gui/<kind>/<id>.
#include <algorithm>
#include <cstdint>

#include "provider_base.h"

namespace seckit::ioc_enrich {
namespace {

struct Kind {
  std::string_view collection;  // API path segment
  std::string_view gui;         // GUI path segment
};

Kind KindOf(IndicatorType type) {
  switch (type) {
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6:
      return {"ip_addresses", "ip-address"};
    case IndicatorType::kDomain:
      return {"domains", "domain"};
    case IndicatorType::kUrl:
      return {"urls", "url"};
    default:
      return {"files", "file"};
  }
}

struct Stats {
  int64_t malicious = 0, suspicious = 0, harmless = 0, total = 0;
};

std::optional<Stats> ReadStats(const Json* stats) {
  if (stats == nullptr || !stats->is_object()) return std::nullopt;
  Stats s;
  for (auto it = stats->begin(); it != stats->end(); ++it) {
    // Counts are small; clamping keeps a hostile 1e18 from overflowing the sum.
    const int64_t n = std::clamp<int64_t>(Integer(&it.value()).value_or(0), 0, 1'000'000);
    s.total += n;
    if (it.key() == "malicious") s.malicious = n;
    if (it.key() == "suspicious") s.suspicious = n;
    if (it.key() == "harmless") s.harmless = n;
  }
  return s;
}

Verdict VerdictFromStats(const Stats& s) {
  if (s.malicious >= 3) return Verdict::kMalicious;
  if (s.malicious >= 1 || s.suspicious >= 3) return Verdict::kSuspicious;
  if (s.suspicious == 0 && s.harmless >= 1) return Verdict::kBenign;
  return Verdict::kUnknown;
}

std::optional<Verdict> GtiVerdict(std::string_view value) {
  if (value == "VERDICT_MALICIOUS") return Verdict::kMalicious;
  if (value == "VERDICT_SUSPICIOUS") return Verdict::kSuspicious;
  if (value == "VERDICT_BENIGN" || value == "VERDICT_HARMLESS") return Verdict::kBenign;
  if (value == "VERDICT_UNDETECTED" || value == "VERDICT_UNKNOWN") return Verdict::kUnknown;
  return std::nullopt;
}

class VirusTotal final : public ProviderBase {
 public:
  using ProviderBase::ProviderBase;

  bool Supports(IndicatorType type) const override {
    return type == IndicatorType::kIpv4 || type == IndicatorType::kIpv6 ||
           type == IndicatorType::kDomain || type == IndicatorType::kUrl || IsHash(type);
  }

  HttpRequest BuildRequest(const Indicator& indicator) const override {
    const std::string id = indicator.type == IndicatorType::kUrl ? Base64UrlNoPad(indicator.value)
                                                                 : PercentEncode(indicator.value);
    HttpRequest request;
    request.url =
        base_url() + "/api/v3/" + std::string(KindOf(indicator.type).collection) + "/" + id;
    request.headers = {{"x-apikey", api_key()}, {"Accept", "application/json"}};
    return request;
  }

 protected:
  Answer ParseJson(const Indicator& indicator, const Json& body) const override {
    const Json* data = Member(&body, "data");
    const Json* attributes = Member(data, "attributes");
    if (attributes == nullptr || !attributes->is_object()) {
      return Malformed("no data.attributes object");
    }
    Enrichment e;
    if (std::optional<Stats> stats = ReadStats(Member(attributes, "last_analysis_stats"))) {
      if (stats->total > 0) {
        e.score = ClampScore(25.0 * static_cast<double>(stats->malicious) +
                             10.0 * static_cast<double>(stats->suspicious));
        e.description = std::to_string(stats->malicious) + " of " + std::to_string(stats->total) +
                        " engines flag it malicious, " + std::to_string(stats->suspicious) +
                        " suspicious";
      }
      e.verdict = VerdictFromStats(*stats);
    }
    if (const Json* gti = Member(attributes, "gti_assessment")) {
      if (std::optional<Verdict> v = GtiVerdict(StringOr(Dig(gti, {"verdict", "value"})))) {
        e.verdict = *v;
      }
      if (std::optional<double> score = Number(Dig(gti, {"threat_score", "value"}))) {
        e.score = ClampScore(*score);
      }
      if (std::optional<std::string> text = String(Member(gti, "description"))) {
        e.description = *text;
      }
    }
    for (const std::string& tag : Strings(Member(attributes, "tags"))) AddTag(e.tags, tag);
    AddTag(e.tags,
           StringOr(Dig(attributes, {"popular_threat_classification", "suggested_threat_label"})));
    e.first_seen = Time(Member(attributes, "first_submission_date"));
    e.last_seen = Time(Member(attributes, "last_analysis_date"));
    e.geo.country_iso_code = StringOr(Member(attributes, "country"));
    if (std::optional<int64_t> asn = Integer(Member(attributes, "asn"));
        asn && *asn > 0 && *asn <= UINT32_MAX) {
      e.geo.as_number = static_cast<uint32_t>(*asn);
    }
    e.geo.as_organization = StringOr(Member(attributes, "as_owner"));
    // The GUI names a URL by the SHA-256 id the API returns; everything else by its value.
    std::string id = indicator.value;
    if (indicator.type == IndicatorType::kUrl) {
      id = StringOr(Member(data, "id"), Base64UrlNoPad(indicator.value));
    }
    e.reference = "https://www.virustotal.com/gui/" + std::string(KindOf(indicator.type).gui) +
                  "/" + PercentEncode(id);
    return FoundOne(std::move(e));
  }
};

}  // namespace

std::unique_ptr<Provider> MakeVirusTotal(ProviderSetup setup) {
  return std::make_unique<VirusTotal>(std::move(setup));
}

}  // namespace seckit::ioc_enrich
