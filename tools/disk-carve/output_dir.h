// OutputDir: creates directories and files under one directory, and nowhere else. Every step is
// relative to a directory descriptor (openat/mkdirat) with O_NOFOLLOW, and files are created with
// O_EXCL, so neither symlinks planted in the tree nor names from a hostile image can lead outside
// it, and no existing file is overwritten.
#ifndef SECKIT_DISK_CARVE_OUTPUT_DIR_H_
#define SECKIT_DISK_CARVE_OUTPUT_DIR_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "seckit/status.h"

namespace seckit::disk_carve {

struct CreatedFile {
  int fd = -1;       // open for writing; the caller closes it
  int dir_fd = -1;   // the directory holding it (owned by OutputDir), for RemoveFailed
  std::string name;  // its name in that directory
  std::string path;  // the root as given, then the relative path actually used
};

class OutputDir {
 public:
  // Creates `root` (and its parents) when missing and opens it. Status::CantCreate on failure.
  static Result<std::unique_ptr<OutputDir>> Open(const std::string& root);
  ~OutputDir();
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  // Creates the file `components.back()` in the directories `components[0..n-2]` (components
  // already safe, see safe_name.h). A name that is taken — by a file, or by anything that is not
  // a directory we can enter — gets "~1", "~2" ... Status::CantCreate when it cannot be created.
  Result<CreatedFile> Create(const std::vector<std::string>& components);

  // Removes a file Create made (after a failed copy).
  void RemoveFailed(const CreatedFile& file);

  const std::string& root() const { return root_; }

 private:
  OutputDir(int fd, std::string root) : root_fd_(fd), root_(std::move(root)) {}
  // The descriptor of the directory at relative path `dirs` (created as needed), and its path.
  Result<std::pair<int, std::string>> Directory(const std::vector<std::string>& dirs);

  int root_fd_;
  std::string root_;
  // Directories opened so far, by the safe path asked for: descriptor and path actually used.
  std::map<std::string, std::pair<int, std::string>> dirs_;
};

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_OUTPUT_DIR_H_
