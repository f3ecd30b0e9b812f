// Rotated log file names (auth.log.2.gz, auth.log-20261124, auth.log): which live file a name
// belongs to, and which of two rotations is older.
#ifndef SECKIT_LOG_GREP_ROTATED_NAME_H_
#define SECKIT_LOG_GREP_ROTATED_NAME_H_

#include <string>
#include <string_view>
#include <vector>

namespace seckit::log_grep {

// A file name split the way logrotate and savelog name rotated files:
//   BASE                   live file             auth.log
//   BASE.N[.EXT]           numbered rotation     auth.log.1, auth.log.2.gz, auth.log.0
//   BASE-STAMP[.EXT]       dated rotation        auth.log-20261124, auth.log-2026-11-24.gz
//   BASE.STAMP[.EXT]       dated rotation        auth.log.20261124
// STAMP/N is digits, possibly with '-' or '_' inside; it counts as a date when it has such a
// separator or at least 6 digits, else as a generation number. EXT is one of .gz .zst .xz .bz2
// .lz4 .Z, and is only recognised after a stamp ("auth.log.gz" is a live file of its own).
struct RotatedName {
  enum class Kind { kNumbered, kDated, kLive };  // in this order from oldest to newest
  std::string_view base;                         // "auth.log"; the whole name for a live file
  Kind kind = Kind::kLive;
  std::string_view stamp;        // "2", "20261124", "2026-11-24"; empty for a live file
  std::string_view compression;  // ".gz" etc., or empty
};

// Splits a base name (no directory). The views point into `file_name`.
RotatedName ParseRotatedName(std::string_view file_name);

// True when `a` is an older rotation than `b` (same base assumed): numbered ones first, highest
// number first (10 before 2: compared as numbers); then dated ones, earliest first; then the live
// file. Equal stamps compare by full name, so the order is total and deterministic.
bool RotatedBefore(std::string_view a_name, std::string_view b_name);

// Puts paths that share a directory (as written, not resolved) and a rotation base together,
// oldest first, at the place of the first of them; other paths keep their places.
// ["a.log", "b.log", "a.log.2.gz", "a.log.1"] becomes ["a.log.2.gz", "a.log.1", "a.log", "b.log"].
void OrderRotatedSets(std::vector<std::string>& paths);

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_ROTATED_NAME_H_
