// ioc-enrich under faults, end to end: output to a full disk (74 and a message), a closed pipe
// (quiet, 0), an HTTP provider that resets every connection (each record gets ioc.errors, status
// 69, every record is still written with its local enrichments), and SIGINT/SIGTERM while a lookup
// is in flight (130 at once, the -o file stays the old version, no temporary file, the answer
// cache still whole and answering).
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "background_run.h"
#include "fake_apis.h"
#include "test_support.h"

namespace seckit::ioc_enrich {
namespace {

using nlohmann::json;
using seckit::testing::CommandResult;
using seckit::testing::FilesIn;
using seckit::testing::TempDir;
using seckit::testing::WriteFile;
using testing::FakeApis;

std::string IocEnrich() { return (seckit::testing::BinDir() / "ioc-enrich").string(); }

std::string AddressRecords(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += R"({"destination":{"ip":"45.33.)" + std::to_string(i % 250 + 1) + "." +
            std::to_string(i / 250 % 250 + 1) + R"("}})" + "\n";
  }
  return text;
}

// A TCP server on 127.0.0.1 that accepts each connection, reads what the client sends, and
// either resets it (SO_LINGER 0 makes close send RST: a real ECONNRESET for the client) or, as a
// provider that never answers, holds it open until the server is destroyed.
class MisbehavingServer {
 public:
  enum class Mode { kReset, kNeverAnswer };
  explicit MisbehavingServer(Mode mode) : mode_(mode) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd_, 64) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      return;
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~MisbehavingServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    for (int held : held_) close(held);
    close(fd_);
  }
  int port() const { return port_; }
  std::string Url(const std::string& provider) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + provider;
  }
  int requests() const { return requests_; }

 private:
  void Serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      const int client = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      pollfd c{client, POLLIN, 0};
      if (poll(&c, 1, 1000) > 0) {  // the request arrived
        char buffer[4096];
        if (read(client, buffer, sizeof buffer) > 0) ++requests_;
      }
      if (mode_ == Mode::kNeverAnswer) {
        held_.push_back(client);
        continue;
      }
      linger hard{1, 0};
      setsockopt(client, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
      close(client);
    }
  }

  const Mode mode_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::vector<int> held_;  // connections of kNeverAnswer, touched only by the server thread
  std::thread thread_;
};

TEST(IocEnrichFaults, FullDiskIs74WithAMessage) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", AddressRecords(20000));
  WriteFile(dir / "feed.txt", "45.33.1.1\n");
  CommandResult r =
      seckit::testing::RunToFile({IocEnrich(), "--offline", "--no-cache", "--feed",
                                  (dir / "feed.txt").string(), (dir / "in.jsonl").string()},
                                 "/dev/full");
  EXPECT_EQ(r.exit_code, 74) << r.err;
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
}

TEST(IocEnrichFaults, ClosedPipeIsQuietAndSuccess) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", AddressRecords(200000));
  WriteFile(dir / "feed.txt", "45.33.1.1\n");
  CommandResult r = seckit::testing::Run(
      {"bash", "-c",
       "\"$0\" --offline --no-cache --feed \"$2\" \"$1\" | head -n 1 > /dev/null; "
       "echo ${PIPESTATUS[0]}",
       IocEnrich(), (dir / "in.jsonl").string(), (dir / "feed.txt").string()});
  EXPECT_EQ(r.out, "0\n");
  EXPECT_EQ(r.err, "");
}

TEST(IocEnrichFaults, ProviderResettingConnectionsIsRecordedPerRecordAndStatus69) {
  MisbehavingServer server(MisbehavingServer::Mode::kReset);
  ASSERT_GT(server.port(), 0) << "cannot listen on 127.0.0.1";
  TempDir dir;
  // A local feed still enriches: the reset provider does not stop the rest of the work.
  WriteFile(dir / "feed.txt", std::string(testing::kBadIp) + "\n");
  const std::string input = R"({"source":{"ip":")" + std::string(testing::kBadIp) + "\"}}\n" +
                            R"({"source":{"ip":")" + std::string(testing::kGoodIp) + "\"}}\n" +
                            R"({"message":"no indicator here"})" + "\n";
  CommandResult r = seckit::testing::Run(
      {"env", "XDG_CONFIG_HOME=" + (dir / "config").string(),
       "SECKIT_PROVIDERS_INTERNETDB_REQUESTS_PER_MINUTE=0", IocEnrich(), "--no-cache", "--provider",
       "internetdb", "--provider-url", "internetdb=" + server.Url("internetdb"), "--feed",
       (dir / "feed.txt").string()},
      input);
  EXPECT_EQ(r.exit_code, 69) << r.err;
  EXPECT_GT(server.requests(), 0);
  const std::vector<std::string> lines = seckit::testing::SplitLines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out << r.err;
  for (size_t i = 0; i < 2; ++i) {
    const json record = json::parse(lines[i]);
    ASSERT_TRUE(record.contains("ioc") && record["ioc"].contains("errors")) << lines[i];
    EXPECT_EQ(record["ioc"]["errors"][0]["provider"], "internetdb") << lines[i];
    EXPECT_FALSE(record["ioc"]["errors"][0]["error"].get<std::string>().empty());
  }
  const json bad = json::parse(lines[0]);
  ASSERT_TRUE(bad.contains("threat")) << lines[0];
  EXPECT_EQ(bad["threat"]["enrichments"].size(), 1u) << "the feed match is kept";
  EXPECT_EQ(json::parse(lines[2]), json::parse(R"({"message":"no indicator here"})"));
  EXPECT_NE(r.err.find("internetdb"), std::string::npos) << r.err;
}

class IocEnrichSignal : public ::testing::TestWithParam<int> {};

// The provider never answers; the signal comes while the lookup is in flight.
TEST_P(IocEnrichSignal, WhileALookupIsInFlightKeepsTheOldOutputAndTheCache) {
  FakeApis apis;
  ASSERT_TRUE(apis.Start()) << "cannot listen on 127.0.0.1";
  MisbehavingServer silent(MisbehavingServer::Mode::kNeverAnswer);
  ASSERT_GT(silent.port(), 0);
  TempDir dir, scratch;
  const std::string cache = (dir / "answers.sqlite").string();
  auto argv = [&](std::vector<std::string> extra, const std::string& url) {
    std::vector<std::string> a = {"env",
                                  "XDG_CONFIG_HOME=" + (dir / "config").string(),
                                  "SECKIT_PROVIDERS_INTERNETDB_REQUESTS_PER_MINUTE=0",
                                  IocEnrich(),
                                  "--provider",
                                  "internetdb",
                                  "--provider-url",
                                  "internetdb=" + url,
                                  "--cache",
                                  cache};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  };
  const std::string known = R"({"source":{"ip":")" + std::string(testing::kBadIp) + "\"}}\n";
  CommandResult first = seckit::testing::Run(argv({}, apis.BaseUrl("internetdb")), known);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string answered = first.out;
  WriteFile(dir / "out.jsonl", "old output\n");
  const std::vector<std::string> before = FilesIn(dir.path());

  seckit::testing::BackgroundRun run(
      argv({"--line-buffered", "-o", (dir / "out.jsonl").string(), "-"}, silent.Url("internetdb")),
      scratch / "stdout", scratch / "stderr");
  ASSERT_TRUE(run.started());
  ASSERT_TRUE(run.Feed(R"({"source":{"ip":"45.33.9.9"}})"
                       "\n"));
  ASSERT_TRUE(seckit::testing::Eventually([&] { return silent.requests() >= 1; }))
      << seckit::testing::ReadFile(scratch / "stderr");
  const auto signalled = std::chrono::steady_clock::now();
  run.Signal(GetParam());
  std::optional<int> status = run.Wait();
  ASSERT_TRUE(status.has_value()) << "ioc-enrich did not stop on signal " << GetParam();
  EXPECT_EQ(*status, 130) << seckit::testing::ReadFile(scratch / "stderr");
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, std::chrono::seconds(10))
      << "waited for the slow answer";
  EXPECT_EQ(seckit::testing::ReadFile(dir / "out.jsonl"), "old output\n");
  std::vector<std::string> after = FilesIn(dir.path());
  // SQLite's own journal files may come and go; nothing else may be new.
  std::erase_if(after, [](const std::string& n) { return n.rfind("answers.sqlite-", 0) == 0; });
  EXPECT_EQ(after, before) << "a temporary file was left behind";
  // The cache is whole: the earlier answer still comes from it, with nothing sent.
  apis.ClearRequests();
  CommandResult offline =
      seckit::testing::Run(argv({"--offline"}, apis.BaseUrl("internetdb")), known);
  EXPECT_EQ(offline.exit_code, 0) << offline.err;
  ASSERT_EQ(seckit::testing::SplitLines(offline.out).size(), 1u);
  json a = json::parse(offline.out), b = json::parse(answered);
  a.erase("@timestamp");
  b.erase("@timestamp");
  EXPECT_EQ(a, b);
  EXPECT_EQ(apis.requests().size(), 0u);
  if (seckit::testing::HaveProgram("sqlite3")) {
    EXPECT_EQ(seckit::testing::Run({"sqlite3", cache, "PRAGMA integrity_check;"}).out, "ok\n");
  }
}

INSTANTIATE_TEST_SUITE_P(SigintAndSigterm, IocEnrichSignal, ::testing::Values(SIGINT, SIGTERM));

}  // namespace
}  // namespace seckit::ioc_enrich
