// Buffered output to a descriptor, with atomic replacement of output files.
#include "seckit/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace seckit {

OutputStream::OutputStream(int fd, bool owns_fd, std::string name)
    : fd_(fd), owns_fd_(owns_fd), name_(std::move(name)),
      is_terminal_(fd != kNoFd && isatty(fd) == 1) {
  buffer_.reserve(kBufferSize + 4096);
  line_buffered_ = is_terminal_;
}

OutputStream::~OutputStream() {
  if (!committed_) Flush().ok();
  if (owns_fd_) close(fd_);
  if (!temp_path_.empty() && !committed_) unlink(temp_path_.c_str());
}

std::unique_ptr<OutputStream> OutputStream::ForFd(int fd, std::string name) {
  return std::unique_ptr<OutputStream>(new OutputStream(fd, false, std::move(name)));
}

std::unique_ptr<OutputStream> OutputStream::InMemory(std::string name) {
  return std::unique_ptr<OutputStream>(new OutputStream(kNoFd, false, std::move(name)));
}

Result<std::unique_ptr<OutputStream>> OutputStream::Open(const std::string& path) {
  if (path.empty() || path == "-") return ForFd(STDOUT_FILENO, "standard output");
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string temp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) return Status::CantCreate("cannot create " + path + ": " + std::strerror(errno));
  // mkostemp creates 0600; give the file the mode a plain open() would have under the umask.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  std::unique_ptr<OutputStream> out(new OutputStream(fd, true, path));
  out->final_path_ = path;
  out->temp_path_ = temp;
  return out;
}

void OutputStream::Drain() {
  if (fd_ == kNoFd) return;  // in memory: the owner takes the buffer
  WriteOut(buffer_);
  buffer_.clear();
}

void OutputStream::WriteThrough(std::string_view data) {
  if (fd_ == kNoFd || data.size() < kBufferSize) {
    Write(data);
    return;
  }
  Drain();
  WriteOut(data);
}

void OutputStream::WriteOut(std::string_view data) {
  size_t done = 0;
  while (done < data.size() && status_.ok() && !closed_by_reader_) {
    ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
    if (n >= 0) {
      done += static_cast<size_t>(n);
    } else if (errno == EPIPE) {
      closed_by_reader_ = true;
    } else if (errno != EINTR) {
      status_ = Status::IoError("cannot write " + name_ + ": " + std::strerror(errno));
    }
  }
}

Status OutputStream::Flush() {
  Drain();
  return status_;
}

Status OutputStream::Commit() {
  if (committed_) return status_;
  Drain();
  committed_ = true;
  if (temp_path_.empty()) return status_;
  if (status_.ok() && fsync(fd_) != 0 && errno != EINVAL) {
    status_ = Status::IoError("cannot write " + name_ + ": " + std::strerror(errno));
  }
  if (status_.ok() && rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    status_ = Status::CantCreate("cannot create " + final_path_ + ": " + std::strerror(errno));
  }
  if (!status_.ok()) unlink(temp_path_.c_str());
  return status_;
}

}  // namespace seckit
