// Opening files for the resume state: probing identities, and opening at a saved offset.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "resume_internal.h"
#include "resume_state.h"
#include "rotated_name.h"
#include "seckit/hash.h"
#include "seckit/interrupt.h"

namespace seckit::log_grep {
namespace resume {

Probe ProbeFile(const std::string& path) {
  Probe probe;
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return probe;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return probe;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return probe;
  }
  probe.identity.dev = static_cast<uint64_t>(st.st_dev);
  probe.identity.inode = static_cast<uint64_t>(st.st_ino);
  probe.identity.size = static_cast<uint64_t>(st.st_size);
  Result<std::unique_ptr<InputSource>> in = OpenInputFd(fd, path);  // owns fd from here
  if (!in.ok()) return probe;
  probe.head.resize(kFingerprintBytes);
  size_t have = 0;
  while (have < probe.head.size()) {
    Result<size_t> got = (*in)->Read(probe.head.data() + have, probe.head.size() - have);
    if (!got.ok()) return probe;  // corrupt compressed data: reading it will say so
    if (*got == 0) break;
    have += *got;
  }
  probe.head.resize(have);
  Result<std::string> hex = HashBytes(HashAlgorithm::kSha256, probe.head);
  if (!hex.ok()) return probe;
  probe.identity.compressed = (*in)->compression() != Compression::kNone;
  probe.identity.fingerprint = std::move(hex).value();
  probe.identity.fingerprint_length = have;
  probe.ok = true;
  return probe;
}

bool FingerprintMatches(const FileIdentity& entry, std::string_view head) {
  if (entry.fingerprint_length > head.size()) return false;
  Result<std::string> hex =
      HashBytes(HashAlgorithm::kSha256, head.substr(0, entry.fingerprint_length));
  return hex.ok() && *hex == entry.fingerprint;
}

std::string AbsolutePath(const std::string& path) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(path, error);
  if (error) return path;
  return absolute.lexically_normal().string();
}

std::pair<std::string, std::string> RotationSetOf(const std::string& absolute_path) {
  std::filesystem::path path(absolute_path);
  std::string name = path.filename().string();
  return {path.parent_path().string(), std::string(ParseRotatedName(name).base)};
}

}  // namespace resume

namespace {

bool IsCompressedMagic(const unsigned char* magic, ssize_t n) {
  if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return true;
  return n >= 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd;
}

// Reads and drops the first `offset` bytes of `in`.
Status Skip(InputSource& in, uint64_t offset) {
  std::vector<char> buffer(size_t{256} * 1024);
  uint64_t done = 0;
  while (done < offset) {
    if (Interrupted()) return Status::Interrupted();
    size_t want = static_cast<size_t>(std::min<uint64_t>(buffer.size(), offset - done));
    Result<size_t> got = in.Read(buffer.data(), want);
    if (!got.ok()) return got.status();
    if (*got == 0) {
      return Status::DataError(in.name() + " holds only " + std::to_string(done) +
                               " bytes, fewer than the saved offset " + std::to_string(offset));
    }
    done += *got;
  }
  return Status::Ok();
}

Result<std::unique_ptr<InputSource>> Open(const std::string& path, uint64_t offset,
                                          const FileIdentity* expect) {
  if (path == "-") {
    Result<std::unique_ptr<InputSource>> in = OpenInput(path);
    if (in.ok()) SECKIT_RETURN_IF_ERROR(Skip(**in, offset));
    return in;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return Status::NoInput("cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    Status status = Status::NoInput("cannot open " + path + ": " + std::strerror(errno));
    close(fd);
    return status;
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    return Status::NoInput("cannot read " + path + ": is a directory");
  }
  if (expect != nullptr && (static_cast<uint64_t>(st.st_dev) != expect->dev ||
                            static_cast<uint64_t>(st.st_ino) != expect->inode)) {
    close(fd);
    return Status::TempFail(path + " changed since it was planned (rotated during the run); " +
                            "the next run reads it");
  }
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  if (S_ISREG(st.st_mode) && offset > 0) {
    unsigned char magic[4] = {};
    if (!IsCompressedMagic(magic, pread(fd, magic, sizeof magic, 0))) {
      if (offset > static_cast<uint64_t>(st.st_size)) {
        close(fd);
        return Status::DataError(path + " holds only " + std::to_string(st.st_size) +
                                 " bytes, fewer than the saved offset " + std::to_string(offset));
      }
      // OpenInputFd sniffs the bytes at the current position; seek only when they cannot be
      // mistaken for a compressed stream, else skip by reading from the start.
      ssize_t n = pread(fd, magic, sizeof magic, static_cast<off_t>(offset));
      if (!IsCompressedMagic(magic, n) &&
          lseek(fd, static_cast<off_t>(offset), SEEK_SET) == static_cast<off_t>(offset)) {
        return OpenInputFd(fd, path);
      }
    }
  }
  Result<std::unique_ptr<InputSource>> in = OpenInputFd(fd, path);
  if (in.ok()) SECKIT_RETURN_IF_ERROR(Skip(**in, offset));
  return in;
}

}  // namespace

Result<std::unique_ptr<InputSource>> OpenAt(const std::string& path, uint64_t offset) {
  return Open(path, offset, nullptr);
}

Result<std::unique_ptr<InputSource>> OpenPlanned(const ReadPlan& plan) {
  return Open(plan.path, plan.start_offset, plan.tracked ? &plan.identity : nullptr);
}

uint64_t EndOfCompleteLines(const LineBlock& block) {
  const void* last = memrchr(block.text.data(), '\n', block.text.size());
  if (last == nullptr) return block.offset;
  return block.offset + static_cast<uint64_t>(static_cast<const char*>(last) - block.text.data()) +
         1;
}

}  // namespace seckit::log_grep
