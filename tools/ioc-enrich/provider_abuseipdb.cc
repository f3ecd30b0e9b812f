// AbuseIPDB API v2: how often and how recently an IP address was reported for abuse.
//
// Request: GET {base}/api/v2/check?ipAddress={ip}&maxAgeInDays={N} with the key in "Key" and
// "Accept: application/json". N is max_age_days in [ioc-enrich.providers.abuseipdb] (default 90).
// Not found: AbuseIPDB answers every valid address; one without reports in the window
// (totalReports 0) and not whitelisted counts as not found. 422 (invalid address) is an error.
//
// Mapping of data: score = abuseConfidenceScore (already 0-100); verdict
//   benign      isWhitelisted
//   malicious   score >= 75
//   suspicious  score >= 25
//   unknown     otherwise (reported, but with little confidence)
// tags: usageType, "tor" when isTor; last_seen: lastReportedAt; geo: countryCode;
// description: report and reporter counts, ISP and domain;
// reference: https://www.abuseipdb.com/check/<ip>.
#include "provider_base.h"

namespace seckit::ioc_enrich {
namespace {

class AbuseIpdb final : public ProviderBase {
 public:
  AbuseIpdb(ProviderSetup setup, int max_age_days)
      : ProviderBase(std::move(setup)), max_age_days_(max_age_days) {}

  bool Supports(IndicatorType type) const override {
    return type == IndicatorType::kIpv4 || type == IndicatorType::kIpv6;
  }

  HttpRequest BuildRequest(const Indicator& indicator) const override {
    HttpRequest request;
    request.url = base_url() + "/api/v2/check?ipAddress=" + PercentEncode(indicator.value) +
                  "&maxAgeInDays=" + std::to_string(max_age_days_);
    request.headers = {{"Key", api_key()}, {"Accept", "application/json"}};
    return request;
  }

 protected:
  // AbuseIPDB never uses 404 for an address it has no reports on.
  bool IsNotFoundStatus(long) const override { return false; }

  Answer ParseJson(const Indicator& indicator, const Json& body) const override {
    const Json* data = Member(&body, "data");
    if (data == nullptr || !data->is_object()) return Malformed("no data object");
    const std::optional<int64_t> score = Integer(Member(data, "abuseConfidenceScore"));
    if (!score) return Malformed("no abuseConfidenceScore");
    const int64_t reports = Integer(Member(data, "totalReports")).value_or(0);
    const bool whitelisted = Bool(Member(data, "isWhitelisted")).value_or(false);
    if (reports <= 0 && *score <= 0 && !whitelisted) return Answer::NotFound();

    Enrichment e;
    e.score = ClampScore(static_cast<double>(*score));
    e.verdict = whitelisted      ? Verdict::kBenign
                : *e.score >= 75 ? Verdict::kMalicious
                : *e.score >= 25 ? Verdict::kSuspicious
                                 : Verdict::kUnknown;
    AddTag(e.tags, StringOr(Member(data, "usageType")));
    if (Bool(Member(data, "isTor")).value_or(false)) AddTag(e.tags, "tor");
    e.last_seen = Time(Member(data, "lastReportedAt"));
    e.geo.country_iso_code = StringOr(Member(data, "countryCode"));
    e.description = std::to_string(std::max<int64_t>(reports, 0)) + " reports from " +
                    std::to_string(Integer(Member(data, "numDistinctUsers")).value_or(0)) +
                    " users";
    if (std::string isp = StringOr(Member(data, "isp")); !isp.empty()) e.description += "; " + isp;
    if (std::string domain = StringOr(Member(data, "domain")); !domain.empty()) {
      e.description += " (" + domain + ")";
    }
    if (whitelisted) e.description += "; whitelisted";
    e.reference = "https://www.abuseipdb.com/check/" + PercentEncode(indicator.value, ":");
    return FoundOne(std::move(e));
  }

 private:
  int max_age_days_;
};

}  // namespace

std::unique_ptr<Provider> MakeAbuseIpdb(ProviderSetup setup, int max_age_days) {
  return std::make_unique<AbuseIpdb>(std::move(setup), max_age_days);
}

}  // namespace seckit::ioc_enrich
