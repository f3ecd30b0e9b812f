// The persistent answer cache: what each provider said about each indicator, reused until its TTL
// runs out (found answers and "not found" alike: negative caching; errors are never cached), and
// the daily quota each provider has used. SQLite in WAL mode with a busy timeout, so two cron runs
// that overlap both work. The file and its directory are created owner-only (0600/0700). API keys
// never reach it: only parsed answers are stored, and they pass through the Redactor first.
// One AnswerCache per thread (it holds one SQLite connection); any number of processes may share
// the file.
#ifndef SECKIT_IOC_ENRICH_ANSWER_CACHE_H_
#define SECKIT_IOC_ENRICH_ANSWER_CACHE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "enrichment.h"
#include "seckit/status.h"
#include "seckit/time.h"

struct sqlite3;
struct sqlite3_stmt;

namespace seckit::ioc_enrich {

class AnswerCache {
 public:
  // Opens or creates the cache at `path` (parent directories created 0700, the file 0600 whatever
  // the umask; an existing file open to group or others is made private; a symbolic link is
  // refused). Answers that have expired and quota days older than a week are dropped. Errors
  // name the path: Status::CantCreate when it cannot be created or opened, Status::DataError
  // when it is not a cache (not SQLite, damaged, another program's database, or a schema version
  // this build does not know), Status::NoPermission when an open file cannot be made private.
  static Result<std::unique_ptr<AnswerCache>> Open(const std::string& path);
  // The default path: $XDG_CACHE_HOME/seckit/ioc-enrich.sqlite when that variable holds an
  // absolute path, else $HOME/.cache/seckit/ioc-enrich.sqlite; "" when neither is set.
  static std::string DefaultPath();
  ~AnswerCache();

  // The cached answer (kFound or kNotFound) of `provider` about (type, value), if stored no longer
  // than its TTL before `now`. A damaged entry or an unreadable cache is a miss.
  std::optional<Answer> Get(std::string_view provider, IndicatorType type, std::string_view value,
                            TimeNs now);
  // Stores an answer with its TTL, replacing any earlier one (an error answer, or a TTL <= 0, is
  // ignored). Status::IoError (or TempFail when another run held the cache for the whole busy
  // timeout of 10 s) when it cannot be written.
  Status Put(std::string_view provider, IndicatorType type, std::string_view value,
             const Answer& answer, TimeNs now, TimeNs ttl);
  // Several Puts in one transaction (much faster); call Commit() to end it. Begin takes the write
  // lock, so other runs wait (up to 10 s) until Commit: keep batches short. No nesting. A cache
  // destroyed inside a batch commits it.
  Status Begin();
  Status Commit();

  // Daily quota: requests used by `provider` on the UTC day containing `now` (0 when unreadable).
  // AddQuotaUsed adds atomically, so overlapping runs both count.
  int64_t QuotaUsed(std::string_view provider, TimeNs now);
  Status AddQuotaUsed(std::string_view provider, TimeNs now, int64_t requests);

 private:
  AnswerCache(sqlite3* db, std::string path);
  Status Initialize();
  Status EnterWalMode();
  Status CheckSchema();
  void Purge(TimeNs now);  // drops expired answers and old quota days
  Status Exec(const char* sql, std::string_view what);
  Status Failure(int rc, std::string_view what) const;

  sqlite3* db_;
  std::string path_;
  sqlite3_stmt* get_ = nullptr;
  sqlite3_stmt* put_ = nullptr;
  sqlite3_stmt* quota_get_ = nullptr;
  sqlite3_stmt* quota_add_ = nullptr;
  bool in_transaction_ = false;
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_ANSWER_CACHE_H_
