// ioc-enrich speaks HTTP/2 to a provider that offers it, and verifies HTTPS servers against
// --ca-file: a real nginx on 127.0.0.1 (tls_front.h) with a certificate from a CA the test
// makes, offering h2 by ALPN, in front of the fake threat-intel APIs (fake_apis.h), which answer
// slowly so that the lookups of a batch are in flight together. nginx's access log is the
// server's word on the protocol and the connection of each request.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "fake_apis.h"
#include "test_support.h"
#include "tls_front.h"

namespace seckit::ioc_enrich {
namespace {

using nlohmann::json;
using seckit::testing::CommandResult;
using seckit::testing::TempDir;
using testing::FakeApis;
using testing::TlsFront;

constexpr const char* kVtKey = "vt-h2-test-key-0123456789abcdef";
// How long the backend takes per answer: long enough that lookups sent together overlap there.
constexpr std::chrono::milliseconds kAnswerDelay{400};

class IocEnrichHttps : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string missing = TlsFront::Missing(); !missing.empty()) {
      GTEST_SKIP() << missing;
    }
    ASSERT_TRUE(apis_.Start()) << "cannot listen on 127.0.0.1";
    FakeApis::Faults slow;
    slow.delay = kAnswerDelay;
    apis_.SetFaults("virustotal", slow);
    const std::string error = front_.Start(apis_.port());
    ASSERT_EQ(error, "");
    // The Tor exit VirusTotal's fixture knows, and routed addresses it has never heard of (not
    // documentation ones: those are never sent out): a request each, all in one batch.
    std::string list = std::string(testing::kBadIp) + "\n";
    for (int i = 1; i <= kUnknown; ++i) list += "81.2.69." + std::to_string(i) + "\n";
    seckit::testing::WriteFile(dir_ / "list.txt", list);
  }

  // ioc-enrich asking VirusTotal at `base` (nginx's URL), with no cache so every lookup is sent.
  CommandResult Enrich(const std::string& base, std::vector<std::string> extra) {
    std::vector<std::string> argv = {
        "env",
        "XDG_CONFIG_HOME=" + (dir_ / "config").string(),
        "XDG_CACHE_HOME=" + (dir_ / "cache").string(),
        std::string("SECKIT_VIRUSTOTAL_API_KEY=") + kVtKey,
        "SECKIT_PROVIDERS_VIRUSTOTAL_REQUESTS_PER_MINUTE=0",
        "SECKIT_PROVIDERS_VIRUSTOTAL_DAILY_QUOTA=0",
        "SECKIT_PROVIDERS_VIRUSTOTAL_CONCURRENCY=16",  // the whole batch at once (default 4)
        (seckit::testing::BinDir() / "ioc-enrich").string(),
        "--provider",
        "virustotal",
        "--provider-url",
        "virustotal=" + base + "/virustotal",
        "--no-cache",
        "--timeout",
        "10",
        "-i",
        (dir_ / "list.txt").string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    CommandResult r = seckit::testing::Run(argv);
    EXPECT_EQ(r.out.find(kVtKey), std::string::npos) << "key in stdout";
    EXPECT_EQ(r.err.find(kVtKey), std::string::npos) << "key in stderr";
    return r;
  }

  // The most backend requests that were in flight at one time (each takes kAnswerDelay).
  size_t MostAtOnce() const {
    std::vector<std::chrono::steady_clock::time_point> arrivals;
    for (const FakeApis::Request& q : apis_.requests()) arrivals.push_back(q.time);
    std::sort(arrivals.begin(), arrivals.end());
    size_t most = 0;
    for (size_t i = 0; i < arrivals.size(); ++i) {
      size_t j = i;
      while (j < arrivals.size() && arrivals[j] - arrivals[i] < kAnswerDelay) ++j;
      most = std::max(most, j - i);
    }
    return most;
  }

  static constexpr int kUnknown = 8;
  TempDir dir_;
  FakeApis apis_;
  TlsFront front_{dir_.path()};
};

TEST_F(IocEnrichHttps, SpeaksHttp2MultiplexedOverOneConnectionWhereOffered) {
  const CommandResult r = Enrich(front_.Http2Url(), {"--ca-file", front_.ca_file().string()});
  front_.Stop();  // every request logged
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The answers came back through nginx: the Tor exit is marked from VirusTotal's answer.
  const std::vector<std::string> lines = seckit::testing::SplitLines(r.out);
  ASSERT_EQ(lines.size(), 1u + kUnknown) << r.out;
  const json first = json::parse(lines[0]);
  EXPECT_EQ(first["ioc"]["verdict"], "malicious") << lines[0];
  ASSERT_EQ(first["threat"]["enrichments"].size(), 1u) << lines[0];
  EXPECT_EQ(first["threat"]["enrichments"][0]["indicator"]["provider"], "virustotal");

  std::string log;
  const std::vector<TlsFront::Hit> hits = front_.Hits(&log);
  ASSERT_EQ(hits.size(), 1u + kUnknown) << log;
  std::set<std::string> protocols, alpn, connections;
  for (const TlsFront::Hit& hit : hits) {
    EXPECT_EQ(hit.target.rfind("/virustotal/api/v3/ip_addresses/", 0), 0u) << log;
    protocols.insert(hit.protocol);
    alpn.insert(hit.alpn);
    connections.insert(hit.connection);
  }
  EXPECT_EQ(protocols, std::set<std::string>{"HTTP/2.0"}) << log;
  EXPECT_EQ(alpn, std::set<std::string>{"h2"}) << log;
  // One connection carried every lookup, and several were in flight on it at once: over
  // HTTP/1.1 a connection carries one request at a time.
  EXPECT_EQ(connections.size(), 1u) << log;
  EXPECT_GE(MostAtOnce(), 2u) << log;
  EXPECT_EQ(apis_.RequestCount("virustotal"), 1u + kUnknown);
}

// The control: the same lookups to the port that offers HTTP/1.1 only are logged as such, so the
// log does tell the protocols apart.
TEST_F(IocEnrichHttps, FallsBackToHttp1WhereHttp2IsNotOffered) {
  const CommandResult r = Enrich(front_.Http1Url(), {"--ca-file", front_.ca_file().string()});
  front_.Stop();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(seckit::testing::SplitLines(r.out).size(), 1u + kUnknown) << r.out;
  std::string log;
  const std::vector<TlsFront::Hit> hits = front_.Hits(&log);
  ASSERT_EQ(hits.size(), 1u + kUnknown) << log;
  std::set<std::string> protocols, alpn;
  for (const TlsFront::Hit& hit : hits) {
    protocols.insert(hit.protocol);
    alpn.insert(hit.alpn);
  }
  EXPECT_EQ(protocols, std::set<std::string>{"HTTP/1.1"}) << log;
  EXPECT_EQ(alpn, std::set<std::string>{"http/1.1"}) << log;
}

// Without --ca-file the server's certificate is checked against the system's CAs, which do not
// know the test's CA: every lookup fails, recorded per indicator, and nothing is sent.
TEST_F(IocEnrichHttps, RefusesAServerItCannotVerify) {
  const CommandResult r = Enrich(front_.Http2Url(), {});
  front_.Stop();
  EXPECT_EQ(r.exit_code, 69) << r.err;
  const std::vector<std::string> lines = seckit::testing::SplitLines(r.out);
  ASSERT_EQ(lines.size(), 1u + kUnknown) << r.out;
  const json first = json::parse(lines[0]);
  ASSERT_EQ(first["ioc"]["errors"].size(), 1u) << lines[0];
  EXPECT_NE(first["ioc"]["errors"][0]["error"].get<std::string>().find("certificate"),
            std::string::npos)
      << lines[0];
  EXPECT_EQ(apis_.RequestCount("virustotal"), 0u);
}

TEST_F(IocEnrichHttps, ReadsTheCaFileFromTheConfig) {
  const std::string config = "[ioc-enrich]\nca_file = \"" + front_.ca_file().string() + "\"\n";
  seckit::testing::WriteFile(dir_ / "seckit.toml", config);
  const CommandResult r = Enrich(front_.Http2Url(), {"--config", (dir_ / "seckit.toml").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(apis_.RequestCount("virustotal"), 1u + kUnknown);
}

TEST_F(IocEnrichHttps, AMissingCaFileIsOneClearError) {
  const std::string missing = (dir_ / "no-such-ca.pem").string();
  const CommandResult r = Enrich(front_.Http2Url(), {"--ca-file", missing});
  EXPECT_EQ(r.exit_code, 66) << r.err;
  EXPECT_NE(r.err.find("cannot read the CA file " + missing), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(apis_.RequestCount("virustotal"), 0u);
}

}  // namespace
}  // namespace seckit::ioc_enrich
