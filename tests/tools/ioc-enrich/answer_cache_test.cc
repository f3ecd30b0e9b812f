// AnswerCache on real files: TTLs, negative caching, no errors, owner-only files, two writers at
// once, damaged and foreign files, schema versions.
#include "answer_cache.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "seckit/redact.h"
#include "test_support.h"

namespace seckit::ioc_enrich {
namespace {

using seckit::testing::TempDir;
constexpr TimeNs kHour = 3600 * kNsPerSecond;
// The real clock: Open purges answers that expired before it, so tests store answers that are
// still valid now and pass later instants explicitly.
const TimeNs kNow = Now();

Enrichment FullEnrichment() {
  Enrichment e;
  e.provider = "virustotal";
  e.verdict = Verdict::kMalicious;
  e.score = 87;
  e.tags = {"trojan", "emotet", "ünïcode"};
  e.first_seen = 1'700'000'000 * kNsPerSecond;
  e.last_seen = 1'732'000'000 * kNsPerSecond + 123;
  e.reference = "https://www.virustotal.com/gui/ip-address/1.2.3.4";
  e.description = "62/90 engines";
  e.matched_entry = "1.2.3.0/24";
  e.geo.country_iso_code = "DE";
  e.geo.country_name = "Germany";
  e.geo.city_name = "Berlin";
  e.geo.latitude = 52.52;
  e.geo.longitude = 13.405;
  e.geo.as_number = 4294967295u;
  e.geo.as_organization = "Example AS";
  return e;
}

mode_t ModeOf(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

std::unique_ptr<AnswerCache> MustOpen(const std::filesystem::path& path) {
  auto cache = AnswerCache::Open(path.string());
  EXPECT_TRUE(cache.ok()) << cache.status().message();
  return cache.ok() ? std::move(cache).value() : nullptr;
}

// Runs SQL on the file directly, behind the cache's back.
void RawSql(const std::filesystem::path& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST(AnswerCache, StoresAndReturnsFoundAnswers) {
  TempDir dir;
  auto cache = MustOpen(dir / "c.sqlite");
  ASSERT_TRUE(cache);
  Enrichment minimal;
  minimal.provider = "otx";
  const Answer answer = Answer::Found({FullEnrichment(), minimal});
  ASSERT_TRUE(cache->Put("virustotal", IndicatorType::kIpv4, "1.2.3.4", answer, kNow, kHour).ok());
  EXPECT_EQ(cache->Get("virustotal", IndicatorType::kIpv4, "1.2.3.4", kNow), answer);
  // Provider, type and value are all part of the key.
  EXPECT_EQ(cache->Get("abuseipdb", IndicatorType::kIpv4, "1.2.3.4", kNow), std::nullopt);
  EXPECT_EQ(cache->Get("virustotal", IndicatorType::kDomain, "1.2.3.4", kNow), std::nullopt);
  EXPECT_EQ(cache->Get("virustotal", IndicatorType::kIpv4, "1.2.3.5", kNow), std::nullopt);
}

TEST(AnswerCache, NotFoundIsCachedToo) {
  TempDir dir;
  auto cache = MustOpen(dir / "c.sqlite");
  ASSERT_TRUE(cache);
  ASSERT_TRUE(
      cache->Put("otx", IndicatorType::kDomain, "example.com", Answer::NotFound(), kNow, kHour)
          .ok());
  EXPECT_EQ(cache->Get("otx", IndicatorType::kDomain, "example.com", kNow), Answer::NotFound());
}

TEST(AnswerCache, ErrorsAreNeverCached) {
  TempDir dir;
  auto cache = MustOpen(dir / "c.sqlite");
  ASSERT_TRUE(cache);
  ASSERT_TRUE(
      cache->Put("otx", IndicatorType::kDomain, "example.com", Answer::NotFound(), kNow, kHour)
          .ok());
  // An error neither gets stored nor replaces the answer already there.
  EXPECT_TRUE(cache
                  ->Put("otx", IndicatorType::kDomain, "example.com", Answer::Error("HTTP 503"),
                        kNow, kHour)
                  .ok());
  EXPECT_TRUE(
      cache->Put("otx", IndicatorType::kDomain, "other.com", Answer::Error("HTTP 503"), kNow, kHour)
          .ok());
  EXPECT_EQ(cache->Get("otx", IndicatorType::kDomain, "example.com", kNow), Answer::NotFound());
  EXPECT_EQ(cache->Get("otx", IndicatorType::kDomain, "other.com", kNow), std::nullopt);
}

TEST(AnswerCache, AnswersExpireAfterTheirTtl) {
  TempDir dir;
  auto cache = MustOpen(dir / "c.sqlite");
  ASSERT_TRUE(cache);
  const Answer found = Answer::Found({FullEnrichment()});
  ASSERT_TRUE(
      cache->Put("vt", IndicatorType::kSha256, std::string(64, 'a'), found, kNow, 24 * kHour).ok());
  ASSERT_TRUE(cache
                  ->Put("vt", IndicatorType::kSha256, std::string(64, 'b'), Answer::NotFound(),
                        kNow, 6 * kHour)
                  .ok());
  const std::string a(64, 'a'), b(64, 'b');
  EXPECT_TRUE(cache->Get("vt", IndicatorType::kSha256, a, kNow + 24 * kHour).has_value());
  EXPECT_FALSE(cache->Get("vt", IndicatorType::kSha256, a, kNow + 24 * kHour + 1).has_value());
  EXPECT_TRUE(cache->Get("vt", IndicatorType::kSha256, b, kNow + 6 * kHour).has_value());
  EXPECT_FALSE(cache->Get("vt", IndicatorType::kSha256, b, kNow + 6 * kHour + 1).has_value());
  // A TTL of zero stores nothing.
  ASSERT_TRUE(cache->Put("vt", IndicatorType::kMd5, std::string(32, 'c'), found, kNow, 0).ok());
  EXPECT_FALSE(cache->Get("vt", IndicatorType::kMd5, std::string(32, 'c'), kNow).has_value());
}

TEST(AnswerCache, LaterAnswerReplacesTheEarlierOne) {
  TempDir dir;
  auto cache = MustOpen(dir / "c.sqlite");
  ASSERT_TRUE(cache);
  ASSERT_TRUE(
      cache->Put("p", IndicatorType::kIpv4, "5.6.7.8", Answer::NotFound(), kNow, kHour).ok());
  const Answer found = Answer::Found({FullEnrichment()});
  ASSERT_TRUE(cache->Put("p", IndicatorType::kIpv4, "5.6.7.8", found, kNow + 1, kHour).ok());
  EXPECT_EQ(cache->Get("p", IndicatorType::kIpv4, "5.6.7.8", kNow + 2), found);
}

TEST(AnswerCache, PersistsAcrossOpensAndBatches) {
  TempDir dir;
  {
    auto cache = MustOpen(dir / "c.sqlite");
    ASSERT_TRUE(cache);
    ASSERT_TRUE(cache->Begin().ok());
    EXPECT_FALSE(cache->Begin().ok());  // no nesting
    for (int i = 0; i < 100; ++i) {
      ASSERT_TRUE(cache
                      ->Put("p", IndicatorType::kIpv4, "10.0.0." + std::to_string(i),
                            Answer::NotFound(), kNow, kHour)
                      .ok());
    }
    ASSERT_TRUE(cache->Commit().ok());
    EXPECT_FALSE(cache->Commit().ok());
    ASSERT_TRUE(cache->Begin().ok());
    ASSERT_TRUE(
        cache->Put("p", IndicatorType::kIpv4, "10.0.1.1", Answer::NotFound(), kNow, kHour).ok());
    // Destroyed inside a batch: what it stored is kept.
  }
  auto cache = MustOpen(dir / "c.sqlite");
  ASSERT_TRUE(cache);
  EXPECT_TRUE(cache->Get("p", IndicatorType::kIpv4, "10.0.0.99", kNow).has_value());
  EXPECT_TRUE(cache->Get("p", IndicatorType::kIpv4, "10.0.1.1", kNow).has_value());
}

TEST(AnswerCache, QuotaCountsPerProviderAndUtcDay) {
  TempDir dir;
  auto cache = MustOpen(dir / "c.sqlite");
  ASSERT_TRUE(cache);
  const TimeNs day_start = kNow - kNow % kNsPerDay;
  EXPECT_EQ(cache->QuotaUsed("vt", kNow), 0);
  ASSERT_TRUE(cache->AddQuotaUsed("vt", day_start, 3).ok());
  ASSERT_TRUE(cache->AddQuotaUsed("vt", day_start + kNsPerDay - 1, 2).ok());
  ASSERT_TRUE(cache->AddQuotaUsed("otx", day_start, 7).ok());
  EXPECT_EQ(cache->QuotaUsed("vt", kNow), 5);
  EXPECT_EQ(cache->QuotaUsed("otx", kNow), 7);
  EXPECT_EQ(cache->QuotaUsed("vt", day_start + kNsPerDay), 0);  // a new day
  EXPECT_EQ(cache->QuotaUsed("vt", day_start - 1), 0);
}

TEST(AnswerCache, FileAndDirectoriesAreOwnerOnlyWhateverTheUmask) {
  TempDir dir;
  const mode_t old_umask = umask(0);
  const std::filesystem::path path = dir / "a" / "b" / "cache.sqlite";
  auto cache = MustOpen(path);
  ASSERT_TRUE(cache);
  ASSERT_TRUE(
      cache->Put("p", IndicatorType::kIpv4, "1.1.1.1", Answer::NotFound(), kNow, kHour).ok());
  umask(old_umask);
  EXPECT_EQ(ModeOf(path), 0600u);
  EXPECT_EQ(ModeOf(dir / "a"), 0700u);
  EXPECT_EQ(ModeOf(dir / "a" / "b"), 0700u);
  // SQLite gives its WAL and shared-memory files the database's mode.
  EXPECT_EQ(ModeOf(path.string() + "-wal"), 0600u);
}

TEST(AnswerCache, ExistingFileOpenToOthersIsMadePrivate) {
  TempDir dir;
  const std::filesystem::path path = dir / "cache.sqlite";
  seckit::testing::WriteFile(path, "");
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  ASSERT_TRUE(MustOpen(path));
  EXPECT_EQ(ModeOf(path), 0600u);
}

TEST(AnswerCache, SymbolicLinkIsRefused) {
  TempDir dir;
  seckit::testing::WriteFile(dir / "target", "");
  std::filesystem::create_symlink(dir / "target", dir / "link.sqlite");
  auto cache = AnswerCache::Open((dir / "link.sqlite").string());
  ASSERT_FALSE(cache.ok());
  EXPECT_NE(cache.status().message().find("link.sqlite"), std::string::npos);
}

TEST(AnswerCache, CorruptFileIsACleanError) {
  TempDir dir;
  const std::filesystem::path path = dir / "cache.sqlite";
  seckit::testing::WriteFile(path, std::string(8192, 'Z'));
  auto cache = AnswerCache::Open(path.string());
  ASSERT_FALSE(cache.ok());
  EXPECT_EQ(cache.status().code(), ExitCode::kDataError);
  EXPECT_NE(cache.status().message().find(path.string()), std::string::npos)
      << cache.status().message();
}

TEST(AnswerCache, ForeignSqliteDatabaseIsRefused) {
  TempDir dir;
  const std::filesystem::path path = dir / "other.sqlite";
  RawSql(path, "CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT)");
  auto cache = AnswerCache::Open(path.string());
  ASSERT_FALSE(cache.ok());
  EXPECT_EQ(cache.status().code(), ExitCode::kDataError);
  EXPECT_NE(cache.status().message().find("not an ioc-enrich cache"), std::string::npos);
}

TEST(AnswerCache, UnknownSchemaVersionIsRefused) {
  TempDir dir;
  const std::filesystem::path path = dir / "cache.sqlite";
  ASSERT_TRUE(MustOpen(path));
  RawSql(path, "UPDATE schema_version SET version = 99");
  auto cache = AnswerCache::Open(path.string());
  ASSERT_FALSE(cache.ok());
  EXPECT_EQ(cache.status().code(), ExitCode::kDataError);
  EXPECT_NE(cache.status().message().find("schema version 99 is not supported"), std::string::npos)
      << cache.status().message();
}

TEST(AnswerCache, DamagedRowIsAMiss) {
  TempDir dir;
  const std::filesystem::path path = dir / "cache.sqlite";
  {
    auto cache = MustOpen(path);
    ASSERT_TRUE(cache);
    ASSERT_TRUE(cache
                    ->Put("p", IndicatorType::kIpv4, "1.2.3.4", Answer::Found({FullEnrichment()}),
                          kNow, kHour)
                    .ok());
  }
  RawSql(path, "UPDATE answers SET body = '[{\"verdict\": 7' WHERE value = '1.2.3.4'");
  auto cache = MustOpen(path);
  ASSERT_TRUE(cache);
  EXPECT_EQ(cache->Get("p", IndicatorType::kIpv4, "1.2.3.4", kNow), std::nullopt);
}

TEST(AnswerCache, RegisteredSecretsNeverReachTheFile) {
  TempDir dir;
  const std::filesystem::path path = dir / "cache.sqlite";
  RegisterSecret("SUPERSECRETKEY123456");
  Enrichment e = FullEnrichment();
  e.reference = "https://api.example/v1?apikey=SUPERSECRETKEY123456";
  {
    auto cache = MustOpen(path);
    ASSERT_TRUE(cache);
    ASSERT_TRUE(
        cache->Put("p", IndicatorType::kIpv4, "1.2.3.4", Answer::Found({e}), kNow, kHour).ok());
    const std::string all =
        seckit::testing::ReadFile(path) + seckit::testing::ReadFile(path.string() + "-wal");
    EXPECT_EQ(all.find("SUPERSECRETKEY"), std::string::npos);
    EXPECT_NE(all.find("[REDACTED]"), std::string::npos);
  }
}

// Writes `count` answers in batches and counts `count` quota units one by one, as a run does.
// A failure is printed, so a failing child says which step and why.
bool WriteLikeARun(const std::string& path, const std::string& tag, int count) {
  const auto failed = [&](const Status& status) {
    std::fprintf(stderr, "writer %s: %s\n", tag.c_str(), status.message().c_str());
    return false;
  };
  auto cache = AnswerCache::Open(path);
  if (!cache.ok()) return failed(cache.status());
  for (int i = 0; i < count; i += 25) {
    if (Status s = (*cache)->Begin(); !s.ok()) return failed(s);
    for (int j = i; j < i + 25 && j < count; ++j) {
      const std::string value = tag + "-" + std::to_string(j) + ".example";
      Status s = (*cache)->Put("p", IndicatorType::kDomain, value, Answer::NotFound(), kNow, kHour);
      if (!s.ok()) return failed(s);
    }
    if (Status s = (*cache)->Commit(); !s.ok()) return failed(s);
    for (int j = i; j < i + 25 && j < count; ++j) {
      if (Status s = (*cache)->AddQuotaUsed("p", kNow, 1); !s.ok()) return failed(s);
    }
  }
  return true;
}

void ExpectEverythingWritten(const std::filesystem::path& path, int per_writer) {
  auto cache = MustOpen(path);
  ASSERT_TRUE(cache);
  for (const char* tag : {"a", "b"}) {
    for (int j = 0; j < per_writer; ++j) {
      const std::string value = std::string(tag) + "-" + std::to_string(j) + ".example";
      ASSERT_TRUE(cache->Get("p", IndicatorType::kDomain, value, kNow).has_value()) << value;
    }
  }
  EXPECT_EQ(cache->QuotaUsed("p", kNow), 2 * per_writer);
}

TEST(AnswerCache, TwoProcessesWritingAtOnceBothSucceed) {
  TempDir dir;
  const std::string path = (dir / "sub" / "cache.sqlite").string();  // both create it
  constexpr int kPerWriter = 400;
  pid_t children[2];
  for (int i = 0; i < 2; ++i) {
    children[i] = fork();
    ASSERT_GE(children[i], 0);
    if (children[i] == 0) _exit(WriteLikeARun(path, i == 0 ? "a" : "b", kPerWriter) ? 0 : 1);
  }
  for (pid_t child : children) {
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer " << child << " failed";
  }
  ExpectEverythingWritten(path, kPerWriter);
}

TEST(AnswerCache, TwoConnectionsInThreadsBothSucceed) {
  TempDir dir;
  const std::string path = (dir / "cache.sqlite").string();
  constexpr int kPerWriter = 200;
  bool ok_a = false, ok_b = false;
  std::thread a([&] { ok_a = WriteLikeARun(path, "a", kPerWriter); });
  std::thread b([&] { ok_b = WriteLikeARun(path, "b", kPerWriter); });
  a.join();
  b.join();
  EXPECT_TRUE(ok_a);
  EXPECT_TRUE(ok_b);
  ExpectEverythingWritten(path, kPerWriter);
}

TEST(AnswerCache, DefaultPathFollowsXdgThenHome) {
  const char* old_xdg = std::getenv("XDG_CACHE_HOME");
  const std::string saved_xdg = old_xdg ? old_xdg : "";
  const char* old_home = std::getenv("HOME");
  const std::string saved_home = old_home ? old_home : "";

  setenv("XDG_CACHE_HOME", "/srv/cache", 1);
  EXPECT_EQ(AnswerCache::DefaultPath(), "/srv/cache/seckit/ioc-enrich.sqlite");
  setenv("HOME", "/home/analyst", 1);
  setenv("XDG_CACHE_HOME", "relative/ignored", 1);
  EXPECT_EQ(AnswerCache::DefaultPath(), "/home/analyst/.cache/seckit/ioc-enrich.sqlite");
  unsetenv("XDG_CACHE_HOME");
  EXPECT_EQ(AnswerCache::DefaultPath(), "/home/analyst/.cache/seckit/ioc-enrich.sqlite");

  if (old_xdg) setenv("XDG_CACHE_HOME", saved_xdg.c_str(), 1);
  if (old_home)
    setenv("HOME", saved_home.c_str(), 1);
  else
    unsetenv("HOME");
}

TEST(AnswerCache, EmptyPathIsAClearError) {
  auto cache = AnswerCache::Open("");
  ASSERT_FALSE(cache.ok());
  EXPECT_EQ(cache.status().code(), ExitCode::kCantCreate);
}

}  // namespace
}  // namespace seckit::ioc_enrich
