// What a source (a local feed, an offline database or an online provider) says about one
// indicator: the vocabulary shared by every part of ioc-enrich and by its answer cache.
#ifndef SECKIT_IOC_ENRICH_ENRICHMENT_H_
#define SECKIT_IOC_ENRICH_ENRICHMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/indicators.h"
#include "seckit/time.h"

namespace seckit::ioc_enrich {

// A source's judgement, ordered by severity so that the worst of several is their maximum.
enum class Verdict { kUnknown, kBenign, kSuspicious, kMalicious };
std::string_view VerdictName(Verdict verdict);  // "unknown", "benign", "suspicious", "malicious"
std::optional<Verdict> ParseVerdict(std::string_view name);

// Geo and network context of an IP address (offline .mmdb databases; some APIs give it too).
struct GeoContext {
  std::string country_iso_code;  // "DE"
  std::string country_name;
  std::string city_name;
  std::optional<double> latitude, longitude;
  std::optional<uint32_t> as_number;
  std::string as_organization;

  bool empty() const {
    return country_iso_code.empty() && country_name.empty() && city_name.empty() &&
           !latitude && !as_number && as_organization.empty();
  }
  friend bool operator==(const GeoContext&, const GeoContext&) = default;
};

// One threat.enrichments entry, without the record-specific part (which field matched).
struct Enrichment {
  std::string provider;  // "virustotal", "abuseipdb", or "feed:NAME" for a local feed
  Verdict verdict = Verdict::kUnknown;
  std::optional<int> score;  // 0-100 on the provider's own scale mapped to it (documented per provider)
  std::vector<std::string> tags;
  std::optional<TimeNs> first_seen, last_seen;
  std::string reference;    // a URL a human can open for details
  std::string description;  // short text ("listed in feed X", a malware family, …)
  // The entry that matched, when it is not the indicator itself: the CIDR containing an IP, the
  // parent domain listed for a subdomain. Empty for an exact match.
  std::string matched_entry;
  GeoContext geo;

  friend bool operator==(const Enrichment&, const Enrichment&) = default;
};

// The outcome of asking one source about one indicator.
struct Answer {
  enum class Kind { kFound, kNotFound, kError };
  Kind kind = Kind::kNotFound;
  std::vector<Enrichment> enrichments;  // kFound: at least one
  // kError: what went wrong, for people ("HTTP 401: invalid API key", "timed out after 15 s",
  // "circuit open after 5 failures"); never contains a secret.
  std::string error;

  static Answer NotFound() { return {}; }
  static Answer Error(std::string why) { return {Kind::kError, {}, std::move(why)}; }
  static Answer Found(std::vector<Enrichment> e) { return {Kind::kFound, std::move(e), {}}; }
  friend bool operator==(const Answer&, const Answer&) = default;
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_ENRICHMENT_H_
