// disk-carve's options, filled from the command line by cli.cc and read by the subcommands' flows.
#ifndef SECKIT_DISK_CARVE_OPTIONS_H_
#define SECKIT_DISK_CARVE_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "seckit/status.h"
#include "seckit/tool_main.h"

namespace seckit::disk_carve {

enum class Command { kNone, kList, kRecover, kCarve };

struct Options {
  Command command = Command::kNone;
  std::string image;       // the image (first segment of a split raw image, E01, device)
  int64_t partition = -1;  // --partition N: only the volume in mmls slot N (-1: all)
  std::string hashes;      // --hash md5,sha1,sha256 ("" = none; carve defaults to sha256)
  std::string yara_rules;  // --yara FILE|DIR
  bool mime = false;       // --mime
  bool bodyfile = false;   // list --bodyfile
  // recover
  std::string out_dir;                  // --out DIR (recover, carve)
  bool deleted_only = false;            // --deleted
  std::vector<std::string> globs;       // --glob PATTERN on the full path
  std::vector<std::string> extensions;  // --ext EXT
  std::vector<std::string> inodes;      // --inode N
  // carve
  std::string types;                     // --types jpg,png,... ("" = all)
  bool all_space = false;                // --all: the whole image, not only unallocated space
  uint64_t max_size = 256ull << 20;      // --max-size: longest file carved
  uint64_t yara_max_size = 64ull << 20;  // files larger than this are not YARA-scanned
  // The guard around libtsk (fs_guard.h), per file system; 0 turns a limit off.
  uint64_t fs_memory_limit = 2ull << 30;  // --fs-memory-limit BYTES: address space of the child
  uint32_t fs_stall_timeout = 60;         // --fs-stall-timeout SECONDS without progress
  uint32_t fs_timeout = 0;                // --fs-timeout SECONDS in all
};

// The tool's definition for ToolMain: its self-description, subcommands, flags and Run.
ToolSpec MakeSpec();

// Dispatches to the chosen subcommand.
Status Run(const Options& options, Io& io);

Status RunList(const Options& options, Io& io);
Status RunRecover(const Options& options, Io& io);
Status RunCarve(const Options& options, Io& io);

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_OPTIONS_H_
