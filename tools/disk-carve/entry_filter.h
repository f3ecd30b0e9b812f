// EntryFilter: which entries recover (and list) keep — --deleted, --glob, --ext, --inode.
#ifndef SECKIT_DISK_CARVE_ENTRY_FILTER_H_
#define SECKIT_DISK_CARVE_ENTRY_FILTER_H_

#include <string>
#include <vector>

#include "file_walk.h"
#include "options.h"

namespace seckit::disk_carve {

class EntryFilter {
 public:
  explicit EntryFilter(const Options& options);
  // True when `entry` passes every filter given (each filter with several values: any of them).
  bool Keeps(const FileEntry& entry) const;

 private:
  bool deleted_only_;
  std::vector<std::string> globs_;       // fnmatch on the full path
  std::vector<std::string> extensions_;  // lower case, without the dot
  std::vector<std::string> inodes_;
};

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_ENTRY_FILTER_H_
