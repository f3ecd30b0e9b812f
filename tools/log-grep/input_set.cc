// Expanding log-grep's command-line paths: directory walks (-r/-R), globs, rotated-set order.
#include "input_set.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "rotated_name.h"
#include "seckit/interrupt.h"

namespace seckit::log_grep {
namespace {

struct DirId {
  dev_t dev;
  ino_t ino;
  bool operator==(const DirId&) const = default;
};

class Walker {
 public:
  Walker(const InputSetOptions& options, Diagnostics& diag) : options_(options), diag_(diag) {}

  Status AddArgument(const std::string& arg);
  // The working directory, for -r without paths; its files are named without "./".
  Status AddWorkingDirectory();
  InputSet& result() { return result_; }

 private:
  Status Walk(int dir_fd, const std::string& display, std::vector<DirId>& ancestors);
  Status WalkEntry(int dir_fd, const std::string& name, const std::string& display,
                   std::vector<DirId>& ancestors);
  Status EnterDirectory(int dir_fd, const std::string& name, const std::string& display,
                        const struct stat& st, std::vector<DirId>& ancestors);
  bool Selected(const std::string& name) const;
  void Skipped(const std::string& what, const std::string& path, int error) {
    diag_.Error(what + " " + path + ": " + std::strerror(error));
    result_.outcome = MoreSerious(result_.outcome, ExitCode::kNoInput);
  }

  const InputSetOptions& options_;
  Diagnostics& diag_;
  InputSet result_;
};

std::string Join(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

Status Walker::AddArgument(const std::string& arg) {
  if (arg == "-") {
    result_.paths.push_back(arg);
    return Status::Ok();
  }
  struct stat st {};
  if (stat(arg.c_str(), &st) != 0) {
    Skipped("cannot open", arg, errno);
    return Status::Ok();
  }
  if (S_ISDIR(st.st_mode)) {
    if (!options_.recursive && !options_.follow_symlinks) {
      diag_.Error("cannot read " + arg + ": is a directory (use -r to search it)");
      result_.outcome = MoreSerious(result_.outcome, ExitCode::kNoInput);
      return Status::Ok();
    }
    std::vector<DirId> ancestors;
    return EnterDirectory(AT_FDCWD, arg, arg, st, ancestors);
  }
  if (S_ISREG(st.st_mode)) {
    // Checked here so an unreadable file is reported once, with the others still read.
    int fd = ::open(arg.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
      Skipped("cannot open", arg, errno);
      return Status::Ok();
    }
    close(fd);
  }
  // FIFOs and devices named explicitly are the user's choice; they are not opened here, since
  // opening a FIFO to test it would disturb its writer.
  result_.paths.push_back(arg);
  return Status::Ok();
}

Status Walker::AddWorkingDirectory() {
  struct stat st {};
  if (stat(".", &st) != 0) {
    Skipped("cannot read directory", ".", errno);
    return Status::Ok();
  }
  std::vector<DirId> ancestors;
  return EnterDirectory(AT_FDCWD, ".", "", st, ancestors);
}

// Opens the directory `name` (relative to `dir_fd`), shown as `display`, and walks it.
Status Walker::EnterDirectory(int dir_fd, const std::string& name, const std::string& display,
                              const struct stat& st, std::vector<DirId>& ancestors) {
  DirId id{st.st_dev, st.st_ino};
  if (std::find(ancestors.begin(), ancestors.end(), id) != ancestors.end()) {
    diag_.Warning("recursive directory loop, not entered again", display);
    return Status::Ok();
  }
  int fd = openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    Skipped("cannot read directory", display.empty() ? "." : display, errno);
    return Status::Ok();
  }
  ancestors.push_back(id);
  Status status = Walk(fd, display, ancestors);
  ancestors.pop_back();
  close(fd);
  return status;
}

Status Walker::Walk(int dir_fd, const std::string& display, std::vector<DirId>& ancestors) {
  int list_fd = dup(dir_fd);  // fdopendir takes its descriptor; ours stays for the *at calls
  DIR* dir = list_fd < 0 ? nullptr : fdopendir(list_fd);
  if (dir == nullptr) {
    if (list_fd >= 0) close(list_fd);
    Skipped("cannot read directory", display.empty() ? "." : display, errno);
    return Status::Ok();
  }
  std::vector<std::string> names;
  errno = 0;
  while (struct dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  int error = errno;
  closedir(dir);
  if (error != 0) Skipped("cannot read directory", display.empty() ? "." : display, error);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (Interrupted()) return Status::Interrupted();
    SECKIT_RETURN_IF_ERROR(WalkEntry(dir_fd, name, Join(display, name), ancestors));
  }
  return Status::Ok();
}

Status Walker::WalkEntry(int dir_fd, const std::string& name, const std::string& display,
                         std::vector<DirId>& ancestors) {
  struct stat st {};
  if (fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    Skipped("cannot open", display, errno);
    return Status::Ok();
  }
  if (S_ISLNK(st.st_mode)) {
    if (!options_.follow_symlinks) {
      diag_.Note("symbolic link skipped (use -R to follow)", display);
      return Status::Ok();
    }
    if (fstatat(dir_fd, name.c_str(), &st, 0) != 0) {
      Skipped("cannot open", display, errno);
      return Status::Ok();
    }
  }
  if (S_ISDIR(st.st_mode)) return EnterDirectory(dir_fd, name, display, st, ancestors);
  if (!S_ISREG(st.st_mode)) {
    diag_.Note("not a regular file, skipped", display);
    return Status::Ok();
  }
  if (!Selected(name)) return Status::Ok();
  int fd = openat(dir_fd, name.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    Skipped("cannot open", display, errno);
    return Status::Ok();
  }
  close(fd);
  result_.paths.push_back(display);
  return Status::Ok();
}

bool Walker::Selected(const std::string& name) const {
  auto matches = [&](const std::string& glob) {
    return fnmatch(glob.c_str(), name.c_str(), 0) == 0;
  };
  if (std::any_of(options_.exclude.begin(), options_.exclude.end(), matches)) return false;
  return options_.include.empty() ||
         std::any_of(options_.include.begin(), options_.include.end(), matches);
}

}  // namespace

Result<InputSet> ExpandInputs(const std::vector<std::string>& args, const InputSetOptions& options,
                              Diagnostics& diag) {
  Walker walker(options, diag);
  bool recursive = options.recursive || options.follow_symlinks;
  if (args.empty()) {
    if (recursive) {
      SECKIT_RETURN_IF_ERROR(walker.AddWorkingDirectory());
    } else {
      SECKIT_RETURN_IF_ERROR(walker.AddArgument("-"));
    }
  }
  for (const std::string& arg : args) SECKIT_RETURN_IF_ERROR(walker.AddArgument(arg));
  InputSet& result = walker.result();
  if (options.order_rotated) OrderRotatedSets(result.paths);
  // cppcheck-suppress returnStdMoveLocal ; `result` is a reference into `walker`, not a local:
  // without the move it would be copied.
  return std::move(result);
}

bool LooksBinary(std::span<const uint8_t> first_block) {
  size_t n = std::min(first_block.size(), kBinaryProbeBytes);
  return n > 0 && std::memchr(first_block.data(), 0, n) != nullptr;
}

}  // namespace seckit::log_grep
