// Creating the cache file and its directories owner-only, without trusting the umask.
#include "private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace seckit::ioc_enrich {
namespace {

std::string Why(int error) { return std::strerror(error); }

// mkdir -p with mode 0700 for the directories it creates. mkdir's mode is subject to the umask,
// so each new directory gets an explicit chmod.
Status MakePrivateDirs(const std::string& dir) {
  if (dir.empty()) return Status::Ok();
  for (size_t end = dir.find('/', 1);; end = dir.find('/', end + 1)) {
    const std::string prefix = dir.substr(0, end);
    if (mkdir(prefix.c_str(), 0700) == 0) {
      if (chmod(prefix.c_str(), 0700) != 0) {
        return Status::CantCreate("cannot make directory " + prefix + " private: " + Why(errno));
      }
    } else if (errno != EEXIST) {
      return Status::CantCreate("cannot create directory " + prefix + ": " + Why(errno));
    }
    if (end == std::string::npos) break;
  }
  return Status::Ok();
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

Status PreparePrivateFile(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    SECKIT_RETURN_IF_ERROR(MakePrivateDirs(path.substr(0, slash)));
  }
  bool created = true;
  int raw = open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (raw < 0 && errno == EEXIST) {
    created = false;
    raw = open(path.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  }
  if (raw < 0) {
    const int error = errno;
    if (error == ELOOP) return Status::DataError(path + ": is a symbolic link; refusing to use it");
    if (error == EISDIR) return Status::DataError(path + ": is a directory, not a cache file");
    return Status::CantCreate("cannot open " + path + ": " + Why(error));
  }
  Fd fd(raw);
  struct stat st {};
  if (fstat(fd.get(), &st) != 0)
    return Status::CantCreate("cannot stat " + path + ": " + Why(errno));
  if (!S_ISREG(st.st_mode)) return Status::DataError(path + ": not a regular file");
  const mode_t wanted = created ? 0600 : (st.st_mode & 0700);
  if (created || (st.st_mode & 077) != 0) {
    if (fchmod(fd.get(), wanted) != 0) {
      return Status::NoPermission(
          path + " can be read by others and cannot be made private: " + Why(errno));
    }
  }
  // The descriptor closes here, before SQLite opens the file: closing any descriptor of a file
  // drops every POSIX lock the process holds on it, SQLite's included.
  return Status::Ok();
}

}  // namespace seckit::ioc_enrich
