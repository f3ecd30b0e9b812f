// The built-in providers: the requests they build and how they read each API's documented
// answers (fixtures shaped like the documentation, and the corpus's real-world samples), its
// "not found", rejected keys, errors and broken bodies.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "fake_apis.h"
#include "provider.h"
#include "seckit/config.h"
#include "test_support.h"

namespace seckit::ioc_enrich {
namespace {

using testing::Fixture;
using testing::kBadDomain;
using testing::kBadIp;
using testing::kBadUrl;
using testing::kEicarMd5;
using testing::kEicarSha1;
using testing::kEicarSha256;
using testing::kGoodIp;

constexpr char kKey[] = "test-key-0123456789";

// Every provider's key, MISP's instance, and whatever `extra` adds.
Config TestConfig(const std::string& extra = "") {
  std::string toml;
  for (const char* name : {"virustotal", "abuseipdb", "otx", "greynoise", "urlhaus", "threatfox",
                           "malwarebazaar", "misp"}) {
    toml += std::string("[ioc-enrich.providers.") + name + "]\napi_key = \"" + kKey + "\"\n";
    if (std::string(name) == "misp") toml += "base_url = \"https://misp.example.org/\"\n";
    if (std::string(name) == "abuseipdb") toml += extra;
  }
  Result<Config> config = Config::Parse(toml, "test.toml", "ioc-enrich");
  EXPECT_TRUE(config.ok()) << config.status().message();
  return config.ok() ? std::move(config).value() : Config();
}

std::unique_ptr<Provider> Make(std::string_view name, const std::string& base = "") {
  Result<std::unique_ptr<Provider>> p = MakeProvider(name, base, TestConfig());
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? std::move(p).value() : nullptr;
}

Indicator Ind(IndicatorType type, std::string_view value) {
  Indicator i;
  i.type = type;
  i.value = std::string(value);
  return i;
}

HttpResponse Reply(long status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.attempts = 1;
  return r;
}

std::string HeaderOf(const HttpRequest& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "<absent>";
}

// The one enrichment of a found answer (failing the test otherwise).
Enrichment One(const Answer& a) {
  EXPECT_EQ(a.kind, Answer::Kind::kFound) << a.error;
  EXPECT_EQ(a.enrichments.size(), 1u);
  return a.enrichments.empty() ? Enrichment{} : a.enrichments[0];
}

bool IsNotFound(const Answer& a) { return a.kind == Answer::Kind::kNotFound; }

// The message of an error answer, or what the answer was instead.
std::string ErrorOf(const Answer& a) {
  if (a.kind == Answer::Kind::kFound) return "<found>";
  if (a.kind == Answer::Kind::kNotFound) return "<not found>";
  return a.error;
}

bool HasTag(const Enrichment& e, std::string_view tag) {
  return std::find(e.tags.begin(), e.tags.end(), tag) != e.tags.end();
}

TimeNs At(const char* rfc3339) { return ParseRfc3339(rfc3339).value_or(-1); }

// ---- VirusTotal ----

TEST(VirusTotal, BuildsDocumentedRequests) {
  auto vt = Make("virustotal");
  HttpRequest r = vt->BuildRequest(Ind(IndicatorType::kIpv4, kBadIp));
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.url, "https://www.virustotal.com/api/v3/ip_addresses/185.220.101.47");
  EXPECT_EQ(HeaderOf(r, "x-apikey"), kKey);
  EXPECT_EQ(vt->BuildRequest(Ind(IndicatorType::kIpv6, "2001:db8::1")).url,
            "https://www.virustotal.com/api/v3/ip_addresses/2001%3Adb8%3A%3A1");
  EXPECT_EQ(vt->BuildRequest(Ind(IndicatorType::kDomain, kBadDomain)).url,
            "https://www.virustotal.com/api/v3/domains/down.mykings.pw");
  EXPECT_EQ(vt->BuildRequest(Ind(IndicatorType::kSha256, kEicarSha256)).url,
            "https://www.virustotal.com/api/v3/files/" + std::string(kEicarSha256));
  // URL ids are unpadded URL-safe base64 of the URL.
  EXPECT_EQ(vt->BuildRequest(Ind(IndicatorType::kUrl, "http://www.google.com/")).url,
            "https://www.virustotal.com/api/v3/urls/aHR0cDovL3d3dy5nb29nbGUuY29tLw");
  EXPECT_EQ(vt->BuildRequest(Ind(IndicatorType::kUrl, "http://a/?>>>")).url,
            "https://www.virustotal.com/api/v3/urls/aHR0cDovL2EvPz4-Pg");
  EXPECT_TRUE(vt->needs_key());
  EXPECT_FALSE(vt->Supports(IndicatorType::kEmail));
  EXPECT_FALSE(vt->Supports(IndicatorType::kCidr));
}

TEST(VirusTotal, ReadsIpAddressReport) {
  auto vt = Make("virustotal");
  Enrichment e = One(vt->ParseResponse(Ind(IndicatorType::kIpv4, kBadIp),
                                       Reply(200, Fixture("virustotal_ip_address.json"))));
  EXPECT_EQ(e.provider, "virustotal");
  EXPECT_EQ(e.verdict, Verdict::kMalicious);  // 12 engines
  EXPECT_EQ(e.score, 100);                    // 25 x 12 + 10 x 2, capped
  EXPECT_TRUE(HasTag(e, "tor"));
  EXPECT_EQ(e.last_seen, 1732448655 * kNsPerSecond);
  EXPECT_EQ(e.geo.country_iso_code, "DE");
  EXPECT_EQ(e.geo.as_number, 60729u);
  EXPECT_EQ(e.reference, "https://www.virustotal.com/gui/ip-address/185.220.101.47");
  EXPECT_EQ(e.description, "12 of 94 engines flag it malicious, 2 suspicious");
}

TEST(VirusTotal, ReadsDomainUrlAndFileReports) {
  auto vt = Make("virustotal");
  Enrichment d = One(vt->ParseResponse(Ind(IndicatorType::kDomain, kBadDomain),
                                       Reply(200, Fixture("virustotal_domain.json"))));
  EXPECT_EQ(d.verdict, Verdict::kSuspicious);  // one engine
  EXPECT_EQ(d.score, 25);  // 25 x 1
  Enrichment u = One(vt->ParseResponse(Ind(IndicatorType::kUrl, kBadUrl),
                                       Reply(200, Fixture("virustotal_url.json"))));
  EXPECT_EQ(u.verdict, Verdict::kMalicious);
  EXPECT_EQ(u.first_seen, 1730527985 * kNsPerSecond);
  EXPECT_EQ(u.reference,
            "https://www.virustotal.com/gui/url/"
            "3c1a2bd7c55d1e3a0f0b7b4f8f2d2e9d6f0a1b2c3d4e5f60718293a4b5c6d7e8");
  Enrichment f = One(vt->ParseResponse(Ind(IndicatorType::kMd5, kEicarMd5),
                                       Reply(200, Fixture("virustotal_file.json"))));
  EXPECT_EQ(f.verdict, Verdict::kMalicious);
  EXPECT_EQ(f.score, 100);  // 64 engines, capped
  EXPECT_TRUE(HasTag(f, "virus.eicar/test"));
  EXPECT_EQ(f.first_seen, 1148301722 * kNsPerSecond);
  EXPECT_EQ(f.reference, "https://www.virustotal.com/gui/file/" + std::string(kEicarMd5));
}

// The score grows with the engines that flag it, and agrees with the verdict: the malicious
// threshold (three engines) is High confidence, whatever the number of engines asked.
TEST(VirusTotal, ScoreCountsEnginesNotTheirFraction) {
  auto vt = Make("virustotal");
  const auto score_of = [&](int malicious, int suspicious) {
    const std::string body = R"({"data":{"attributes":{"last_analysis_stats":{"malicious":)" +
                             std::to_string(malicious) + R"(,"suspicious":)" +
                             std::to_string(suspicious) + R"(,"harmless":60,"undetected":30}}}})";
    return One(vt->ParseResponse(Ind(IndicatorType::kIpv4, kBadIp), Reply(200, body))).score;
  };
  EXPECT_EQ(score_of(0, 0), 0);
  EXPECT_EQ(score_of(1, 0), 25);
  EXPECT_EQ(score_of(2, 1), 60);
  EXPECT_EQ(score_of(3, 0), 75);
  EXPECT_EQ(score_of(0, 3), 30);
  EXPECT_EQ(score_of(5, 5), 100);
}

TEST(VirusTotal, ReadsCorpusDomainReport) {
  SECKIT_REQUIRE_CORPUS(path, "ioc/api_responses/vt3_domain_demisto.json");
  auto vt = Make("virustotal");
  Enrichment e = One(vt->ParseResponse(Ind(IndicatorType::kDomain, "down.mykings.pw"),
                                       Reply(200, seckit::testing::ReadFile(path))));
  EXPECT_EQ(e.verdict, Verdict::kMalicious);  // 8 engines
  EXPECT_EQ(e.score, 100);                    // 8 engines, capped
  EXPECT_TRUE(e.tags.empty());
  EXPECT_EQ(e.reference, "https://www.virustotal.com/gui/domain/down.mykings.pw");
}

TEST(VirusTotal, GoogleThreatIntelligenceAssessmentWins) {
  SECKIT_REQUIRE_CORPUS(path, "ioc/api_responses/vt3_ip_address_gti_demisto.json");
  auto vt = Make("virustotal");
  Enrichment e = One(vt->ParseResponse(Ind(IndicatorType::kIpv4, "8.8.8.8"),
                                       Reply(200, seckit::testing::ReadFile(path))));
  EXPECT_EQ(e.verdict, Verdict::kMalicious);
  EXPECT_EQ(e.score, 100);  // threat_score, not 5 of 87
  EXPECT_EQ(e.description, "This indicator is malicious (high severity) with high impact.");
  EXPECT_EQ(e.geo.country_iso_code, "US");
  EXPECT_EQ(e.geo.as_number, 396507u);
  EXPECT_EQ(e.geo.as_organization, "EMERALD-ONION");
}

TEST(VirusTotal, NotFoundAndErrors) {
  auto vt = Make("virustotal");
  const Indicator ip = Ind(IndicatorType::kIpv4, kBadIp);
  EXPECT_TRUE(IsNotFound(vt->ParseResponse(ip, Reply(404, Fixture("virustotal_not_found.json")))));
  Answer denied = vt->ParseResponse(ip, Reply(401, Fixture("virustotal_unauthorized.json")));
  EXPECT_EQ(ErrorOf(denied), "HTTP 401: API key rejected");
  EXPECT_EQ(ErrorOf(vt->ParseResponse(ip, Reply(403, ""))), "HTTP 403: API key rejected");
  HttpResponse quota = Reply(429, Fixture("virustotal_quota_exceeded.json"));
  quota.retry_after_seconds = 60;
  EXPECT_EQ(ErrorOf(vt->ParseResponse(ip, quota)), "HTTP 429: Quota exceeded (retry after 60 s)");
  EXPECT_EQ(ErrorOf(vt->ParseResponse(ip, Reply(500, "<html>oops</html>"))), "HTTP 500");
  HttpResponse dropped;
  dropped.error = "timed out after 15 s";
  EXPECT_EQ(ErrorOf(vt->ParseResponse(ip, dropped)), "timed out after 15 s");
}

TEST(VirusTotal, BrokenBodiesAreErrorsNotCrashes) {
  auto vt = Make("virustotal");
  const Indicator ip = Ind(IndicatorType::kIpv4, kBadIp);
  const std::string full = Fixture("virustotal_ip_address.json");
  Answer cut = vt->ParseResponse(ip, Reply(200, full.substr(0, full.size() / 2)));
  EXPECT_EQ(cut.kind, Answer::Kind::kError);
  EXPECT_EQ(cut.error.rfind("malformed response: truncated JSON", 0), 0u) << cut.error;
  EXPECT_EQ(ErrorOf(vt->ParseResponse(ip, Reply(200, "<html></html>"))),
            "malformed response: invalid JSON at byte 1");
  EXPECT_EQ(ErrorOf(vt->ParseResponse(ip, Reply(200, ""))), "malformed response: empty body");
  EXPECT_EQ(ErrorOf(vt->ParseResponse(ip, Reply(200, R"({"data":"x"})"))),
            "malformed response: no data.attributes object");
  EXPECT_EQ(vt->ParseResponse(ip, Reply(200, "[1,2,3]")).kind, Answer::Kind::kError);
  EXPECT_EQ(ErrorOf(vt->ParseResponse(ip, Reply(200, R"({"data":{"attributes":{"x":1e400}}})"))),
            "malformed response: number out of range");
  EXPECT_EQ(vt->ParseResponse(ip, Reply(200, std::string(100000, '['))).kind, Answer::Kind::kError);
}

TEST(VirusTotal, WrongTypesAndHugeNumbersAreTolerated) {
  auto vt = Make("virustotal");
  const Indicator ip = Ind(IndicatorType::kIpv4, kBadIp);
  Enrichment e = One(vt->ParseResponse(ip, Reply(200, R"({"data":{"attributes":{
      "last_analysis_stats":{"malicious":"lots","harmless":[1],"suspicious":null},
      "tags":"not-a-list","asn":"AS1","country":7,"last_analysis_date":"soon"}}})")));
  EXPECT_EQ(e.verdict, Verdict::kUnknown);
  EXPECT_FALSE(e.score.has_value());
  EXPECT_EQ(e.tags, std::vector<std::string>{"not-a-list"});
  EXPECT_FALSE(e.geo.as_number.has_value());
  EXPECT_FALSE(e.last_seen.has_value());
  Enrichment huge = One(vt->ParseResponse(ip, Reply(200, R"({"data":{"attributes":{
      "last_analysis_stats":{"malicious":123456789012345678901234567890,"harmless":-5,
                             "undetected":18446744073709551615},
      "asn":99999999999,"last_analysis_date":1e300}}})")));
  EXPECT_EQ(huge.verdict, Verdict::kMalicious);
  EXPECT_EQ(huge.score, 100);  // counts clamped to a million, the score capped
  EXPECT_FALSE(huge.geo.as_number.has_value());
  EXPECT_FALSE(huge.last_seen.has_value());
}

// ---- AbuseIPDB ----

TEST(AbuseIpdb, BuildsDocumentedRequest) {
  auto a = Make("abuseipdb");
  HttpRequest r = a->BuildRequest(Ind(IndicatorType::kIpv6, "2001:db8::1"));
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.url,
            "https://api.abuseipdb.com/api/v2/check?ipAddress=2001%3Adb8%3A%3A1"
            "&maxAgeInDays=90");
  EXPECT_EQ(HeaderOf(r, "Key"), kKey);
  EXPECT_EQ(HeaderOf(r, "Accept"), "application/json");
  EXPECT_FALSE(a->Supports(IndicatorType::kDomain));
  Result<std::unique_ptr<Provider>> thirty =
      MakeProvider("abuseipdb", "", TestConfig("max_age_days = 30\n"));
  ASSERT_TRUE(thirty.ok()) << thirty.status().message();
  EXPECT_NE((*thirty)->BuildRequest(Ind(IndicatorType::kIpv4, kBadIp)).url.find("maxAgeInDays=30"),
            std::string::npos);
  EXPECT_FALSE(MakeProvider("abuseipdb", "", TestConfig("max_age_days = 0\n")).ok());
}

TEST(AbuseIpdb, ReadsCheckAnswers) {
  auto a = Make("abuseipdb");
  Enrichment bad = One(a->ParseResponse(Ind(IndicatorType::kIpv4, kBadIp),
                                        Reply(200, Fixture("abuseipdb_check.json"))));
  EXPECT_EQ(bad.verdict, Verdict::kMalicious);
  EXPECT_EQ(bad.score, 100);
  EXPECT_TRUE(HasTag(bad, "tor"));
  EXPECT_EQ(bad.last_seen, At("2026-11-24T10:44:15Z"));
  EXPECT_EQ(bad.geo.country_iso_code, "DE");
  EXPECT_EQ(bad.reference, "https://www.abuseipdb.com/check/185.220.101.47");
  EXPECT_EQ(bad.description,
            "4242 reports from 512 users; Network for Tor-Exit traffic. (for-privacy.net)");
  Enrichment good = One(a->ParseResponse(Ind(IndicatorType::kIpv4, kGoodIp),
                                         Reply(200, Fixture("abuseipdb_check_whitelisted.json"))));
  EXPECT_EQ(good.verdict, Verdict::kBenign);
  EXPECT_EQ(good.score, 0);
  // No reports in the window: AbuseIPDB's way of saying it knows nothing.
  EXPECT_TRUE(IsNotFound(a->ParseResponse(Ind(IndicatorType::kIpv4, "93.184.215.14"),
                                          Reply(200, Fixture("abuseipdb_check_unreported.json")))));
  Enrichment low = One(a->ParseResponse(Ind(IndicatorType::kIpv4, kBadIp), Reply(200, R"(
      {"data":{"abuseConfidenceScore":30,"totalReports":2}})")));
  EXPECT_EQ(low.verdict, Verdict::kSuspicious);
}

TEST(AbuseIpdb, ErrorsKeepTheApiMessage) {
  auto a = Make("abuseipdb");
  const Indicator ip = Ind(IndicatorType::kIpv4, kBadIp);
  EXPECT_EQ(ErrorOf(a->ParseResponse(ip, Reply(422, Fixture("abuseipdb_invalid.json")))),
            "HTTP 422: The ip address must be a valid IPv4 or IPv6 address (e.g. "
            "8.8.8.8 or 2001:4860:4860::8888).");
  EXPECT_EQ(ErrorOf(a->ParseResponse(ip, Reply(401, Fixture("abuseipdb_unauthorized.json")))),
            "HTTP 401: API key rejected");
  Answer limited = a->ParseResponse(ip, Reply(429, Fixture("abuseipdb_rate_limited.json")));
  EXPECT_EQ(limited.error.rfind("HTTP 429: Daily rate limit of 1000 requests", 0), 0u);
  // AbuseIPDB never says "not found" with a 404: that is a wrong endpoint.
  EXPECT_EQ(ErrorOf(a->ParseResponse(ip, Reply(404, ""))), "HTTP 404");
  EXPECT_EQ(
      ErrorOf(a->ParseResponse(ip, Reply(200, R"({"data":{"abuseConfidenceScore":"high"}})"))),
      "malformed response: no abuseConfidenceScore");
}

// ---- OTX ----

TEST(Otx, BuildsDocumentedRequests) {
  auto o = Make("otx");
  HttpRequest r = o->BuildRequest(Ind(IndicatorType::kIpv4, kBadIp));
  EXPECT_EQ(r.url, "https://otx.alienvault.com/api/v1/indicators/IPv4/185.220.101.47/general");
  EXPECT_EQ(HeaderOf(r, "X-OTX-API-KEY"), kKey);
  EXPECT_EQ(o->BuildRequest(Ind(IndicatorType::kIpv6, "2001:db8::1")).url,
            "https://otx.alienvault.com/api/v1/indicators/IPv6/2001:db8::1/general");
  EXPECT_EQ(o->BuildRequest(Ind(IndicatorType::kDomain, "mykings.pw")).url,
            "https://otx.alienvault.com/api/v1/indicators/domain/mykings.pw/general");
  EXPECT_EQ(o->BuildRequest(Ind(IndicatorType::kDomain, kBadDomain)).url,
            "https://otx.alienvault.com/api/v1/indicators/hostname/down.mykings.pw/general");
  EXPECT_EQ(o->BuildRequest(Ind(IndicatorType::kUrl, "http://x.com/a b?c=d#e")).url,
            "https://otx.alienvault.com/api/v1/indicators/url/"
            "http://x.com/a%20b%3Fc=d%23e/general");
  EXPECT_EQ(
      o->BuildRequest(Ind(IndicatorType::kSha1, kEicarSha1)).url,
      "https://otx.alienvault.com/api/v1/indicators/file/" + std::string(kEicarSha1) + "/general");
}

TEST(Otx, ReadsPulses) {
  auto o = Make("otx");
  Enrichment ip = One(o->ParseResponse(Ind(IndicatorType::kIpv4, kBadIp),
                                       Reply(200, Fixture("otx_ipv4_general.json"))));
  EXPECT_EQ(ip.verdict, Verdict::kMalicious);  // 3 pulses
  EXPECT_EQ(ip.score, 75);
  EXPECT_TRUE(HasTag(ip, "bruteforce"));
  EXPECT_TRUE(HasTag(ip, "Cobalt Strike"));
  EXPECT_EQ(ip.first_seen, At("2026-09-30T07:45:02Z"));
  EXPECT_EQ(ip.last_seen, At("2026-11-20T08:12:44.118Z"));
  EXPECT_EQ(ip.description, "in 3 OTX pulses: Tor exit nodes brute-forcing SSH");
  EXPECT_EQ(ip.reference, "https://otx.alienvault.com/indicator/ip/185.220.101.47");
  EXPECT_EQ(ip.geo.country_iso_code, "DE");
  Enrichment host = One(o->ParseResponse(Ind(IndicatorType::kDomain, kBadDomain),
                                         Reply(200, Fixture("otx_hostname_general.json"))));
  EXPECT_EQ(host.verdict, Verdict::kSuspicious);
  EXPECT_EQ(host.score, 25);
  EXPECT_TRUE(HasTag(host, "MyKings"));
  EXPECT_EQ(host.reference, "https://otx.alienvault.com/indicator/hostname/down.mykings.pw");
  Enrichment good = One(o->ParseResponse(Ind(IndicatorType::kIpv4, kGoodIp),
                                         Reply(200, Fixture("otx_ipv4_whitelisted.json"))));
  EXPECT_EQ(good.verdict, Verdict::kBenign);
  EXPECT_EQ(good.score, 0);
  EXPECT_EQ(good.description, "OTX: Whitelisted IP");
}

TEST(Otx, NotFoundAndErrors) {
  auto o = Make("otx");
  const Indicator d = Ind(IndicatorType::kDomain, "unknown.example.com");
  EXPECT_TRUE(IsNotFound(o->ParseResponse(d, Reply(200, Fixture("otx_general_unknown.json")))));
  EXPECT_TRUE(IsNotFound(o->ParseResponse(d, Reply(404, ""))));
  EXPECT_EQ(ErrorOf(o->ParseResponse(d, Reply(403, Fixture("otx_unauthorized.json")))),
            "HTTP 403: API key rejected");
  EXPECT_TRUE(
      IsNotFound(o->ParseResponse(d, Reply(200, R"({"pulse_info":{"count":"9","pulses":{}}})"))));
  Enrichment odd = One(o->ParseResponse(d, Reply(200, R"(
      {"pulse_info":{"count":1e18,"pulses":[7,{"tags":[1,"x"],"malware_families":[null]}]}})")));
  EXPECT_EQ(odd.score, 100);
  EXPECT_EQ(odd.tags, std::vector<std::string>{"x"});
}

// ---- GreyNoise ----

TEST(GreyNoise, BuildsCommunityRequest) {
  auto g = Make("greynoise");
  HttpRequest r = g->BuildRequest(Ind(IndicatorType::kIpv4, kBadIp));
  EXPECT_EQ(r.url, "https://api.greynoise.io/v3/community/185.220.101.47");
  EXPECT_EQ(HeaderOf(r, "key"), kKey);
  EXPECT_FALSE(g->needs_key());
  EXPECT_FALSE(g->Supports(IndicatorType::kIpv6));
  Result<std::unique_ptr<Provider>> keyless = MakeProvider("greynoise", "", Config::Empty());
  ASSERT_TRUE(keyless.ok()) << keyless.status().message();
  EXPECT_EQ(HeaderOf((*keyless)->BuildRequest(Ind(IndicatorType::kIpv4, kBadIp)), "key"),
            "<absent>");
}

TEST(GreyNoise, ReadsClassification) {
  auto g = Make("greynoise");
  Enrichment bad = One(g->ParseResponse(Ind(IndicatorType::kIpv4, kBadIp),
                                        Reply(200, Fixture("greynoise_community.json"))));
  EXPECT_EQ(bad.verdict, Verdict::kMalicious);
  EXPECT_EQ(bad.score, 90);
  EXPECT_TRUE(HasTag(bad, "noise"));
  EXPECT_EQ(bad.last_seen, At("2026-11-24T00:00:00Z"));
  EXPECT_EQ(bad.reference, "https://viz.greynoise.io/ip/185.220.101.47");
  EXPECT_EQ(bad.description, "classified malicious");
  Enrichment riot = One(g->ParseResponse(Ind(IndicatorType::kIpv4, kGoodIp),
                                         Reply(200, Fixture("greynoise_community_riot.json"))));
  EXPECT_EQ(riot.verdict, Verdict::kBenign);
  EXPECT_EQ(riot.description, "Google Public DNS, classified benign");
  Enrichment scanner = One(g->ParseResponse(
      Ind(IndicatorType::kIpv4, kBadIp),
      Reply(
          200,
          R"({"ip":"1.2.3.4","noise":true,"riot":false,"classification":"unknown","link":"javascript:x"})")));
  EXPECT_EQ(scanner.verdict, Verdict::kSuspicious);
  EXPECT_EQ(scanner.reference, "https://viz.greynoise.io/ip/185.220.101.47");
}

TEST(GreyNoise, NotFoundAndErrors) {
  auto g = Make("greynoise");
  const Indicator ip = Ind(IndicatorType::kIpv4, "93.184.215.14");
  EXPECT_TRUE(IsNotFound(g->ParseResponse(ip, Reply(404, Fixture("greynoise_not_found.json")))));
  EXPECT_TRUE(IsNotFound(g->ParseResponse(ip, Reply(200, Fixture("greynoise_not_found.json")))));
  Answer limited = g->ParseResponse(ip, Reply(429, Fixture("greynoise_rate_limited.json")));
  EXPECT_EQ(limited.error.rfind("HTTP 429: You have hit your daily rate limit", 0), 0u)
      << limited.error;
  EXPECT_LE(limited.error.size(), 120u);
  EXPECT_EQ(ErrorOf(g->ParseResponse(ip, Reply(401, Fixture("greynoise_unauthorized.json")))),
            "HTTP 401: API key rejected");
}

// ---- abuse.ch: URLhaus, ThreatFox, MalwareBazaar ----

TEST(Urlhaus, BuildsDocumentedRequests) {
  auto u = Make("urlhaus");
  HttpRequest r = u->BuildRequest(Ind(IndicatorType::kUrl, "http://a.com/x?y=1&z=2"));
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://urlhaus-api.abuse.ch/v1/url/");
  EXPECT_EQ(r.body, "url=http%3A%2F%2Fa.com%2Fx%3Fy%3D1%26z%3D2");
  EXPECT_EQ(HeaderOf(r, "Auth-Key"), kKey);
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(u->BuildRequest(Ind(IndicatorType::kDomain, kBadDomain)).url,
            "https://urlhaus-api.abuse.ch/v1/host/");
  EXPECT_EQ(u->BuildRequest(Ind(IndicatorType::kIpv4, kBadIp)).body, "host=185.220.101.47");
  EXPECT_EQ(u->BuildRequest(Ind(IndicatorType::kMd5, kEicarMd5)).body,
            "md5_hash=" + std::string(kEicarMd5));
  HttpRequest sha = u->BuildRequest(Ind(IndicatorType::kSha256, kEicarSha256));
  EXPECT_EQ(sha.url, "https://urlhaus-api.abuse.ch/v1/payload/");
  EXPECT_EQ(sha.body, "sha256_hash=" + std::string(kEicarSha256));
  EXPECT_FALSE(u->Supports(IndicatorType::kSha1));
}

TEST(Urlhaus, ReadsUrlHostAndPayload) {
  auto u = Make("urlhaus");
  Enrichment url = One(
      u->ParseResponse(Ind(IndicatorType::kUrl, kBadUrl), Reply(200, Fixture("urlhaus_url.json"))));
  EXPECT_EQ(url.verdict, Verdict::kMalicious);
  EXPECT_EQ(url.score, 100);  // online
  EXPECT_TRUE(HasTag(url, "mykings"));
  EXPECT_TRUE(HasTag(url, "malware_download"));
  EXPECT_EQ(url.first_seen, At("2026-11-02T06:13:05Z"));
  EXPECT_EQ(url.last_seen, At("2026-11-24T09:00:00Z"));
  EXPECT_EQ(url.reference, "https://urlhaus.abuse.ch/url/2731034/");
  Enrichment host = One(u->ParseResponse(Ind(IndicatorType::kDomain, kBadDomain),
                                         Reply(200, Fixture("urlhaus_host.json"))));
  EXPECT_EQ(host.score, 80);  // everything offline
  EXPECT_TRUE(HasTag(host, "mirai"));
  EXPECT_EQ(host.first_seen, At("2026-10-30T14:22:10Z"));
  EXPECT_EQ(host.last_seen, At("2026-11-02T06:13:05Z"));
  EXPECT_EQ(host.description, "URLhaus: 2 malware URLs, 0 online");
  Enrichment payload = One(u->ParseResponse(Ind(IndicatorType::kSha256, kEicarSha256),
                                            Reply(200, Fixture("urlhaus_payload.json"))));
  EXPECT_EQ(payload.score, 100);
  EXPECT_TRUE(HasTag(payload, "EICAR"));
  EXPECT_EQ(payload.first_seen, At("2026-01-10T08:00:00Z"));
  EXPECT_EQ(payload.description, "URLhaus payload EICAR, seen at 3 URLs");
}

TEST(Urlhaus, QueryStatuses) {
  auto u = Make("urlhaus");
  const Indicator d = Ind(IndicatorType::kDomain, "unknown.example.com");
  EXPECT_TRUE(IsNotFound(u->ParseResponse(d, Reply(200, Fixture("urlhaus_no_results.json")))));
  EXPECT_EQ(ErrorOf(u->ParseResponse(d, Reply(401, Fixture("urlhaus_unauthorized.json")))),
            "HTTP 401: API key rejected");
  EXPECT_EQ(ErrorOf(u->ParseResponse(d, Reply(200, Fixture("urlhaus_unauthorized.json")))),
            "API key rejected (unknown_auth_key)");
  EXPECT_EQ(ErrorOf(u->ParseResponse(d, Reply(200, R"({"query_status":"invalid_host"})"))),
            "query_status invalid_host");
  EXPECT_EQ(ErrorOf(u->ParseResponse(d, Reply(200, R"({"query_status":7})"))),
            "malformed response: no query_status");
  EXPECT_EQ(ErrorOf(u->ParseResponse(d, Reply(404, ""))), "HTTP 404");
}

TEST(ThreatFox, BuildsDocumentedRequests) {
  auto t = Make("threatfox");
  HttpRequest r = t->BuildRequest(Ind(IndicatorType::kUrl, R"(http://a.com/"q")"));
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://threatfox-api.abuse.ch/api/v1/");
  EXPECT_EQ(HeaderOf(r, "Auth-Key"), kKey);
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/json");
  const nlohmann::json body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["query"], "search_ioc");
  EXPECT_EQ(body["search_term"], R"(http://a.com/"q")");
  const nlohmann::json hash =
      nlohmann::json::parse(t->BuildRequest(Ind(IndicatorType::kMd5, kEicarMd5)).body);
  EXPECT_EQ(hash["query"], "search_hash");
  EXPECT_EQ(hash["hash"], kEicarMd5);
  EXPECT_FALSE(t->Supports(IndicatorType::kSha1));
}

TEST(ThreatFox, ReadsMatchingIocsOnly) {
  auto t = Make("threatfox");
  Enrichment ip = One(t->ParseResponse(Ind(IndicatorType::kIpv4, kBadIp),
                                       Reply(200, Fixture("threatfox_search_ioc.json"))));
  EXPECT_EQ(ip.verdict, Verdict::kMalicious);
  EXPECT_EQ(ip.score, 75);
  EXPECT_TRUE(HasTag(ip, "Cobalt Strike"));
  EXPECT_TRUE(HasTag(ip, "botnet_cc"));
  EXPECT_EQ(ip.first_seen, At("2026-10-20T08:00:00Z"));
  EXPECT_EQ(ip.last_seen, At("2026-11-22T18:30:00Z"));
  EXPECT_EQ(ip.reference, "https://threatfox.abuse.ch/ioc/1234567/");
  // search_ioc also returns cdn.down.mykings.pw: it is not the indicator.
  Enrichment domain =
      One(t->ParseResponse(Ind(IndicatorType::kDomain, kBadDomain),
                           Reply(200, Fixture("threatfox_search_ioc_domain.json"))));
  EXPECT_EQ(domain.score, 40);
  EXPECT_EQ(domain.verdict, Verdict::kSuspicious);
  EXPECT_FALSE(HasTag(domain, "other-host"));
  EXPECT_EQ(domain.reference, "https://threatfox.abuse.ch/ioc/1300002/");
  EXPECT_TRUE(
      IsNotFound(t->ParseResponse(Ind(IndicatorType::kDomain, "mykings.pw"),
                                  Reply(200, Fixture("threatfox_search_ioc_domain.json")))));
  Enrichment hash = One(t->ParseResponse(Ind(IndicatorType::kSha256, kEicarSha256),
                                         Reply(200, Fixture("threatfox_search_hash.json"))));
  EXPECT_EQ(hash.score, 100);
  EXPECT_EQ(hash.description,
            "ThreatFox: MyKings (Indicator that identifies a malware "
            "distribution server (payload delivery))");
}

TEST(ThreatFox, QueryStatuses) {
  auto t = Make("threatfox");
  const Indicator ip = Ind(IndicatorType::kIpv4, "93.184.215.14");
  EXPECT_TRUE(IsNotFound(t->ParseResponse(ip, Reply(200, Fixture("threatfox_no_result.json")))));
  EXPECT_EQ(ErrorOf(t->ParseResponse(ip, Reply(200, R"({"query_status":"ok","data":"x"})"))),
            "malformed response: no data array");
  EXPECT_EQ(ErrorOf(t->ParseResponse(ip, Reply(200, R"({"query_status":"illegal_search_term"})"))),
            "query_status illegal_search_term");
  Enrichment clamped = One(t->ParseResponse(
      Ind(IndicatorType::kIpv4, kBadIp),
      Reply(
          200,
          R"({"query_status":"ok","data":[{"ioc":"185.220.101.47:1","confidence_level":1e12,"id":"x"}]})")));
  EXPECT_EQ(clamped.score, 100);
  EXPECT_TRUE(clamped.reference.empty());
}

TEST(MalwareBazaar, BuildsAndReads) {
  auto m = Make("malwarebazaar");
  HttpRequest r = m->BuildRequest(Ind(IndicatorType::kSha1, kEicarSha1));
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://mb-api.abuse.ch/api/v1/");
  EXPECT_EQ(r.body, "query=get_info&hash=" + std::string(kEicarSha1));
  EXPECT_EQ(HeaderOf(r, "Auth-Key"), kKey);
  EXPECT_FALSE(m->Supports(IndicatorType::kUrl));
  Enrichment e = One(m->ParseResponse(Ind(IndicatorType::kSha1, kEicarSha1),
                                      Reply(200, Fixture("malwarebazaar_get_info.json"))));
  EXPECT_EQ(e.verdict, Verdict::kMalicious);
  EXPECT_EQ(e.score, 100);
  EXPECT_TRUE(HasTag(e, "EICAR"));
  EXPECT_TRUE(HasTag(e, "eicar"));
  EXPECT_EQ(e.first_seen, At("2026-01-10T08:00:00Z"));
  EXPECT_EQ(e.description, "MalwareBazaar: EICAR (com), eicar.com");
  EXPECT_EQ(e.reference, "https://bazaar.abuse.ch/sample/" + std::string(kEicarSha256) + "/");
  EXPECT_TRUE(
      IsNotFound(m->ParseResponse(Ind(IndicatorType::kMd5, kEicarMd5),
                                  Reply(200, Fixture("malwarebazaar_hash_not_found.json")))));
  EXPECT_EQ(ErrorOf(m->ParseResponse(Ind(IndicatorType::kMd5, kEicarMd5),
                                     Reply(200, R"({"query_status":"ok","data":[]})"))),
            "malformed response: no data array");
}

TEST(AbuseCh, SharedKeyIsAccepted) {
  Result<Config> config = Config::Parse(
      "[ioc-enrich.providers.abusech]\napi_key = \"shared-key-1234\"\n", "t.toml", "ioc-enrich");
  ASSERT_TRUE(config.ok());
  for (const char* name : {"urlhaus", "threatfox", "malwarebazaar"}) {
    Result<std::unique_ptr<Provider>> p = MakeProvider(name, "", *config);
    ASSERT_TRUE(p.ok()) << p.status().message();
    EXPECT_EQ(HeaderOf((*p)->BuildRequest(Ind(IndicatorType::kMd5, kEicarMd5)), "Auth-Key"),
              "shared-key-1234");
  }
}

// ---- Shodan InternetDB ----

TEST(InternetDb, BuildsAndReads) {
  auto s = Make("internetdb");
  HttpRequest r = s->BuildRequest(Ind(IndicatorType::kIpv4, kBadIp));
  EXPECT_EQ(r.url, "https://internetdb.shodan.io/185.220.101.47");
  EXPECT_EQ(r.headers.size(), 1u);  // Accept only: no key
  EXPECT_FALSE(s->needs_key());
  Enrichment tor = One(s->ParseResponse(Ind(IndicatorType::kIpv4, kBadIp),
                                        Reply(200, Fixture("internetdb_ip.json"))));
  EXPECT_EQ(tor.verdict, Verdict::kSuspicious);
  EXPECT_EQ(tor.score, 40);
  EXPECT_TRUE(HasTag(tor, "CVE-2023-38408"));
  EXPECT_EQ(tor.description, "open ports 22, 80, 443, 9001; hosts tor-exit-47.for-privacy.net");
  EXPECT_EQ(tor.reference, "https://www.shodan.io/host/185.220.101.47");
  Enrichment dns = One(s->ParseResponse(Ind(IndicatorType::kIpv4, kGoodIp),
                                        Reply(200, Fixture("internetdb_ip_dns.json"))));
  EXPECT_EQ(dns.verdict, Verdict::kUnknown);
  EXPECT_FALSE(dns.score.has_value());
  EXPECT_TRUE(IsNotFound(s->ParseResponse(Ind(IndicatorType::kIpv4, "93.184.215.14"),
                                          Reply(404, Fixture("internetdb_not_found.json")))));
  EXPECT_EQ(ErrorOf(s->ParseResponse(Ind(IndicatorType::kIpv4, kBadIp), Reply(403, ""))),
            "HTTP 403: access denied");
  Enrichment odd = One(s->ParseResponse(
      Ind(IndicatorType::kIpv4, kBadIp),
      Reply(200, R"({"ports":[80,"x",70000,-1,1e30],"tags":["c2","scanner"],"hostnames":"h"})")));
  EXPECT_EQ(odd.verdict, Verdict::kMalicious);
  EXPECT_EQ(odd.description, "open ports 80; hosts h");
}

// ---- MISP ----

TEST(Misp, BuildsRestSearch) {
  auto m = Make("misp");
  HttpRequest r = m->BuildRequest(Ind(IndicatorType::kDomain, kBadDomain));
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://misp.example.org/attributes/restSearch");
  EXPECT_EQ(HeaderOf(r, "Authorization"), kKey);
  EXPECT_EQ(HeaderOf(r, "Accept"), "application/json");
  const nlohmann::json body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["value"], kBadDomain);
  EXPECT_EQ(body["returnFormat"], "json");
  EXPECT_TRUE(m->Supports(IndicatorType::kEmail));
  auto prefixed = Make("misp", "https://intel.corp/misp/");
  EXPECT_EQ(prefixed->BuildRequest(Ind(IndicatorType::kIpv4, kBadIp)).url,
            "https://intel.corp/misp/attributes/restSearch");
}

TEST(Misp, ReadsAttributeSearch) {
  auto m = Make("misp");
  Enrichment d = One(m->ParseResponse(Ind(IndicatorType::kDomain, kBadDomain),
                                      Reply(200, Fixture("misp_attributes.json"))));
  EXPECT_EQ(d.verdict, Verdict::kMalicious);  // to_ids on event 17's attribute
  EXPECT_EQ(d.score, 90);
  EXPECT_TRUE(HasTag(d, "tlp:green"));
  EXPECT_TRUE(HasTag(d, R"(misp-galaxy:botnet="MyKings")"));
  // Event 23's attribute has no first_seen: its timestamp is the earliest sighting.
  EXPECT_EQ(d.first_seen, 1730000000 * kNsPerSecond);
  EXPECT_EQ(d.last_seen, 1732448655 * kNsPerSecond);
  EXPECT_EQ(d.description, "MISP event 17: MyKings botnet infrastructure (+1 more)");
  EXPECT_EQ(d.reference, "https://misp.example.org/events/view/17");
  // The address is only half of event 23's composite domain|ip attribute, not for IDS.
  Enrichment ip = One(m->ParseResponse(Ind(IndicatorType::kIpv4, kBadIp),
                                       Reply(200, Fixture("misp_attributes.json"))));
  EXPECT_EQ(ip.verdict, Verdict::kSuspicious);
  EXPECT_EQ(ip.score, 50);
  EXPECT_EQ(ip.reference, "https://misp.example.org/events/view/23");
  EXPECT_TRUE(IsNotFound(m->ParseResponse(Ind(IndicatorType::kDomain, "unknown.example.com"),
                                          Reply(200, Fixture("misp_empty.json")))));
  EXPECT_EQ(ErrorOf(m->ParseResponse(Ind(IndicatorType::kDomain, kBadDomain),
                                     Reply(403, Fixture("misp_unauthorized.json")))),
            "HTTP 403: API key rejected");
}

TEST(Misp, ReadsCorpusEventExport) {
  SECKIT_REQUIRE_CORPUS(path, "ioc/api_responses/misp_event_existing_pymisp.json");
  auto m = Make("misp");
  const std::string event = seckit::testing::ReadFile(path);
  Enrichment d =
      One(m->ParseResponse(Ind(IndicatorType::kDomain, "movieultimate.com"), Reply(200, event)));
  EXPECT_EQ(d.verdict, Verdict::kMalicious);
  EXPECT_EQ(d.description, "MISP event 9747: OSINT - Sednit update: How Fancy Bear Spent the Year");
  EXPECT_EQ(d.reference, "https://misp.example.org/events/view/9747");
  EXPECT_TRUE(HasTag(d, R"(misp-galaxy:threat-actor="Sofacy")"));
  EXPECT_EQ(d.last_seen, 1513893957 * kNsPerSecond);
  // An object's attribute (a file object's sha1) counts too.
  EXPECT_EQ(m->ParseResponse(Ind(IndicatorType::kSha1, "68064fc152e23d56e541714af52651cb4ba81aaf"),
                             Reply(200, event))
                .kind,
            Answer::Kind::kFound);
  EXPECT_TRUE(
      IsNotFound(m->ParseResponse(Ind(IndicatorType::kDomain, "example.com"), Reply(200, event))));
  // The same event wrapped as /events/view and /events/restSearch answer it.
  const std::string wrapped = R"({"Event":)" + event + "}";
  EXPECT_EQ(
      m->ParseResponse(Ind(IndicatorType::kDomain, "movieultimate.com"), Reply(200, wrapped)).kind,
      Answer::Kind::kFound);
  EXPECT_EQ(m->ParseResponse(Ind(IndicatorType::kDomain, "movieultimate.com"),
                             Reply(200, R"({"response":[)" + wrapped + "]}"))
                .kind,
            Answer::Kind::kFound);
}

TEST(Misp, OtherShapesAreMalformed) {
  auto m = Make("misp");
  const Indicator d = Ind(IndicatorType::kDomain, kBadDomain);
  EXPECT_EQ(ErrorOf(m->ParseResponse(d, Reply(200, "[]"))),
            "malformed response: neither an attribute search nor an event");
  SECKIT_REQUIRE_CORPUS(path, "ioc/api_responses/misp_events_index_pymisp.json");
  EXPECT_EQ(m->ParseResponse(d, Reply(200, seckit::testing::ReadFile(path))).kind,
            Answer::Kind::kError);
}

// ---- MakeProvider ----

TEST(MakeProvider, KnowsTheBuiltins) {
  const std::vector<std::string> expected = {"virustotal",    "abuseipdb",  "otx",
                                             "greynoise",     "urlhaus",    "threatfox",
                                             "malwarebazaar", "internetdb", "misp"};
  EXPECT_EQ(BuiltinProviderNames(), expected);
  for (const std::string& name : expected) {
    auto p = Make(name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_EQ(p->name(), name);
  }
}

TEST(MakeProvider, MissingKeyNamesWhereToPutIt) {
  unsetenv("SECKIT_VIRUSTOTAL_API_KEY");
  Result<std::unique_ptr<Provider>> p = MakeProvider("virustotal", "", Config::Empty());
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), ExitCode::kConfig);
  EXPECT_NE(p.status().message().find("SECKIT_VIRUSTOTAL_API_KEY"), std::string::npos);
  Result<std::unique_ptr<Provider>> internetdb = MakeProvider("internetdb", "", Config::Empty());
  EXPECT_TRUE(internetdb.ok());
}

TEST(MakeProvider, MispNeedsItsUrl) {
  Result<Config> config =
      Config::Parse("[ioc-enrich.providers.misp]\napi_key = \"k-123456\"\n", "t", "ioc-enrich");
  ASSERT_TRUE(config.ok());
  Result<std::unique_ptr<Provider>> p = MakeProvider("misp", "", *config);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), ExitCode::kConfig);
  EXPECT_TRUE(MakeProvider("misp", "http://127.0.0.1:9/", *config).ok());
}

TEST(MakeProvider, UnknownAndBadNames) {
  Result<std::unique_ptr<Provider>> unknown = MakeProvider("nosuch", "", TestConfig());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), ExitCode::kUsage);
  EXPECT_NE(unknown.status().message().find("unknown provider nosuch"), std::string::npos);
  EXPECT_EQ(MakeProvider("Bad Name", "", TestConfig()).status().code(), ExitCode::kUsage);
  EXPECT_EQ(MakeProvider("virustotal", "ftp://x", TestConfig()).status().code(), ExitCode::kUsage);
}

TEST(MakeProvider, BaseUrlReplacesSchemeAndHost) {
  auto vt = Make("virustotal", "http://127.0.0.1:8080/virustotal/");
  EXPECT_EQ(vt->BuildRequest(Ind(IndicatorType::kDomain, kBadDomain)).url,
            "http://127.0.0.1:8080/virustotal/api/v3/domains/down.mykings.pw");
  Result<Config> config = Config::Parse(
      "[ioc-enrich.providers.internetdb]\nbase_url = \"http://mirror.local\"\n", "t", "ioc-enrich");
  ASSERT_TRUE(config.ok());
  Result<std::unique_ptr<Provider>> p = MakeProvider("internetdb", "", *config);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)->BuildRequest(Ind(IndicatorType::kIpv4, kBadIp)).url,
            "http://mirror.local/185.220.101.47");
}

TEST(MakeProvider, LimitsHaveDefaultsAndOverrides) {
  auto vt = Make("virustotal");
  EXPECT_EQ(vt->limits().requests_per_minute, 4);
  EXPECT_EQ(vt->limits().daily_quota, 500);
  EXPECT_EQ(Make("abuseipdb")->limits().daily_quota, 1000);
  EXPECT_EQ(Make("greynoise")->limits().daily_quota, 50);
  EXPECT_EQ(Make("internetdb")->limits().cache_ttl, 7 * kNsPerDay);
  Result<Config> config = Config::Parse(R"(
[ioc-enrich.providers.internetdb]
requests_per_minute = 2.5
daily_quota = 10
concurrency = 3
cache_ttl = 60
negative_ttl = 30
)",
                                        "t", "ioc-enrich");
  ASSERT_TRUE(config.ok());
  Result<std::unique_ptr<Provider>> p = MakeProvider("internetdb", "", *config);
  ASSERT_TRUE(p.ok()) << p.status().message();
  const ProviderLimits& l = (*p)->limits();
  EXPECT_EQ(l.requests_per_minute, 2.5);
  EXPECT_EQ(l.daily_quota, 10);
  EXPECT_EQ(l.concurrency, 3);
  EXPECT_EQ(l.cache_ttl, 60 * kNsPerSecond);
  EXPECT_EQ(l.negative_ttl, 30 * kNsPerSecond);
  for (const char* bad : {"concurrency = 0", "daily_quota = -1", "requests_per_minute = -2",
                          "cache_ttl = \"1h\"", "negative_ttl = 99999999999999"}) {
    Result<Config> c =
        Config::Parse(std::string("[ioc-enrich.providers.internetdb]\n") + bad, "t", "ioc-enrich");
    ASSERT_TRUE(c.ok());
    Result<std::unique_ptr<Provider>> q = MakeProvider("internetdb", "", *c);
    ASSERT_FALSE(q.ok()) << bad;
    EXPECT_EQ(q.status().code(), ExitCode::kConfig) << bad;
  }
}

TEST(Providers, ErrorsNeverQuoteTheKey) {
  const std::string echo = std::string(R"({"error":{"message":"bad key )") + kKey + R"("}})";
  for (const std::string& name : BuiltinProviderNames()) {
    auto p = Make(name);
    for (long status : {400L, 401L, 429L, 500L}) {
      Answer a = p->ParseResponse(Ind(IndicatorType::kIpv4, kBadIp), Reply(status, echo));
      EXPECT_EQ(a.error.find(kKey), std::string::npos) << name << " " << a.error;
    }
  }
}

}  // namespace
}  // namespace seckit::ioc_enrich
