// Descriptor-relative creation; the collision suffix is tried a bounded number of times.
#include "output_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "safe_name.h"

namespace seckit::disk_carve {
namespace {

constexpr int kMaxSuffix = 10000;

std::string Errno() { return std::strerror(errno); }

// Opens (creating if needed) the directory `name` inside `parent`; -1 when that name is taken by
// something that is not a directory (or a symlink, which O_NOFOLLOW refuses).
int OpenSubdir(int parent, const std::string& name) {
  if (::mkdirat(parent, name.c_str(), 0755) != 0 && errno != EEXIST) return -1;
  return ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

}  // namespace

Result<std::unique_ptr<OutputDir>> OutputDir::Open(const std::string& root) {
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  const int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::CantCreate("cannot open output directory " + root + ": " + Errno());
  return std::unique_ptr<OutputDir>(new OutputDir(fd, root));
}

OutputDir::~OutputDir() {
  for (auto& [key, dir] : dirs_) ::close(dir.first);
  ::close(root_fd_);
}

Result<std::pair<int, std::string>> OutputDir::Directory(const std::vector<std::string>& dirs) {
  int fd = root_fd_;
  std::string used;
  std::string key;
  for (const std::string& name : dirs) {
    key += '/';
    key += name;
    auto it = dirs_.find(key);
    if (it != dirs_.end()) {
      fd = it->second.first;
      used = it->second.second;
      continue;
    }
    int child = -1;
    std::string chosen = name;
    for (int n = 1; child < 0 && n <= kMaxSuffix; ++n) {
      child = OpenSubdir(fd, chosen);
      if (child < 0) chosen = WithCollisionSuffix(name, n);
    }
    if (child < 0) {
      return Status::CantCreate("cannot create directory " + root_ + used + "/" + name + ": " +
                                Errno());
    }
    used += "/" + chosen;
    dirs_[key] = {child, used};
    fd = child;
  }
  return std::make_pair(fd, used);
}

Result<CreatedFile> OutputDir::Create(const std::vector<std::string>& components) {
  if (components.empty()) return Status::Internal("OutputDir::Create without a name");
  std::vector<std::string> dirs(components.begin(), components.end() - 1);
  Result<std::pair<int, std::string>> dir = Directory(dirs);
  if (!dir.ok()) return dir.status();
  const std::string& name = components.back();
  std::string chosen = name;
  for (int n = 1; n <= kMaxSuffix; ++n) {
    const int fd = ::openat(dir->first, chosen.c_str(),
                            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0) {
      CreatedFile file;
      file.fd = fd;
      file.dir_fd = dir->first;
      file.name = chosen;
      file.path = root_ + dir->second + "/" + chosen;
      return file;
    }
    if (errno != EEXIST) break;
    chosen = WithCollisionSuffix(name, n);
  }
  return Status::CantCreate("cannot create " + root_ + dir->second + "/" + name + ": " + Errno());
}

void OutputDir::RemoveFailed(const CreatedFile& file) {
  ::unlinkat(file.dir_fd, file.name.c_str(), 0);
}

}  // namespace seckit::disk_carve
