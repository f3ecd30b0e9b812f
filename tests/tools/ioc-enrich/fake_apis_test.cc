// Every provider against the fake APIs on loopback: the request a provider builds reaches the
// route the fake serves, the fixture comes back and reads as found; unknown values, wrong keys,
// rate limits, failures, slow and truncated answers behave as the real APIs document. This keeps
// the fixtures, the fake server and the providers in agreement for the end-to-end tests.
#include "fake_apis.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include "provider.h"
#include "seckit/config.h"

namespace seckit::ioc_enrich {
namespace {

using testing::FakeApis;

constexpr char kKey[] = "fake-key-0123456789";

Config KeyedConfig() {
  std::string toml;
  for (const std::string& name : FakeApis::Providers()) {
    if (name == "generic") continue;
    toml += "[ioc-enrich.providers." + name + "]\napi_key = \"" + kKey + "\"\n";
  }
  toml += R"([ioc-enrich.providers.intel]
url = "https://intel.example.net/v1/lookup/{type}/{value}"
headers = ["X-Api-Key: {api_key}"]
found = "/result/found"
verdict = "/result/verdict"
api_key = ")" +
          std::string(kKey) + "\"\n";
  Result<Config> config = Config::Parse(toml, "test.toml", "ioc-enrich");
  EXPECT_TRUE(config.ok()) << config.status().message();
  return config.ok() ? std::move(config).value() : Config();
}

// The provider named `name` ("generic": the declared "intel"), pointed at the fake.
std::unique_ptr<Provider> At(const FakeApis& fake, const std::string& name) {
  const std::string declared = name == "generic" ? "intel" : name;
  Result<std::unique_ptr<Provider>> p = MakeProvider(declared, fake.BaseUrl(name), KeyedConfig());
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? std::move(p).value() : nullptr;
}

// Sends `request` as it is (no re-encoding), as the HTTP engine would.
HttpResponse Send(const HttpRequest& request) {
  HttpResponse out;
  const std::string prefix = "http://127.0.0.1:";
  if (request.url.rfind(prefix, 0) != 0) {
    out.error = "not a loopback URL";
    return out;
  }
  const size_t slash = request.url.find('/', prefix.size());
  const int port = std::stoi(request.url.substr(prefix.size(), slash - prefix.size()));
  httplib::Client client("127.0.0.1", port);
  client.set_url_encode(false);
  httplib::Headers headers;
  std::string content_type = "text/plain";
  for (const auto& [name, value] : request.headers) {
    if (name == "Content-Type")
      content_type = value;
    else
      headers.emplace(name, value);
  }
  const std::string target = request.url.substr(slash);
  httplib::Result res = request.method == "POST" ? client.Post(target.c_str(), headers,
                                                               request.body, content_type.c_str())
                                                 : client.Get(target.c_str(), headers);
  out.attempts = 1;
  if (!res) {
    out.error = httplib::to_string(res.error());
    return out;
  }
  out.status = res->status;
  out.body = res->body;
  if (res->has_header("Retry-After")) {
    out.retry_after_seconds = std::stoll(res->get_header_value("Retry-After"));
  }
  return out;
}

Indicator Ind(IndicatorType type, std::string_view value) {
  Indicator i;
  i.type = type;
  i.value = std::string(value);
  return i;
}

Answer Ask(const Provider& p, const Indicator& indicator) {
  return p.ParseResponse(indicator, Send(p.BuildRequest(indicator)));
}

class FakeApisTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(fake_.Start()); }
  FakeApis fake_;
};

TEST_F(FakeApisTest, EveryFixtureRoundTrips) {
  using T = IndicatorType;
  const struct {
    std::string provider;
    IndicatorType type;
    std::string_view value;
  } cases[] = {
      {"virustotal", T::kIpv4, testing::kBadIp},
      {"virustotal", T::kDomain, testing::kBadDomain},
      {"virustotal", T::kUrl, testing::kBadUrl},
      {"virustotal", T::kMd5, testing::kEicarMd5},
      {"virustotal", T::kSha1, testing::kEicarSha1},
      {"virustotal", T::kSha256, testing::kEicarSha256},
      {"abuseipdb", T::kIpv4, testing::kBadIp},
      {"abuseipdb", T::kIpv4, testing::kGoodIp},
      {"otx", T::kIpv4, testing::kBadIp},
      {"otx", T::kIpv4, testing::kGoodIp},
      {"otx", T::kDomain, testing::kBadDomain},
      {"greynoise", T::kIpv4, testing::kBadIp},
      {"greynoise", T::kIpv4, testing::kGoodIp},
      {"urlhaus", T::kUrl, testing::kBadUrl},
      {"urlhaus", T::kDomain, testing::kBadDomain},
      {"urlhaus", T::kMd5, testing::kEicarMd5},
      {"urlhaus", T::kSha256, testing::kEicarSha256},
      {"threatfox", T::kIpv4, testing::kBadIp},
      {"threatfox", T::kDomain, testing::kBadDomain},
      {"threatfox", T::kMd5, testing::kEicarMd5},
      {"threatfox", T::kSha256, testing::kEicarSha256},
      {"malwarebazaar", T::kMd5, testing::kEicarMd5},
      {"malwarebazaar", T::kSha1, testing::kEicarSha1},
      {"malwarebazaar", T::kSha256, testing::kEicarSha256},
      {"internetdb", T::kIpv4, testing::kBadIp},
      {"internetdb", T::kIpv4, testing::kGoodIp},
      {"misp", T::kDomain, testing::kBadDomain},
      {"misp", T::kIpv4, testing::kBadIp},
      {"generic", T::kDomain, testing::kBadDomain},
  };
  for (const auto& c : cases) {
    for (const std::string& name : FakeApis::Providers()) {
      FakeApis::Faults faults;
      if (name != "internetdb") faults.required_key = kKey;
      fake_.SetFaults(name, faults);
    }
    fake_.ClearRequests();
    auto p = At(fake_, c.provider);
    ASSERT_NE(p, nullptr);
    ASSERT_TRUE(p->Supports(c.type)) << c.provider;
    const Answer a = Ask(*p, Ind(c.type, c.value));
    EXPECT_EQ(a.kind, Answer::Kind::kFound) << c.provider << " " << c.value << ": " << a.error;
    const std::vector<FakeApis::Request> log = fake_.requests();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].provider, c.provider);
    EXPECT_EQ(log[0].value, c.value) << c.provider;
    EXPECT_EQ(log[0].status, 200);
    const std::string_view header = FakeApis::KeyHeader(c.provider);
    if (!header.empty()) {
      EXPECT_EQ(log[0].Header(header), kKey) << c.provider;
    }
  }
}

TEST_F(FakeApisTest, UnknownValuesAreNotFoundInEachApisWay) {
  for (const std::string& name : FakeApis::Providers()) {
    auto p = At(fake_, name);
    ASSERT_NE(p, nullptr);
    const Indicator unknown = p->Supports(IndicatorType::kIpv4)
                                  ? Ind(IndicatorType::kIpv4, "93.184.215.14")
                                  : Ind(IndicatorType::kSha256, std::string(64, '0'));
    const Answer a = Ask(*p, unknown);
    EXPECT_EQ(a.kind, Answer::Kind::kNotFound) << name << ": " << a.error;
  }
}

TEST_F(FakeApisTest, WrongKeyIsRejected) {
  for (const std::string& name : FakeApis::Providers()) {
    if (FakeApis::KeyHeader(name).empty()) continue;
    FakeApis::Faults faults;
    faults.required_key = "the-right-key";
    fake_.SetFaults(name, faults);
    auto p = At(fake_, name);
    const Indicator i = p->Supports(IndicatorType::kIpv4)
                            ? Ind(IndicatorType::kIpv4, testing::kBadIp)
                            : Ind(IndicatorType::kMd5, testing::kEicarMd5);
    const Answer a = Ask(*p, i);
    EXPECT_EQ(a.kind, Answer::Kind::kError) << name;
    EXPECT_NE(a.error.find("API key rejected"), std::string::npos) << name << ": " << a.error;
    EXPECT_EQ(a.error.find(kKey), std::string::npos);
  }
}

TEST_F(FakeApisTest, RateLimitsFailuresAndTruncation) {
  auto vt = At(fake_, "virustotal");
  const Indicator ip = Ind(IndicatorType::kIpv4, testing::kBadIp);
  FakeApis::Faults faults;
  faults.rate_limit_next = 1;
  faults.retry_after_seconds = 7;
  faults.fail_next = 2;
  faults.truncate_next = 1;
  fake_.SetFaults("virustotal", faults);
  HttpResponse limited = Send(vt->BuildRequest(ip));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.retry_after_seconds, 7);
  EXPECT_EQ(vt->ParseResponse(ip, limited).error, "HTTP 429: Too Many Requests (retry after 7 s)");
  EXPECT_EQ(Ask(*vt, ip).error, "HTTP 500");
  EXPECT_EQ(Ask(*vt, ip).error, "HTTP 500");
  EXPECT_EQ(Ask(*vt, ip).error.rfind("malformed response: truncated JSON", 0), 0u);
  EXPECT_EQ(Ask(*vt, ip).kind, Answer::Kind::kFound);
  const std::vector<FakeApis::Request> log = fake_.requests();
  ASSERT_EQ(log.size(), 5u);
  EXPECT_EQ(log[0].status, 429);
  EXPECT_EQ(log[1].status, 500);
  EXPECT_EQ(log[4].status, 200);
  for (size_t i = 1; i < log.size(); ++i) EXPECT_LE(log[i - 1].time, log[i].time);
  FakeApis::Faults failing;
  failing.fail_next = -1;  // every request
  failing.fail_status = 503;
  fake_.SetFaults("virustotal", failing);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Ask(*vt, ip).error, "HTTP 503");
  EXPECT_EQ(fake_.RequestCount("virustotal"), 8u);
  EXPECT_EQ(fake_.RequestCount("otx"), 0u);
}

TEST_F(FakeApisTest, SlowAnswers) {
  auto db = At(fake_, "internetdb");
  FakeApis::Faults slow;
  slow.delay = std::chrono::milliseconds(200);
  fake_.SetFaults("internetdb", slow);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Ask(*db, Ind(IndicatorType::kIpv4, testing::kBadIp)).kind, Answer::Kind::kFound);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
}

TEST_F(FakeApisTest, EncodedValuesArriveIntact) {
  const std::string odd_url = "http://x.com/a b?c=d&e=%41#frag";
  fake_.SetAnswer("otx", odd_url, 200, testing::Fixture("otx_hostname_general.json"));
  fake_.SetAnswer("urlhaus", odd_url, 200, testing::Fixture("urlhaus_url.json"));
  fake_.SetAnswer("virustotal", odd_url, 200, testing::Fixture("virustotal_url.json"));
  fake_.SetAnswer("virustotal", "2001:db8::1", 200, testing::Fixture("virustotal_ip_address.json"));
  for (const char* name : {"otx", "urlhaus", "virustotal"}) {
    EXPECT_EQ(Ask(*At(fake_, name), Ind(IndicatorType::kUrl, odd_url)).kind, Answer::Kind::kFound)
        << name;
  }
  EXPECT_EQ(Ask(*At(fake_, "virustotal"), Ind(IndicatorType::kIpv6, "2001:db8::1")).kind,
            Answer::Kind::kFound);
  EXPECT_EQ(fake_.requests().back().target, "/virustotal/api/v3/ip_addresses/2001%3Adb8%3A%3A1");
}

TEST_F(FakeApisTest, UnknownRoutesAreRecorded) {
  HttpRequest r;
  r.url = "http://127.0.0.1:" + std::to_string(fake_.port()) + "/nowhere?x=1";
  EXPECT_EQ(Send(r).status, 404);
  ASSERT_EQ(fake_.requests().size(), 1u);
  EXPECT_EQ(fake_.requests()[0].provider, "");
  EXPECT_EQ(fake_.requests()[0].target, "/nowhere?x=1");
}

}  // namespace
}  // namespace seckit::ioc_enrich
