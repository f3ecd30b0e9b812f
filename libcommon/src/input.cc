// Input sources: a file descriptor reader and the gzip/zstd decompressors stacked on it.
#include "seckit/input.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "seckit/interrupt.h"

namespace seckit {
namespace {

constexpr size_t kCompressedChunk = size_t{256} * 1024;

// Reads a file descriptor; can hand back the first bytes it peeked for format detection.
class FdSource final : public InputSource {
 public:
  FdSource(int fd, std::string name, uint64_t size) : fd_(fd) {
    name_ = std::move(name);
    raw_size_ = size;
    struct stat st {};
    may_block_ = fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode);
  }
  ~FdSource() override {
    if (fd_ > 0) close(fd_);
  }

  Result<size_t> Read(char* buffer, size_t n) override {
    if (peek_pos_ < peeked_.size()) {
      size_t take = std::min(n, peeked_.size() - peek_pos_);
      std::memcpy(buffer, peeked_.data() + peek_pos_, take);
      peek_pos_ += take;
      return take;
    }
    return ReadFd(buffer, n);
  }

  uint64_t raw_offset() const override { return offset_; }

  // Fills the peek buffer with up to `n` bytes (fewer at end of input).
  Status Peek(size_t n) {
    peeked_.resize(n);
    size_t have = 0;
    while (have < n) {
      Result<size_t> got = ReadFd(peeked_.data() + have, n - have);
      if (!got.ok()) return got.status();
      if (*got == 0) break;
      have += *got;
    }
    peeked_.resize(have);
    return Status::Ok();
  }
  const std::vector<char>& peeked() const { return peeked_; }

 private:
  // A signal that arrives while a block is being processed (not during read) must still stop the
  // tool: the flag is checked before every read, and a pipe or terminal, where read can block for
  // ever, is read only once poll says data (or its end) is there, polling again every 100 ms, so
  // a signal landing between the check and the read is seen at the next round.
  Result<size_t> ReadFd(char* buffer, size_t n) {
    for (;;) {
      if (Interrupted()) return Status::Interrupted();
      if (may_block_) {
        pollfd ready{fd_, POLLIN, 0};
        const int polled = poll(&ready, 1, 100);
        if (polled == 0 || (polled < 0 && errno == EINTR)) continue;  // the loop checks the flag
      }
      ssize_t got = ::read(fd_, buffer, n);
      if (got >= 0) {
        offset_ += static_cast<uint64_t>(got);
        return static_cast<size_t>(got);
      }
      if (errno == EINTR) {
        if (Interrupted()) return Status::Interrupted();
        continue;
      }
      return Status::IoError("cannot read " + name_ + ": " + std::strerror(errno));
    }
  }

  int fd_;
  bool may_block_ = true;  // not a regular file: read may wait for the writer
  uint64_t offset_ = 0;
  std::vector<char> peeked_;
  size_t peek_pos_ = 0;
};

// Decompresses gzip (and concatenated gzip members, as gzip -d does).
class GzipSource final : public InputSource {
 public:
  explicit GzipSource(std::unique_ptr<FdSource> raw) : raw_(std::move(raw)), chunk_(kCompressedChunk) {
    name_ = raw_->name();
    raw_size_ = raw_->raw_size();
    compression_ = Compression::kGzip;
    std::memset(&zs_, 0, sizeof zs_);
    inflateInit2(&zs_, 15 + 16);
  }
  ~GzipSource() override { inflateEnd(&zs_); }

  Result<size_t> Read(char* buffer, size_t n) override {
    Bytef* out = reinterpret_cast<Bytef*>(buffer);
    zs_.next_out = out;
    zs_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    for (;;) {
      if (zs_.avail_in == 0) {
        Result<size_t> got = raw_->Read(chunk_.data(), chunk_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          if (mid_member_) return Truncated();
          return size_t{0};
        }
        zs_.next_in = reinterpret_cast<Bytef*>(chunk_.data());
        zs_.avail_in = static_cast<uInt>(*got);
      }
      mid_member_ = true;
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        mid_member_ = false;  // the next member, if any, starts a new gzip header
        inflateReset(&zs_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Status::DataError("corrupt gzip data in " + name_ + " near compressed byte " +
                                 std::to_string(CompressedOffset()) + ": " +
                                 (zs_.msg != nullptr ? zs_.msg : "inflate failed"));
      }
      if (zs_.next_out != out) return static_cast<size_t>(zs_.next_out - out);
    }
  }

  uint64_t raw_offset() const override { return CompressedOffset(); }

 private:
  uint64_t CompressedOffset() const { return raw_->raw_offset() - zs_.avail_in; }
  Status Truncated() const {
    return Status::DataError("truncated gzip data in " + name_ + " (ends at compressed byte " +
                             std::to_string(CompressedOffset()) + ")");
  }

  std::unique_ptr<FdSource> raw_;
  std::vector<char> chunk_;
  z_stream zs_;
  bool mid_member_ = false;
};

// Decompresses zstd (any number of frames).
class ZstdSource final : public InputSource {
 public:
  explicit ZstdSource(std::unique_ptr<FdSource> raw)
      : raw_(std::move(raw)), chunk_(ZSTD_DStreamInSize()), stream_(ZSTD_createDStream()) {
    name_ = raw_->name();
    raw_size_ = raw_->raw_size();
    compression_ = Compression::kZstd;
    ZSTD_initDStream(stream_);
  }
  ~ZstdSource() override { ZSTD_freeDStream(stream_); }

  Result<size_t> Read(char* buffer, size_t n) override {
    ZSTD_outBuffer out{buffer, n, 0};
    while (out.pos == 0) {
      if (in_.pos == in_.size) {
        Result<size_t> got = raw_->Read(chunk_.data(), chunk_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          if (frame_open_) {
            return Status::DataError("truncated zstd data in " + name_ + " (ends at compressed byte " +
                                     std::to_string(raw_->raw_offset()) + ")");
          }
          return size_t{0};
        }
        in_ = ZSTD_inBuffer{chunk_.data(), *got, 0};
      }
      size_t rc = ZSTD_decompressStream(stream_, &out, &in_);
      if (ZSTD_isError(rc)) {
        return Status::DataError("corrupt zstd data in " + name_ + " near compressed byte " +
                                 std::to_string(raw_offset()) + ": " + ZSTD_getErrorName(rc));
      }
      frame_open_ = rc != 0;
    }
    return out.pos;
  }

  uint64_t raw_offset() const override { return raw_->raw_offset() - (in_.size - in_.pos); }

 private:
  std::unique_ptr<FdSource> raw_;
  std::vector<char> chunk_;
  ZSTD_DStream* stream_;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  bool frame_open_ = false;
};

Result<std::unique_ptr<InputSource>> Detect(std::unique_ptr<FdSource> raw) {
  SECKIT_RETURN_IF_ERROR(raw->Peek(4));
  const std::vector<char>& magic = raw->peeked();
  auto byte = [&](size_t i) { return static_cast<unsigned char>(magic[i]); };
  if (magic.size() >= 2 && byte(0) == 0x1f && byte(1) == 0x8b) {
    return std::unique_ptr<InputSource>(new GzipSource(std::move(raw)));
  }
  if (magic.size() >= 4 && byte(0) == 0x28 && byte(1) == 0xb5 && byte(2) == 0x2f &&
      byte(3) == 0xfd) {
    return std::unique_ptr<InputSource>(new ZstdSource(std::move(raw)));
  }
  return std::unique_ptr<InputSource>(std::move(raw));
}

}  // namespace

Result<std::unique_ptr<InputSource>> OpenInputFd(int fd, std::string name) {
  struct stat st {};
  uint64_t size = 0;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) size = static_cast<uint64_t>(st.st_size);
  return Detect(std::make_unique<FdSource>(fd, std::move(name), size));
}

Result<std::unique_ptr<InputSource>> OpenInput(const std::string& path) {
  if (path == "-") {
    int fd = dup(STDIN_FILENO);
    if (fd < 0) return Status::NoInput(std::string("cannot read standard input: ") + std::strerror(errno));
    return OpenInputFd(fd, "(standard input)");
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return Status::NoInput("cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    return Status::NoInput("cannot read " + path + ": is a directory");
  }
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return OpenInputFd(fd, path);
}

}  // namespace seckit
