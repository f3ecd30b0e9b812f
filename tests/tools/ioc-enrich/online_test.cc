// ioc-enrich end to end against the fake threat-intel APIs on loopback (fake_apis.h): the
// enrichments, the cache (a second run sends nothing), --offline, private addresses never sent,
// retries after 429, failures recorded per indicator with status 69, a generic provider declared
// in the config, and the API key never in stdout, stderr or the cache file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fake_apis.h"
#include "test_support.h"

namespace seckit::ioc_enrich {
namespace {

using nlohmann::json;
using seckit::testing::CommandResult;
using seckit::testing::TempDir;
using seckit::testing::WriteFile;
using testing::FakeApis;

constexpr const char* kVtKey = "vt-test-key-0123456789abcdef";
constexpr const char* kAbuseKey = "abuse-test-key-fedcba9876543210";

class IocEnrichOnline : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(apis_.Start()) << "cannot listen on 127.0.0.1";
    WriteFile(dir_ / "list.txt",
              std::string(testing::kBadIp) + "\n" + std::string(testing::kGoodIp) + "\n" +
                  "10.1.2.3\n" + std::string(testing::kBadDomain) + "\n" +
                  std::string(testing::kEicarSha256) + "\n");
  }

  // ioc-enrich with keys and limits in the environment, the cache and config in the temp dir.
  CommandResult Enrich(std::vector<std::string> args, const std::string& input = "") {
    std::vector<std::string> argv = {
        "env",
        "XDG_CONFIG_HOME=" + (dir_ / "config").string(),
        "XDG_CACHE_HOME=" + (dir_ / "cache").string(),
        std::string("SECKIT_VIRUSTOTAL_API_KEY=") + kVtKey,
        std::string("SECKIT_ABUSEIPDB_API_KEY=") + kAbuseKey,
        // The free tiers' limits (4 requests a minute for VirusTotal) would make tests slow.
        "SECKIT_PROVIDERS_VIRUSTOTAL_REQUESTS_PER_MINUTE=0",
        "SECKIT_PROVIDERS_VIRUSTOTAL_DAILY_QUOTA=0",
        "SECKIT_PROVIDERS_ABUSEIPDB_REQUESTS_PER_MINUTE=0",
        "SECKIT_PROVIDERS_ABUSEIPDB_DAILY_QUOTA=0",
        (seckit::testing::BinDir() / "ioc-enrich").string(),
        "--provider-url", "virustotal=" + apis_.BaseUrl("virustotal"),
        "--provider-url", "abuseipdb=" + apis_.BaseUrl("abuseipdb")};
    argv.insert(argv.end(), args.begin(), args.end());
    CommandResult r = seckit::testing::Run(argv, input);
    for (const char* key : {kVtKey, kAbuseKey}) {
      EXPECT_EQ(r.out.find(key), std::string::npos) << "key in stdout";
      EXPECT_EQ(r.err.find(key), std::string::npos) << "key in stderr";
    }
    return r;
  }

  std::vector<std::string> Providers() {
    return {"--provider", "virustotal", "--provider", "abuseipdb"};
  }
  std::vector<std::string> ListArgs() {
    std::vector<std::string> a = Providers();
    a.insert(a.end(), {"-i", (dir_ / "list.txt").string()});
    return a;
  }

  static std::vector<json> Records(const std::string& out) {
    std::vector<json> records;
    for (const std::string& line : seckit::testing::SplitLines(out)) {
      records.push_back(json::parse(line));
    }
    return records;
  }

  // The enrichment entries of `record` from `provider`.
  static std::vector<json> From(const json& record, const std::string& provider) {
    std::vector<json> out;
    for (const json& e : record["threat"]["enrichments"]) {
      if (e["indicator"]["provider"] == provider) out.push_back(e);
    }
    return out;
  }

  TempDir dir_;
  FakeApis apis_;
};

TEST_F(IocEnrichOnline, EnrichesAndCachesAndNeverSendsPrivateAddresses) {
  CommandResult r = Enrich(ListArgs());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> out = Records(r.out);
  ASSERT_EQ(out.size(), 5u);
  // The Tor exit in the fixtures: both providers call it malicious.
  EXPECT_EQ(out[0]["threat"]["indicator"]["ip"], testing::kBadIp);
  ASSERT_EQ(From(out[0], "virustotal").size(), 1u) << out[0].dump();
  ASSERT_EQ(From(out[0], "abuseipdb").size(), 1u) << out[0].dump();
  EXPECT_EQ(From(out[0], "abuseipdb")[0]["ioc"]["score"], 100);  // abuseConfidenceScore
  EXPECT_EQ(out[0]["ioc"]["verdict"], "malicious");
  // 8.8.8.8 is whitelisted at AbuseIPDB: nothing malicious about it.
  EXPECT_NE(out[1]["ioc"]["verdict"], "malicious") << out[1].dump();
  // The private address was asked of nobody.
  EXPECT_EQ(out[2]["threat"]["indicator"]["ip"], "10.1.2.3");
  EXPECT_EQ(out[2]["threat"]["enrichments"].size(), 0u);
  // VirusTotal knows the domain and the file; AbuseIPDB takes only addresses.
  EXPECT_EQ(From(out[3], "virustotal").size(), 1u);
  EXPECT_EQ(From(out[3], "abuseipdb").size(), 0u);
  EXPECT_EQ(From(out[4], "virustotal").size(), 1u);

  std::vector<FakeApis::Request> sent = apis_.requests();
  size_t to_vt = 0;
  for (const FakeApis::Request& q : sent) {
    EXPECT_NE(q.value, "10.1.2.3") << q.provider << " was asked about a private address";
    if (q.provider == "virustotal") {
      ++to_vt;
      EXPECT_EQ(q.Header("x-apikey"), kVtKey);
    }
    if (q.provider == "abuseipdb") {
      EXPECT_EQ(q.Header("Key"), kAbuseKey);
    }
  }
  EXPECT_EQ(to_vt, 4u);                           // two addresses, a domain, a hash: once each
  EXPECT_EQ(apis_.RequestCount("abuseipdb"), 2u);  // the two public addresses

  // Second run: everything from the cache, not one request; the same records.
  apis_.ClearRequests();
  CommandResult again = Enrich(ListArgs());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(apis_.requests().size(), 0u);
  std::vector<json> cached = Records(again.out);
  ASSERT_EQ(cached.size(), out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    json a = out[i], b = cached[i];
    a.erase("@timestamp");
    b.erase("@timestamp");
    EXPECT_EQ(a, b) << i;
  }
  // The cache holds answers, never a key.
  const std::string cache = seckit::testing::ReadFile(dir_ / "cache" / "seckit" / "ioc-enrich.sqlite");
  ASSERT_FALSE(cache.empty());
  EXPECT_EQ(cache.find(kVtKey), std::string::npos);
  EXPECT_EQ(cache.find(kAbuseKey), std::string::npos);
  struct stat st {};
  ASSERT_EQ(stat((dir_ / "cache" / "seckit" / "ioc-enrich.sqlite").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u) << "cache readable by others";
}

TEST_F(IocEnrichOnline, OfflineSendsNothing) {
  std::vector<std::string> args = ListArgs();
  args.push_back("--offline");
  CommandResult r = Enrich(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Records(r.out).size(), 5u);
  EXPECT_EQ(apis_.requests().size(), 0u);
}

TEST_F(IocEnrichOnline, RetriesAfter429AndRecordsFailures) {
  FakeApis::Faults limited;
  limited.rate_limit_next = 1;
  limited.retry_after_seconds = 1;
  apis_.SetFaults("abuseipdb", limited);
  FakeApis::Faults broken;
  broken.required_key = "some-other-key-0000000000";
  apis_.SetFaults("virustotal", broken);
  std::vector<std::string> args = ListArgs();
  args.push_back("--no-cache");
  CommandResult r = Enrich(args);
  // VirusTotal rejects the key: each of its lookups fails, the records are still written.
  EXPECT_EQ(r.exit_code, 69) << r.err;
  EXPECT_NE(r.err.find("virustotal"), std::string::npos) << r.err;
  std::vector<json> out = Records(r.out);
  ASSERT_EQ(out.size(), 5u);
  ASSERT_TRUE(out[0]["ioc"].contains("errors")) << out[0].dump();
  EXPECT_EQ(out[0]["ioc"]["errors"][0]["provider"], "virustotal");
  EXPECT_EQ(out[0]["ioc"]["errors"][0]["indicator"], testing::kBadIp);
  EXPECT_NE(out[0]["ioc"]["errors"][0]["error"].get<std::string>().find("401"), std::string::npos)
      << out[0].dump();
  // AbuseIPDB answered after the 429: the server saw one more request than addresses.
  EXPECT_EQ(From(out[0], "abuseipdb").size(), 1u) << out[0].dump();
  EXPECT_EQ(apis_.RequestCount("abuseipdb"), 3u);
  std::vector<FakeApis::Request> sent = apis_.requests();
  std::vector<std::chrono::steady_clock::time_point> abuse;
  for (const FakeApis::Request& q : sent) {
    if (q.provider == "abuseipdb") abuse.push_back(q.time);
  }
  ASSERT_EQ(abuse.size(), 3u);
  // The retry of the rate-limited request came after its Retry-After (1 s).
  EXPECT_GE(abuse.back() - abuse.front(), std::chrono::milliseconds(900));
}

// Lookups go out together, not one by one: 40 addresses against a server that takes 200 ms per
// answer arrive within a fraction of the 8 s they would take in turn, from a list and from
// records alike. (A batch once ended at the first pending lookup, which sent them one at a time.)
TEST_F(IocEnrichOnline, LookupsOfABatchGoOutConcurrently) {
  FakeApis::Faults slow;
  slow.delay = std::chrono::milliseconds(200);
  apis_.SetFaults("internetdb", slow);
  std::string list, records;
  for (int i = 1; i <= 40; ++i) {
    const std::string ip = "45.33." + std::to_string(i) + ".7";
    list += ip + "\n";
    records += "{\"destination\":{\"ip\":\"" + ip + "\"}}\n";
  }
  WriteFile(dir_ / "many.txt", list);
  const std::vector<std::string> env = {
      "env", "XDG_CONFIG_HOME=" + (dir_ / "config").string(),
      "SECKIT_PROVIDERS_INTERNETDB_REQUESTS_PER_MINUTE=0",
      "SECKIT_PROVIDERS_INTERNETDB_CONCURRENCY=20",
      (seckit::testing::BinDir() / "ioc-enrich").string(), "--provider", "internetdb",
      "--provider-url", "internetdb=" + apis_.BaseUrl("internetdb"), "--no-cache"};
  for (const bool as_list : {true, false}) {
    SCOPED_TRACE(as_list ? "-i list" : "records");
    apis_.ClearRequests();
    std::vector<std::string> argv = env;
    if (as_list) argv.insert(argv.end(), {"-i", (dir_ / "many.txt").string()});
    CommandResult r = seckit::testing::Run(argv, as_list ? "" : records);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(Records(r.out).size(), 40u);
    const std::vector<FakeApis::Request> seen = apis_.requests();
    ASSERT_EQ(seen.size(), 40u);
    auto [first, last] = std::minmax_element(
        seen.begin(), seen.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
    EXPECT_LT(last->time - first->time, std::chrono::seconds(2));
  }
}

TEST_F(IocEnrichOnline, GenericProviderDeclaredInTheConfig) {
  const std::string config = (dir_ / "seckit.toml").string();
  WriteFile(config,
            "[ioc-enrich.providers.myintel]\n"
            "url = \"https://intel.example.net/v1/lookup/{type}/{value}\"\n"
            "headers = [\"X-Api-Key: {api_key}\"]\n"
            "api_key = \"generic-secret-key-123456789\"\n"
            "found = \"/result/found\"\n"
            "verdict = \"/result/verdict\"\n"
            "verdict_malicious = [\"bad\"]\n"
            "score = \"/result/risk\"\n"
            "score_scale = 100\n"
            "tags = \"/result/labels\"\n"
            "reference = \"/result/permalink\"\n");
  chmod(config.c_str(), 0600);
  CommandResult r = seckit::testing::Run(
      {"env", "XDG_CACHE_HOME=" + (dir_ / "cache").string(),
       (seckit::testing::BinDir() / "ioc-enrich").string(), "--config", config, "--provider",
       "myintel", "--provider-url", "myintel=" + apis_.BaseUrl("generic"), "--no-cache"},
      "{\"dns\":{\"question\":{\"name\":\"" + std::string(testing::kBadDomain) + "\"}}}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("generic-secret-key-123456789"), std::string::npos);
  EXPECT_EQ(r.err.find("generic-secret-key-123456789"), std::string::npos);
  json record = json::parse(r.out);
  ASSERT_EQ(From(record, "myintel").size(), 1u) << record.dump();
  EXPECT_EQ(From(record, "myintel")[0]["ioc"]["verdict"], "malicious");
  ASSERT_EQ(apis_.RequestCount("generic"), 1u);
  EXPECT_EQ(apis_.requests()[0].Header("X-Api-Key"), "generic-secret-key-123456789");
  // A config file holding a key that others can read is refused.
  chmod(config.c_str(), 0644);
  CommandResult refused = seckit::testing::Run(
      {(seckit::testing::BinDir() / "ioc-enrich").string(), "--config", config, "--provider",
       "myintel", "--offline"},
      "");
  EXPECT_EQ(refused.exit_code, 78) << refused.err;
}

}  // namespace
}  // namespace seckit::ioc_enrich
