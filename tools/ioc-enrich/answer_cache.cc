// The answer cache on SQLite: schema and its version, WAL and busy timeout for overlapping runs,
// prepared statements for the per-indicator lookups.
#include "answer_cache.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <limits>
#include <thread>
#include <vector>

#include "answer_codec.h"
#include "private_file.h"
#include "seckit/redact.h"

namespace seckit::ioc_enrich {
namespace {

constexpr int kSchemaVersion = 1;
constexpr int kBusyTimeoutMs = 10'000;
constexpr int64_t kQuotaDaysKept = 7;

constexpr const char* kCreateSchema = R"sql(
CREATE TABLE schema_version(version INTEGER NOT NULL);
INSERT INTO schema_version(version) VALUES(1);
CREATE TABLE answers(
  provider TEXT NOT NULL,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  stored_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY(provider, type, value)) WITHOUT ROWID;
CREATE INDEX answers_expires_at ON answers(expires_at);
CREATE TABLE quota(
  provider TEXT NOT NULL,
  day INTEGER NOT NULL,
  used INTEGER NOT NULL,
  PRIMARY KEY(provider, day)) WITHOUT ROWID;
)sql";

int64_t DayOf(TimeNs t) { return t >= 0 ? t / kNsPerDay : -((-t - 1) / kNsPerDay) - 1; }

TimeNs SaturatingAdd(TimeNs a, TimeNs b) {
  if (b > 0 && a > std::numeric_limits<TimeNs>::max() - b)
    return std::numeric_limits<TimeNs>::max();
  return a + b;
}

void BindText(sqlite3_stmt* stmt, int index, std::string_view text) {
  // Static binding (no copy): every statement is reset before the text goes away.
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), nullptr);
}

// Resets a prepared statement when the scope ends, whatever path leaves it.
class StatementScope {
 public:
  explicit StatementScope(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~StatementScope() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

}  // namespace

std::string AnswerCache::DefaultPath() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  // The XDG spec says relative paths in these variables are to be ignored.
  if (xdg != nullptr && xdg[0] == '/') return std::string(xdg) + "/seckit/ioc-enrich.sqlite";
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') {
    return std::string(home) + "/.cache/seckit/ioc-enrich.sqlite";
  }
  return "";
}

Result<std::unique_ptr<AnswerCache>> AnswerCache::Open(const std::string& path) {
  if (path.empty()) {
    return Status::CantCreate("no path for the answer cache (set $XDG_CACHE_HOME or $HOME)");
  }
  SECKIT_RETURN_IF_ERROR(PreparePrivateFile(path));
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Status::CantCreate("cannot open cache " + path + ": " + why);
  }
  std::unique_ptr<AnswerCache> cache(new AnswerCache(db, path));
  SECKIT_RETURN_IF_ERROR(cache->Initialize());
  return cache;
}

AnswerCache::AnswerCache(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
}

AnswerCache::~AnswerCache() {
  // What a batch stored is valid: keep it rather than lose it.
  if (in_transaction_) (void)Exec("COMMIT", "commit");
  for (sqlite3_stmt* stmt : {get_, put_, quota_get_, quota_add_}) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Status AnswerCache::Failure(int rc, std::string_view what) const {
  std::string message =
      "cache " + path_ + ": cannot " + std::string(what) + ": " + sqlite3_errmsg(db_);
  switch (rc & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Status::DataError(path_ + ": not an ioc-enrich cache or damaged (" +
                               sqlite3_errmsg(db_) + ")");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::TempFail(std::move(message) + " (another run holds the cache)");
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return Status::CantCreate(std::move(message));
    default:
      return Status::IoError(std::move(message));
  }
}

Status AnswerCache::Exec(const char* sql, std::string_view what) {
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : Failure(rc, what);
}

Status AnswerCache::Initialize() {
  SECKIT_RETURN_IF_ERROR(EnterWalMode());
  SECKIT_RETURN_IF_ERROR(Exec("PRAGMA synchronous=NORMAL", "configure"));
  SECKIT_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE", "lock"));
  Status status = CheckSchema();
  if (!status.ok()) {
    (void)Exec("ROLLBACK", "roll back");
    return status;
  }
  SECKIT_RETURN_IF_ERROR(Exec("COMMIT", "commit the schema"));
  Purge(Now());

  const std::pair<sqlite3_stmt**, const char*> statements[] = {
      {&get_,
       "SELECT kind, body, expires_at FROM answers WHERE provider=?1 AND type=?2 AND value=?3"},
      {&put_,
       "INSERT OR REPLACE INTO answers(provider, type, value, kind, body, stored_at, expires_at) "
       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {&quota_get_, "SELECT used FROM quota WHERE provider=?1 AND day=?2"},
      {&quota_add_,
       "INSERT INTO quota(provider, day, used) VALUES(?1, ?2, ?3) "
       "ON CONFLICT(provider, day) DO UPDATE SET used = used + excluded.used"},
  };
  for (const auto& [stmt, sql] : statements) {
    const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, nullptr);
    if (rc != SQLITE_OK) return Failure(rc, "prepare a query");
  }
  return Status::Ok();
}

Status AnswerCache::EnterWalMode() {
  // WAL lets readers and one writer work at once: two overlapping runs both proceed. Switching
  // a new database to WAL answers SQLITE_BUSY at once, without the busy handler, while another
  // run is switching it too, so this waits here as the busy timeout would.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  for (;;) {
    const int rc = sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
    const bool busy = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
    if (rc == SQLITE_OK) return Status::Ok();
    if (!busy || std::chrono::steady_clock::now() >= deadline)
      return Failure(rc, "switch to write-ahead logging");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

Status AnswerCache::CheckSchema() {
  std::vector<std::string> tables;
  auto collect = [](void* out, int, char** values, char**) {
    static_cast<std::vector<std::string>*>(out)->emplace_back(values[0] ? values[0] : "");
    return 0;
  };
  int rc = sqlite3_exec(db_, "SELECT name FROM sqlite_master WHERE type='table'", collect, &tables,
                        nullptr);
  if (rc != SQLITE_OK) return Failure(rc, "switch to write-ahead logging");
  if (tables.empty()) return Exec(kCreateSchema, "create the schema");
  if (std::find(tables.begin(), tables.end(), "schema_version") == tables.end()) {
    return Status::DataError(path_ + ": an SQLite database, but not an ioc-enrich cache");
  }
  int64_t version = -1;
  auto read_version = [](void* out, int, char** values, char**) {
    if (values[0] != nullptr) *static_cast<int64_t*>(out) = std::strtoll(values[0], nullptr, 10);
    return 0;
  };
  rc =
      sqlite3_exec(db_, "SELECT max(version) FROM schema_version", read_version, &version, nullptr);
  if (rc != SQLITE_OK) return Failure(rc, "read the schema version");
  if (version != kSchemaVersion) {
    return Status::DataError(path_ + ": cache schema version " + std::to_string(version) +
                             " is not supported (this ioc-enrich uses version " +
                             std::to_string(kSchemaVersion) +
                             "); remove the file or choose another with --cache");
  }
  return Status::Ok();
}

void AnswerCache::Purge(TimeNs now) {
  // Best effort: a busy cache is purged by a later run.
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, "DELETE FROM answers WHERE expires_at < ?1", -1, &stmt, nullptr) ==
      SQLITE_OK) {
    sqlite3_bind_int64(stmt, 1, now);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  stmt = nullptr;
  if (sqlite3_prepare_v2(db_, "DELETE FROM quota WHERE day < ?1", -1, &stmt, nullptr) ==
      SQLITE_OK) {
    sqlite3_bind_int64(stmt, 1, DayOf(now) - kQuotaDaysKept);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
}

std::optional<Answer> AnswerCache::Get(std::string_view provider, IndicatorType type,
                                       std::string_view value, TimeNs now) {
  StatementScope scope(get_);
  BindText(get_, 1, provider);
  BindText(get_, 2, IndicatorTypeName(type));
  BindText(get_, 3, value);
  if (sqlite3_step(get_) != SQLITE_ROW) return std::nullopt;  // a miss, or a cache we cannot read
  if (now > sqlite3_column_int64(get_, 2)) return std::nullopt;
  const auto* kind = sqlite3_column_text(get_, 0);
  const int kind_size = sqlite3_column_bytes(get_, 0);
  const auto* body = sqlite3_column_text(get_, 1);
  const int body_size = sqlite3_column_bytes(get_, 1);
  if (kind == nullptr || body == nullptr) return std::nullopt;
  return DecodeAnswer(
      std::string_view(reinterpret_cast<const char*>(kind), static_cast<size_t>(kind_size)),
      std::string_view(reinterpret_cast<const char*>(body), static_cast<size_t>(body_size)));
}

Status AnswerCache::Put(std::string_view provider, IndicatorType type, std::string_view value,
                        const Answer& answer, TimeNs now, TimeNs ttl) {
  if (answer.kind == Answer::Kind::kError || ttl <= 0) return Status::Ok();
  // Providers never put keys into answers, but a key in a reference URL must not reach the disk.
  const std::string body = Redact(EncodeEnrichments(answer.enrichments));
  StatementScope scope(put_);
  BindText(put_, 1, provider);
  BindText(put_, 2, IndicatorTypeName(type));
  BindText(put_, 3, value);
  BindText(put_, 4, AnswerKindName(answer.kind));
  BindText(put_, 5, body);
  sqlite3_bind_int64(put_, 6, now);
  sqlite3_bind_int64(put_, 7, SaturatingAdd(now, ttl));
  const int rc = sqlite3_step(put_);
  return rc == SQLITE_DONE ? Status::Ok() : Failure(rc, "store an answer");
}

Status AnswerCache::Begin() {
  if (in_transaction_) return Status::Internal("AnswerCache::Begin inside a transaction");
  // IMMEDIATE takes the write lock now (waiting up to the busy timeout), so the batch cannot
  // fail halfway with SQLITE_BUSY.
  SECKIT_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE", "start a transaction"));
  in_transaction_ = true;
  return Status::Ok();
}

Status AnswerCache::Commit() {
  if (!in_transaction_) return Status::Internal("AnswerCache::Commit without Begin");
  in_transaction_ = false;
  Status status = Exec("COMMIT", "commit");
  if (!status.ok()) (void)Exec("ROLLBACK", "roll back");
  return status;
}

int64_t AnswerCache::QuotaUsed(std::string_view provider, TimeNs now) {
  StatementScope scope(quota_get_);
  BindText(quota_get_, 1, provider);
  sqlite3_bind_int64(quota_get_, 2, DayOf(now));
  return sqlite3_step(quota_get_) == SQLITE_ROW ? sqlite3_column_int64(quota_get_, 0) : 0;
}

Status AnswerCache::AddQuotaUsed(std::string_view provider, TimeNs now, int64_t requests) {
  StatementScope scope(quota_add_);
  BindText(quota_add_, 1, provider);
  sqlite3_bind_int64(quota_add_, 2, DayOf(now));
  sqlite3_bind_int64(quota_add_, 3, requests);
  const int rc = sqlite3_step(quota_add_);
  return rc == SQLITE_DONE ? Status::Ok() : Failure(rc, "count quota use");
}

}  // namespace seckit::ioc_enrich
