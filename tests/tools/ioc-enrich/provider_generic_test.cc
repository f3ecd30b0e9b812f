// Generic providers declared in [ioc-enrich.providers.NAME]: the request built from the
// templates, the answer read through JSON pointers, and the config errors a user can make.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fake_apis.h"
#include "provider.h"
#include "seckit/config.h"

namespace seckit::ioc_enrich {
namespace {

using testing::Fixture;

constexpr char kDeclaration[] = R"(
[ioc-enrich.providers.intel]
url = "https://intel.example.net/v1/lookup/{type}/{value}"
headers = ["X-Api-Key: {api_key}", "Accept:application/json"]
types = ["domain-name", "url", "ipv4-addr"]
found = "/result/found"
verdict = "/result/verdict"
verdict_malicious = ["Bad", "evil"]
score = "/result/risk"
score_scale = 100
tags = "/result/labels"
first_seen = "/result/first"
last_seen = "/result/last"
reference = "/result/permalink"
description = "/result/summary"
api_key = "intel-key-123456"
)";

Result<std::unique_ptr<Provider>> MakeFrom(const std::string& toml, const std::string& base = "") {
  Result<Config> config = Config::Parse(toml, "test.toml", "ioc-enrich");
  if (!config.ok()) return config.status();
  return MakeProvider("intel", base, *config);
}

std::unique_ptr<Provider> Make(const std::string& toml = kDeclaration) {
  Result<std::unique_ptr<Provider>> p = MakeFrom(toml);
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
  return r;
}

TEST(GenericProvider, BuildsRequestFromTemplates) {
  auto p = Make();
  EXPECT_EQ(p->name(), "intel");
  EXPECT_TRUE(p->needs_key());
  EXPECT_TRUE(p->Supports(IndicatorType::kDomain));
  EXPECT_FALSE(p->Supports(IndicatorType::kSha256));
  EXPECT_EQ(p->limits().requests_per_minute, 60);
  HttpRequest r = p->BuildRequest(Ind(IndicatorType::kUrl, "http://a.com/x?y=1"));
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.url, "https://intel.example.net/v1/lookup/url/http%3A%2F%2Fa.com%2Fx%3Fy%3D1");
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"X-Api-Key", "intel-key-123456"}));
  EXPECT_EQ(r.headers[1], (std::pair<std::string, std::string>{"Accept", "application/json"}));
}

TEST(GenericProvider, PostBodyAndKeyInUrl) {
  auto p = Make(R"(
[ioc-enrich.providers.intel]
url = "https://intel.example.net/search?key={api_key}"
method = "POST"
body = '{"q":"{value_json}","kind":"{type}"}'
headers = ["Content-Type: application/json"]
api_key = "k&y-123456"
)");
  HttpRequest r = p->BuildRequest(Ind(IndicatorType::kUrl, R"(http://a.com/"x")"));
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://intel.example.net/search?key=k%26y-123456");
  const nlohmann::json body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["q"], R"(http://a.com/"x")");
  EXPECT_EQ(body["kind"], "url");
  EXPECT_TRUE(p->Supports(IndicatorType::kEmail));  // no types: every type
}

TEST(GenericProvider, ReadsAnswerThroughPointers) {
  auto p = Make();
  Answer a = p->ParseResponse(Ind(IndicatorType::kDomain, testing::kBadDomain),
                              Reply(200, Fixture("generic_lookup.json")));
  ASSERT_EQ(a.kind, Answer::Kind::kFound) << a.error;
  const Enrichment& e = a.enrichments.at(0);
  EXPECT_EQ(e.provider, "intel");
  EXPECT_EQ(e.verdict, Verdict::kMalicious);  // "BAD" is listed, any case
  EXPECT_EQ(e.score, 92);
  EXPECT_EQ(e.tags, (std::vector<std::string>{"phishing", "kit"}));
  EXPECT_EQ(e.first_seen, ParseRfc3339("2026-11-01T00:00:00Z"));
  EXPECT_EQ(e.last_seen, 1732448655 * kNsPerSecond);
  EXPECT_EQ(e.reference, "https://intel.example.net/ioc/down.mykings.pw");
  EXPECT_EQ(e.description, "Phishing kit host");
}

TEST(GenericProvider, NotFoundByStatusOrPointer) {
  auto p = Make();
  const Indicator d = Ind(IndicatorType::kDomain, "unknown.example.com");
  EXPECT_EQ(p->ParseResponse(d, Reply(404, Fixture("generic_not_found.json"))).kind,
            Answer::Kind::kNotFound);
  for (const char* body : {R"({"result":{"found":false}})", R"({"result":{}})", "{}",
                           R"({"result":{"found":0}})", R"({"result":{"found":[]}})"}) {
    EXPECT_EQ(p->ParseResponse(d, Reply(200, body)).kind, Answer::Kind::kNotFound) << body;
  }
  EXPECT_EQ(p->ParseResponse(d, Reply(401, "")).error, "HTTP 401: API key rejected");
  EXPECT_EQ(p->ParseResponse(d, Reply(200, "{")).error,
            "malformed response: truncated JSON (1 bytes)");
  auto no_status = Make(std::string(kDeclaration) + "not_found_status = 0\n");
  EXPECT_EQ(no_status->ParseResponse(d, Reply(404, "")).error, "HTTP 404");
}

TEST(GenericProvider, VerdictFromBooleanOrScore) {
  auto p = Make(R"(
[ioc-enrich.providers.intel]
url = "https://intel.example.net/{value}"
verdict = "/listed"
score = "/risk"
malicious_score = 80
suspicious_score = 40
reference_url = "https://intel.example.net/ui/{type}/{value}"
)");
  const Indicator ip = Ind(IndicatorType::kIpv4, testing::kBadIp);
  const auto verdict = [&](const char* body) {
    Answer a = p->ParseResponse(ip, Reply(200, body));
    EXPECT_EQ(a.kind, Answer::Kind::kFound) << body << a.error;
    return a.enrichments.empty() ? Verdict::kUnknown : a.enrichments[0].verdict;
  };
  EXPECT_EQ(verdict(R"({"listed":true})"), Verdict::kMalicious);
  EXPECT_EQ(verdict(R"({"listed":false,"risk":99})"), Verdict::kBenign);
  EXPECT_EQ(verdict(R"({"listed":"suspicious"})"), Verdict::kSuspicious);
  EXPECT_EQ(verdict(R"({"risk":85})"), Verdict::kMalicious);
  EXPECT_EQ(verdict(R"({"risk":"45"})"), Verdict::kSuspicious);
  EXPECT_EQ(verdict(R"({"risk":10})"), Verdict::kUnknown);
  EXPECT_EQ(verdict(R"({"listed":"whatever","risk":[1]})"), Verdict::kUnknown);
  Answer a = p->ParseResponse(ip, Reply(200, R"({"risk":1e9})"));
  EXPECT_EQ(a.enrichments.at(0).score, 100);
  EXPECT_EQ(a.enrichments.at(0).reference, "https://intel.example.net/ui/ipv4-addr/185.220.101.47");
  EXPECT_FALSE(p->needs_key());
}

TEST(GenericProvider, BaseUrlReplacesSchemeAndHost) {
  Result<std::unique_ptr<Provider>> p = MakeFrom(kDeclaration, "http://127.0.0.1:9/generic/");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ((*p)->BuildRequest(Ind(IndicatorType::kIpv4, testing::kBadIp)).url,
            "http://127.0.0.1:9/generic/v1/lookup/ipv4-addr/185.220.101.47");
}

TEST(GenericProvider, DeclarationErrorsAreConfigErrors) {
  const std::string head = "[ioc-enrich.providers.intel]\napi_key = \"intel-key-123456\"\n";
  const std::string url = "url = \"https://x.example/{value}\"\n";
  struct Case {
    std::string toml;
    std::string message;
  };
  const Case cases[] = {
      {head + url + "score = \"data/score\"\n", "providers.intel.score must be a JSON pointer"},
      {head + url + "tags = \"/a~2\"\n", "providers.intel.tags must be a JSON pointer"},
      {head + "url = \"https://x.example/{vlaue}\"\n", "unknown placeholder {vlaue}"},
      {head + url + "headers = [\"X-Key {api_key}\"]\n", "providers.intel.headers entries"},
      {head + url + "method = \"PUT\"\n", "providers.intel.method must be GET or POST"},
      {head + "url = \"ftp://x.example/{value}\"\n", "must start with http:// or https://"},
      {head + url + "types = [\"ip\"]\n", "providers.intel.types lists an unknown type"},
      {head + url + "not_found_status = 200\n", "providers.intel.not_found_status must be"},
      {head + url + "score_scale = \"big\"\n", "score_scale"},
      {head + url + "concurrency = 0\n", "providers.intel.concurrency must be"},
      {"[ioc-enrich.providers.intel]\nurl = \"https://x.example/{value}?k={api_key}\"\n",
       "intel needs an API key: set SECKIT_INTEL_API_KEY"},
  };
  for (const Case& c : cases) {
    Result<std::unique_ptr<Provider>> p = MakeFrom(c.toml);
    ASSERT_FALSE(p.ok()) << c.toml;
    EXPECT_EQ(p.status().code(), ExitCode::kConfig) << c.toml << p.status().message();
    EXPECT_NE(p.status().message().find(c.message), std::string::npos)
        << p.status().message() << " | " << c.toml;
    EXPECT_EQ(p.status().message().find("intel-key-123456"), std::string::npos);
  }
}

}  // namespace
}  // namespace seckit::ioc_enrich
