// abuse.ch's three APIs: URLhaus (malware URLs and the hosts and payloads behind them),
// ThreatFox (IOCs of malware families) and MalwareBazaar (malware samples). All take the
// abuse.ch key in "Auth-Key", answer HTTP 200 with a query_status, and never use 404:
// "ok" is found, the documented "no results" status is not found, "unknown_auth_key" is a
// rejected key and every other status is an error.
//
// URLhaus: POST {base}/v1/url/ (url=), /v1/host/ (host=, for IPv4 addresses and domains) or
//   /v1/payload/ (md5_hash= or sha256_hash=), form-encoded; not found: "no_results".
//   Everything URLhaus lists distributes malware: verdict malicious; score 100 when a listed URL
//   is online now, 80 when all are offline (historical), 100 for a payload.
//   tags: tags and threat of the URLs, payload signature and file type; first/last seen:
//   date_added/last_online (url), firstseen/latest date_added (host), firstseen/lastseen
//   (payload); reference: urlhaus_reference (payloads: the browse page of the hash).
// ThreatFox: POST {base}/api/v1/ with JSON {"query":"search_ioc","search_term":V} (addresses,
//   domains, URLs) or {"query":"search_hash","hash":V} (MD5, SHA-256); not found: "no_result".
//   search_ioc matches substrings, so only entries whose ioc is the value itself (or, for an
//   address, "address:port") count. score = the highest confidence_level; verdict malicious
//   when it is >= 50, else suspicious. tags: tags, malware_printable, threat_type; first/last
//   seen: earliest first_seen, latest last_seen; reference: https://threatfox.abuse.ch/ioc/<id>/.
// MalwareBazaar: POST {base}/api/v1/ with query=get_info&hash=V (MD5, SHA-1, SHA-256),
//   form-encoded; not found: "hash_not_found". A listed sample is malware: verdict malicious,
//   score 100. tags: tags, signature; first/last seen: first_seen/last_seen; reference:
//   https://bazaar.abuse.ch/sample/<sha256>/.
#include <algorithm>

#include "provider_base.h"

namespace seckit::ioc_enrich {
namespace {

// The answer a query_status other than "ok" gives, or nullopt for "ok".
std::optional<Answer> QueryStatusAnswer(const Json& body, std::string_view not_found) {
  const std::optional<std::string> status = String(Member(&body, "query_status"));
  if (!status) return Answer::Error("malformed response: no query_status");
  if (*status == "ok") return std::nullopt;
  if (*status == not_found) return Answer::NotFound();
  if (*status == "unknown_auth_key") return Answer::Error("API key rejected (unknown_auth_key)");
  return Answer::Error("query_status " + SafeApiText(*status));
}

HttpRequest AbuseChRequest(std::string url, std::string_view key, std::string body,
                           std::string_view content_type) {
  HttpRequest request;
  request.method = "POST";
  request.url = std::move(url);
  request.headers = {{"Auth-Key", std::string(key)},
                     {"Content-Type", std::string(content_type)},
                     {"Accept", "application/json"}};
  request.body = std::move(body);
  return request;
}

constexpr std::string_view kForm = "application/x-www-form-urlencoded";

class Urlhaus final : public ProviderBase {
 public:
  using ProviderBase::ProviderBase;

  bool Supports(IndicatorType type) const override {
    return type == IndicatorType::kIpv4 || type == IndicatorType::kDomain ||
           type == IndicatorType::kUrl || type == IndicatorType::kMd5 ||
           type == IndicatorType::kSha256;
  }

  HttpRequest BuildRequest(const Indicator& indicator) const override {
    const std::string value = PercentEncode(indicator.value);
    switch (indicator.type) {
      case IndicatorType::kUrl:
        return AbuseChRequest(base_url() + "/v1/url/", api_key(), "url=" + value, kForm);
      case IndicatorType::kMd5:
        return AbuseChRequest(base_url() + "/v1/payload/", api_key(), "md5_hash=" + value, kForm);
      case IndicatorType::kSha256:
        return AbuseChRequest(base_url() + "/v1/payload/", api_key(), "sha256_hash=" + value,
                              kForm);
      default:
        return AbuseChRequest(base_url() + "/v1/host/", api_key(), "host=" + value, kForm);
    }
  }

 protected:
  bool IsNotFoundStatus(long) const override { return false; }

  Answer ParseJson(const Indicator& indicator, const Json& body) const override {
    if (std::optional<Answer> answer = QueryStatusAnswer(body, "no_results")) return *answer;
    Enrichment e;
    e.verdict = Verdict::kMalicious;
    if (indicator.type == IndicatorType::kUrl) {
      const bool online = StringOr(Member(&body, "url_status")) == "online";
      e.score = online ? 100 : 80;
      for (const std::string& tag : Strings(Member(&body, "tags"))) AddTag(e.tags, tag);
      AddTag(e.tags, StringOr(Member(&body, "threat")));
      e.first_seen = Time(Member(&body, "date_added"));
      e.last_seen = Time(Member(&body, "last_online"));
      e.description = "URLhaus: " + StringOr(Member(&body, "threat"), "malware URL") + ", " +
                      StringOr(Member(&body, "url_status"), "status unknown");
      e.reference = StringOr(Member(&body, "urlhaus_reference"));
    } else if (IsHash(indicator.type)) {
      e.score = 100;
      AddTag(e.tags, StringOr(Member(&body, "signature")));
      AddTag(e.tags, StringOr(Member(&body, "file_type")));
      e.first_seen = Time(Member(&body, "firstseen"));
      e.last_seen = Time(Member(&body, "lastseen"));
      e.description = "URLhaus payload " + StringOr(Member(&body, "signature"), "(no signature)") +
                      ", seen at " +
                      std::to_string(Integer(Member(&body, "url_count"), true).value_or(0)) +
                      " URLs";
      e.reference = "https://urlhaus.abuse.ch/browse.php?search=" + PercentEncode(indicator.value);
    } else {
      ReadHost(body, e);
    }
    return FoundOne(std::move(e));
  }

 private:
  static void ReadHost(const Json& body, Enrichment& e) {
    int64_t urls = 0, online = 0;
    if (const Json* list = Member(&body, "urls"); list && list->is_array()) {
      for (const Json& url : *list) {
        ++urls;
        if (StringOr(Member(&url, "url_status")) == "online") ++online;
        for (const std::string& tag : Strings(Member(&url, "tags"))) AddTag(e.tags, tag);
        AddTag(e.tags, StringOr(Member(&url, "threat")));
        KeepLatest(e.last_seen, Time(Member(&url, "date_added")));
      }
    }
    e.score = online > 0 ? 100 : 80;
    e.first_seen = Time(Member(&body, "firstseen"));
    e.description =
        "URLhaus: " + std::to_string(urls) + " malware URLs, " + std::to_string(online) + " online";
    e.reference = StringOr(Member(&body, "urlhaus_reference"));
  }
};

// Whether a ThreatFox ioc is the indicator itself (an address also as "address:port").
bool SameIoc(const Indicator& indicator, std::string_view ioc) {
  if (IsHash(indicator.type)) return true;  // search_hash lists the IOCs of the sample
  if (ioc == indicator.value) return true;
  const bool ip = indicator.type == IndicatorType::kIpv4 || indicator.type == IndicatorType::kIpv6;
  if (!ip) return false;
  for (const std::string& prefix : {indicator.value + ":", "[" + indicator.value + "]:"}) {
    if (ioc.starts_with(prefix)) return true;
  }
  return false;
}

class ThreatFox final : public ProviderBase {
 public:
  using ProviderBase::ProviderBase;

  bool Supports(IndicatorType type) const override {
    return type == IndicatorType::kIpv4 || type == IndicatorType::kIpv6 ||
           type == IndicatorType::kDomain || type == IndicatorType::kUrl ||
           type == IndicatorType::kMd5 || type == IndicatorType::kSha256;
  }

  HttpRequest BuildRequest(const Indicator& indicator) const override {
    const std::string value = "\"" + JsonEscape(indicator.value) + "\"";
    const std::string body = IsHash(indicator.type)
                                 ? R"({"query":"search_hash","hash":)" + value + "}"
                                 : R"({"query":"search_ioc","search_term":)" + value + "}";
    return AbuseChRequest(base_url() + "/api/v1/", api_key(), body, "application/json");
  }

 protected:
  bool IsNotFoundStatus(long) const override { return false; }

  Answer ParseJson(const Indicator& indicator, const Json& body) const override {
    if (std::optional<Answer> answer = QueryStatusAnswer(body, "no_result")) return *answer;
    const Json* data = Member(&body, "data");
    if (data == nullptr || !data->is_array()) return Malformed("no data array");
    Enrichment e;
    std::optional<int64_t> best;
    const Json* best_entry = nullptr;
    for (const Json& entry : *data) {
      if (!SameIoc(indicator, StringOr(Member(&entry, "ioc")))) continue;
      const int64_t confidence = std::clamp<int64_t>(
          Integer(Member(&entry, "confidence_level"), true).value_or(0), 0, 100);
      if (!best || confidence > *best) {
        best = confidence;
        best_entry = &entry;
      }
      for (const std::string& tag : Strings(Member(&entry, "tags"))) AddTag(e.tags, tag);
      AddTag(e.tags, StringOr(Member(&entry, "malware_printable")));
      AddTag(e.tags, StringOr(Member(&entry, "threat_type")));
      KeepEarliest(e.first_seen, Time(Member(&entry, "first_seen")));
      KeepLatest(e.last_seen, Time(Member(&entry, "last_seen")));
    }
    if (best_entry == nullptr) return Answer::NotFound();
    e.score = static_cast<int>(*best);
    e.verdict = *best >= 50 ? Verdict::kMalicious : Verdict::kSuspicious;
    e.description = "ThreatFox: " + StringOr(Member(best_entry, "malware_printable"), "malware") +
                    " (" +
                    StringOr(Member(best_entry, "threat_type_desc"),
                             StringOr(Member(best_entry, "threat_type"), "IOC")) +
                    ")";
    if (std::optional<int64_t> id = Integer(Member(best_entry, "id"), true)) {
      e.reference = "https://threatfox.abuse.ch/ioc/" + std::to_string(*id) + "/";
    }
    return FoundOne(std::move(e));
  }
};

class MalwareBazaar final : public ProviderBase {
 public:
  using ProviderBase::ProviderBase;

  bool Supports(IndicatorType type) const override { return IsHash(type); }

  HttpRequest BuildRequest(const Indicator& indicator) const override {
    return AbuseChRequest(base_url() + "/api/v1/", api_key(),
                          "query=get_info&hash=" + PercentEncode(indicator.value), kForm);
  }

 protected:
  bool IsNotFoundStatus(long) const override { return false; }

  Answer ParseJson(const Indicator& indicator, const Json& body) const override {
    if (std::optional<Answer> answer = QueryStatusAnswer(body, "hash_not_found")) return *answer;
    const Json* data = Member(&body, "data");
    if (data == nullptr || !data->is_array() || data->empty() || !(*data)[0].is_object()) {
      return Malformed("no data array");
    }
    const Json& sample = (*data)[0];
    Enrichment e;
    e.verdict = Verdict::kMalicious;
    e.score = 100;
    for (const std::string& tag : Strings(Member(&sample, "tags"))) AddTag(e.tags, tag);
    AddTag(e.tags, StringOr(Member(&sample, "signature")));
    e.first_seen = Time(Member(&sample, "first_seen"));
    e.last_seen = Time(Member(&sample, "last_seen"));
    e.description = "MalwareBazaar: " + StringOr(Member(&sample, "signature"), "sample");
    if (std::string type = StringOr(Member(&sample, "file_type")); !type.empty()) {
      e.description += " (" + type + ")";
    }
    if (std::string file = StringOr(Member(&sample, "file_name")); !file.empty()) {
      e.description += ", " + file;
    }
    const std::string sha256 =
        StringOr(Member(&sample, "sha256_hash"),
                 indicator.type == IndicatorType::kSha256 ? indicator.value : "");
    if (!sha256.empty()) {
      e.reference = "https://bazaar.abuse.ch/sample/" + PercentEncode(sha256) + "/";
    }
    return FoundOne(std::move(e));
  }
};

}  // namespace

std::unique_ptr<Provider> MakeUrlhaus(ProviderSetup setup) {
  return std::make_unique<Urlhaus>(std::move(setup));
}

std::unique_ptr<Provider> MakeThreatFox(ProviderSetup setup) {
  return std::make_unique<ThreatFox>(std::move(setup));
}

std::unique_ptr<Provider> MakeMalwareBazaar(ProviderSetup setup) {
  return std::make_unique<MalwareBazaar>(std::move(setup));
}

}  // namespace seckit::ioc_enrich
